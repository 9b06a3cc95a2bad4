'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { RevisionDto } from '../../../../../lib/api/dto';
import { displayText } from '../../../../../lib/names';
import { Button } from '../../../../_components/button';
import { ConfirmAction } from '../../../../_components/confirm-action';
import { sentence } from '../../../../_lib/format';
import { relativeTime } from './relative-time';
import { mainRender } from './revision-format';
import { RevisionDiff } from './revision-diff';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';
import { RevisionMeta } from './revision-meta';
import { RevisionPlayer } from './revision-player';
import type { PlayerGroup } from './render-player';

export interface RevisionItemProps {
  revision: RevisionDto;
  /** The other revisions it can be compared with (not deleted). */
  others: readonly RevisionDto[];
  nowMs: number;
  group: PlayerGroup;
  /** What the user may do with it now (role rules, and no render running). */
  canRender: boolean;
  canRestore: boolean;
  canDelete: boolean;
  onRender(revision: RevisionDto): void;
  onRestore(revision: RevisionDto): Promise<unknown>;
  onDelete(revision: RevisionDto): Promise<unknown>;
  /** Comments by others on it the user has not read. */
  unread: number;
}

/** The diff in the studio: a comparison with live follows the live mix (the blame model's version). */
function LiveRevisionDiff({ revision, others }: { revision: RevisionDto; others: readonly RevisionDto[] }) {
  const { blame } = useStudio();
  const liveVersion = useStore(blame, (s) => s.version);
  return <RevisionDiff revision={revision} others={others} liveVersion={liveVersion} />;
}

const STATUS_TEXT = { rendering: 'Rendering', ready: 'Ready', deleted: 'Deleted' } as const;

/** One revision in the list: what it is, its player, and compare, render now, restore and delete. */
export function RevisionItem({ revision, others, nowMs, group, canRender, canRestore, canDelete, onRender, onRestore, onDelete, unread }: RevisionItemProps) {
  const [comparing, setComparing] = useState(false);
  const [busy, setBusy] = useState<'restore' | 'delete' | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  /** Each finished action closes its confirmation (a new key makes a new, closed one). */
  const [done, setDone] = useState(0);
  const label = `revision ${revision.number}`;
  const render = mainRender(revision);
  const title = displayText(revision.title);
  const author = revision.author ? displayText(revision.author.name) : 'a former member';

  const run = async (action: 'restore' | 'delete') => {
    setBusy(action);
    setOutcome(null);
    try {
      const result = await (action === 'restore' ? onRestore(revision) : onDelete(revision));
      if (action === 'restore') {
        const changes = (result as { changes?: number } | undefined)?.changes ?? 0;
        setOutcome({ ok: true, text: changes === 0 ? 'Restored: the live mix already had its values.' : `Restored: ${changes} ${changes === 1 ? 'value' : 'values'} written into the live mix.` });
      }
    } catch (err) {
      setOutcome({ ok: false, text: sentence(err instanceof Error ? err.message : String(err)) });
    } finally {
      setBusy(null);
      setDone((n) => n + 1);
    }
  };

  if (revision.status === 'deleted') {
    return (
      <article className="revision revision--deleted" aria-label={`Revision ${revision.number}`}>
        <div className="revision__head">
          <span className="revision__number">#{revision.number}</span>
          <span className="revision__title">{title}</span>
          <span className="revision__status revision__status--deleted">{STATUS_TEXT.deleted}</span>
        </div>
        <p className="revision__meta">
          {revision.kind === 'mix' ? 'Mix' : 'Master'} by {author} · deleted
          {revision.deletedBy ? ` by ${displayText(revision.deletedBy.name)}` : ''}
          {revision.deletedAt ? ` ${relativeTime(revision.deletedAt, nowMs)}` : ''}
        </p>
      </article>
    );
  }

  return (
    <article className={`revision revision--${revision.status}`} aria-label={`Revision ${revision.number}`}>
      <div className="revision__head">
        <span className="revision__number">#{revision.number}</span>
        <span className="revision__title" title={title}>
          {title}
        </span>
        <span className={`revision__kind revision__kind--${revision.kind}`}>{revision.kind === 'mix' ? 'Mix' : 'Master'}</span>
        <span className={`revision__status revision__status--${revision.status}`}>{STATUS_TEXT[revision.status]}</span>
      </div>
      <RevisionMeta revision={revision} now={nowMs} />
      {revision.notes && <p className="revision__notes">{displayText(revision.notes)}</p>}
      {render ? (
        <RevisionPlayer revisionId={revision.id} render={render} label={label} group={group} />
      ) : (
        <p className="revision__pending">Not rendered yet: it can be played once its render is uploaded.</p>
      )}
      <div className="revision__actions">
        <Link className="btn btn--secondary btn--sm" href={`/projects/${revision.projectId}/review/${revision.id}`} aria-label={`Open revision ${revision.number}${unread > 0 ? `, ${unread} unread comment${unread === 1 ? '' : 's'}` : ''}`} title="Its page: comments, the workflow, A/B">
          Open
          {unread > 0 && (
            <span className="unread-badge" aria-hidden="true">
              {unread}
            </span>
          )}
        </Link>
        <Button size="sm" variant="ghost" aria-expanded={comparing} onClick={() => setComparing((c) => !c)}>
          {comparing ? 'Hide changes' : 'Changes'}
        </Button>
        {revision.status === 'rendering' && canRender && (
          <Button size="sm" variant="secondary" onClick={() => onRender(revision)}>
            Render now
          </Button>
        )}
        {canRestore && (
          <ConfirmAction
            key={`restore-${done}`}
            label="Restore"
            busy={busy === 'restore'}
            message={`Write the values of revision ${revision.number} into the live mix, for everyone? Restoring another revision undoes it.`}
            onConfirm={() => void run('restore')}
          />
        )}
        {canDelete && (
          <ConfirmAction
            key={`delete-${done}`}
            label="Delete"
            busy={busy === 'delete'}
            message={`Delete revision ${revision.number} and its renders? Its number and title stay in the list.`}
            onConfirm={() => void run('delete')}
          />
        )}
      </div>
      {outcome && (
        <p className={`revision__outcome${outcome.ok ? '' : ' revision__outcome--error'}`} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
      {comparing && <LiveRevisionDiff revision={revision} others={others} />}
    </article>
  );
}
