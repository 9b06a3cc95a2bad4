'use client';

import { useEffect, useMemo, useState } from 'react';
import { displayText } from '../../../../../lib/names';
import type { ActivityEntry } from '../../../../../server/activity/activity';
import { Button } from '../../../../_components/button';
import { useStudio } from '../studio-context';
import { relativeTime } from './relative-time';
import { useActivity } from './use-revision-queries';

const KIND_MARK: Partial<Record<ActivityEntry['kind'], string>> = {
  edit: 'edit',
  revision_published: 'revision',
  revision_rendered: 'revision',
  revision_restored: 'restore',
  revision_deleted: 'delete',
  track_removed: 'delete',
  bus_removed: 'delete',
  comment_created: 'comment',
  review_decided: 'review',
};

/**
 * The project's activity, newest first: edits grouped per person and track, uploads, assignments,
 * revisions. New entries appear by themselves (the loaded pages are read again every few
 * seconds); "Load older" pages back.
 */
export function ActivityFeed() {
  const { projectId } = useStudio();
  const activity = useActivity(projectId);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setNow(Date.now()), [activity.dataUpdatedAt]);
  // Pages overlap when new entries push older ones down between reads: each entry once.
  const entries = useMemo(() => {
    const seen = new Set<string>();
    return (activity.data?.pages ?? []).flatMap((page) => page.entries).filter((e) => !seen.has(e.id) && seen.add(e.id));
  }, [activity.data]);

  return (
    <div className="activity">
      {activity.isPending && <p className="revisions-panel__note">Loading activity…</p>}
      {activity.isError && (
        <p className="revisions-panel__note" role="alert">
          Could not load the activity: {activity.error.message}
        </p>
      )}
      {activity.isSuccess && entries.length === 0 && <p className="revisions-panel__note">Nothing has happened in this project yet.</p>}
      {entries.length > 0 && (
        <ol className="activity__list" aria-label="Activity">
          {entries.map((entry) => (
            <li key={entry.id} className={`activity__entry activity__entry--${KIND_MARK[entry.kind] ?? 'other'}`}>
              <span className="activity__text">{displayText(entry.text)}</span>
              <time className="activity__time" dateTime={entry.at} title={new Date(entry.at).toLocaleString('en-GB')}>
                {relativeTime(entry.at, now)}
              </time>
            </li>
          ))}
        </ol>
      )}
      {activity.hasNextPage && (
        <Button size="sm" variant="secondary" busy={activity.isFetchingNextPage} onClick={() => void activity.fetchNextPage()}>
          Load older
        </Button>
      )}
    </div>
  );
}
