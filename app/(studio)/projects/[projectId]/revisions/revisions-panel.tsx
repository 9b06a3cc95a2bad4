'use client';

import { useMemo, useState } from 'react';
import type { RevisionDto } from '../../../../../lib/api/dto';
import { can } from '../../../../../lib/project-actions';
import { Button } from '../../../../_components/button';
import { useNow } from '../common/use-now';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';
import { isPublishBusy } from './publish-flow';
import { PublishDialog } from './publish-dialog';
import { PublishStatus } from './publish-status';
import { PlayerGroup } from './render-player';
import { RevisionItem } from './revision-item';
import { publishableKinds } from './revision-rules';
import { useDeleteRevision, useRestoreRevision, useRevisions } from './use-revision-queries';
import { useUnread } from '../review/use-review-queries';

/** Ages ("2 min ago") are redrawn this often. */
const CLOCK_MS = 30_000;

/** The project's revisions, newest first: publish, the render in progress, and each revision with its player. */
export function RevisionsPanel() {
  const { projectId, role, publish } = useStudio();
  const revisions = useRevisions(projectId);
  const unread = useUnread(projectId).data?.byRevision;
  const restore = useRestoreRevision(projectId);
  const remove = useDeleteRevision(projectId);
  const busy = useStore(publish, isPublishBusy);
  const [dialog, setDialog] = useState(false);
  const group = useMemo(() => new PlayerGroup(), []);
  const now = useNow(CLOCK_MS);
  const kinds = publishableKinds(role);
  const list = revisions.data ?? [];
  const live = useMemo(() => list.filter((r) => r.status !== 'deleted'), [list]);
  const nextNumber = (list[0]?.number ?? 0) + 1;
  const canRestore = can(role, 'restoreRevision');
  const canDelete = can(role, 'deleteRevision');

  const othersOf = (revision: RevisionDto) => live.filter((r) => r.id !== revision.id);

  return (
    <div className="revisions-panel">
      <div className="revisions-panel__toolbar">
        {kinds.length > 0 ? (
          <Button variant="primary" size="sm" disabled={busy} onClick={() => setDialog(true)} title={busy ? 'A render is running' : 'Publish the live mix as a revision'}>
            Publish…
          </Button>
        ) : (
          <span className="revisions-panel__note">The lead publishes mixes, the mastering engineer masters.</span>
        )}
      </div>
      <PublishStatus />
      {revisions.isPending && <p className="revisions-panel__note">Loading revisions…</p>}
      {revisions.isError && (
        <p className="revisions-panel__note" role="alert">
          Could not load the revisions: {revisions.error.message}
        </p>
      )}
      {revisions.isSuccess && list.length === 0 && (
        <div className="empty-state revisions-panel__empty">
          <strong>No revisions yet</strong>
          <span>A revision keeps the mix as it was, with a render everyone can play, compare and go back to.</span>
        </div>
      )}
      {list.length > 0 && (
        <ol className="revisions-panel__list" aria-label="Revisions">
          {list.map((revision) => (
            <li key={revision.id}>
              <RevisionItem
                revision={revision}
                others={othersOf(revision)}
                nowMs={now}
                group={group}
                canRender={!busy && kinds.includes(revision.kind)}
                canRestore={canRestore}
                canDelete={canDelete}
                onRender={(r) => void publish.renderRevision(r)}
                onRestore={(r) => restore.mutateAsync(r.id)}
                onDelete={(r) => remove.mutateAsync(r.id)}
                unread={unread?.[revision.id] ?? 0}
              />
            </li>
          ))}
        </ol>
      )}
      {dialog && (
        <PublishDialog
          kinds={kinds}
          nextNumber={nextNumber}
          onClose={() => setDialog(false)}
          onPublish={(request) => {
            setDialog(false);
            void publish.publish(request);
          }}
        />
      )}
    </div>
  );
}
