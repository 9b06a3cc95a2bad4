'use client';

import Link from 'next/link';
import { useEffect, useId, useState } from 'react';
import type { ReviewDto, RevisionDto } from '../../../../../lib/api/dto';
import { COMMENT_MAX_CHARS } from '../../../../../lib/comment-rules';
import { displayText } from '../../../../../lib/names';
import { DECISION_TEXT, decidesAnything, decisionsFor, isReviewAction, REVIEW_RULES, REVIEW_STATE_ORDER, type ReviewAction, stateLabel } from '../../../../../lib/review-workflow';
import type { Role } from '../../../../../lib/roles';
import { Button } from '../../../../_components/button';
import { relativeTime } from '../revisions/relative-time';
import { decisionError } from './decision-error';
import { useRevisions } from '../revisions/use-revision-queries';
import { useDecide, useMarkRead, useReview } from './use-review-queries';

export interface WorkflowPanelProps {
  projectId: string;
  role: Role;
  /** On a revision page: the revision it is about (submitted, or where a send-back's note goes). */
  revision?: RevisionDto;
}

/**
 * The revisions a submission may name: on a revision page that revision (when it is of the kind
 * and rendered), elsewhere every rendered revision of the kind, newest first.
 */
function candidatesFor(action: ReviewAction, revision: RevisionDto | undefined, all: readonly RevisionDto[]): RevisionDto[] {
  const kind = REVIEW_RULES[action].revision;
  if (!kind) return [];
  const pool = revision ? [revision] : all;
  return pool.filter((r) => r.kind === kind && r.status === 'ready');
}

function ReviewProgress({ state }: { state: ReviewDto['state'] }) {
  const at = REVIEW_STATE_ORDER.indexOf(state);
  return (
    <ol className="workflow__steps" aria-label="Review stages">
      {REVIEW_STATE_ORDER.map((s, i) => (
        <li key={s} className={`workflow__step${i < at ? ' workflow__step--done' : ''}${i === at ? ' workflow__step--current' : ''}`} aria-current={i === at ? 'step' : undefined}>
          {stateLabel(s)}
        </li>
      ))}
    </ol>
  );
}

/**
 * Where the project stands in the review workflow and its history (who decided what, when, on
 * which revision, with which note), and the decisions the user may take now, read from the same
 * rule table the server enforces (lib/review-workflow.ts). A send-back asks for its note.
 */
export function WorkflowPanel({ projectId, role, revision }: WorkflowPanelProps) {
  const review = useReview(projectId);
  const revisions = useRevisions(projectId);
  const decide = useDecide(projectId);
  const [noteFor, setNoteFor] = useState<ReviewAction | null>(null);
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<Partial<Record<ReviewAction, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const noteId = useId();
  useEffect(() => setNow(Date.now()), [review.dataUpdatedAt]);
  // Shown is read: the decisions count as read whenever the history shown changes.
  const markRead = useMarkRead(projectId).mutate;
  const history = review.data?.history;
  useEffect(() => {
    if (history) markRead({ decisions: true });
  }, [history, markRead]);

  if (review.isPending) return <section className="workflow" aria-label="Workflow"><p className="revisions-panel__note">Loading the review state…</p></section>;
  if (review.isError) {
    return (
      <section className="workflow" aria-label="Workflow">
        <p className="revisions-panel__note" role="alert">Could not load the review state: {review.error.message}</p>
      </section>
    );
  }
  const { state } = review.data;
  const decisions = review.data.history;
  const under = review.data.revision;
  const all = revisions.data ?? [];
  const actions = decisionsFor(state, role).filter((a) => REVIEW_RULES[a].revision === null || candidatesFor(a, revision, all).length > 0);

  const run = async (action: ReviewAction) => {
    setError(null);
    const rule = REVIEW_RULES[action];
    const candidates = candidatesFor(action, revision, all);
    const revisionId = rule.revision ? (picked[action] ?? candidates[0]?.id) : action === 'send_back' ? revision?.id : undefined;
    try {
      await decide.mutateAsync({ action, note: rule.note ? note : '', ...(revisionId ? { revisionId } : {}) });
      setNoteFor(null);
      setNote('');
    } catch (err) {
      setError(decisionError(err));
    }
  };

  return (
    <section className="workflow" aria-label="Workflow">
      <div className="workflow__state">
        <span className="workflow__label">Project state</span>
        <strong className={`workflow__badge workflow__badge--${state}`}>{stateLabel(state)}</strong>
        {under && (
          <Link className="workflow__under" href={`/projects/${projectId}/review/${under.id}`}>
            revision {under.number} ({under.kind})
          </Link>
        )}
      </div>
      <ReviewProgress state={state} />
      {!decidesAnything(role) ? (
        <p className="workflow__hint">Reviewers listen and comment; the lead and the mastering engineer decide.</p>
      ) : actions.length === 0 ? (
        <p className="workflow__hint">Nothing for you to decide {revision ? 'on this revision ' : ''}while the project is in {stateLabel(state)}.</p>
      ) : (
        <div className="workflow__actions">
          {actions.map((action) => {
            const candidates = candidatesFor(action, revision, all);
            return (
              <div key={action} className="workflow__action">
                {!revision && candidates.length > 1 && (
                  <select className="input workflow__pick" aria-label={`Revision to ${DECISION_TEXT[action].button.toLowerCase()}`} value={picked[action] ?? candidates[0].id} onChange={(e) => setPicked({ ...picked, [action]: e.currentTarget.value })}>
                    {candidates.map((r) => (
                      <option key={r.id} value={r.id}>
                        revision {r.number}: {displayText(r.title)}
                      </option>
                    ))}
                  </select>
                )}
                <Button
                  size="sm"
                  variant={action === 'send_back' ? 'danger' : 'primary'}
                  busy={decide.isPending && decide.variables?.action === action}
                  disabled={decide.isPending}
                  aria-expanded={REVIEW_RULES[action].note ? noteFor === action : undefined}
                  onClick={() => (REVIEW_RULES[action].note ? setNoteFor(noteFor === action ? null : action) : void run(action))}
                >
                  {DECISION_TEXT[action].button}
                  {REVIEW_RULES[action].revision && !revision && candidates.length === 1 ? ` (revision ${candidates[0].number})` : ''}
                </Button>
              </div>
            );
          })}
        </div>
      )}
      {noteFor && (
        <form
          className="workflow__note"
          onSubmit={(e) => {
            e.preventDefault();
            void run(noteFor);
          }}
        >
          <label htmlFor={noteId}>Why? (required; it becomes a comment on the revision)</label>
          <textarea id={noteId} className="input" rows={3} maxLength={COMMENT_MAX_CHARS} value={note} required autoFocus onChange={(e) => setNote(e.currentTarget.value)} />
          <div className="workflow__note-actions">
            <Button type="submit" size="sm" variant="danger-solid" busy={decide.isPending} disabled={note.trim() === ''}>
              Send back to mixing
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setNoteFor(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {error && (
        <p className="workflow__error" role="alert">
          {error}
        </p>
      )}
      {decisions.length > 0 && (
        <ol className="workflow__history" aria-label="Decisions">
          {decisions.map((d) => (
            <li key={d.id} className="workflow__decision">
              <span>
                <strong>{d.user ? displayText(d.user.name) : 'A former member'}</strong> {isReviewAction(d.action) ? DECISION_TEXT[d.action].done : d.action}
                {d.revision && (
                  <>
                    {' '}
                    (<Link href={`/projects/${projectId}/review/${d.revision.id}`}>revision {d.revision.number}</Link>)
                  </>
                )}
              </span>
              <time className="workflow__when" dateTime={d.at} title={new Date(d.at).toLocaleString('en-GB')}>
                {relativeTime(d.at, now)}
              </time>
              {d.note && <p className="workflow__decision-note">{displayText(d.note)}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
