'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommentDto, RevisionDto } from '../../../../../lib/api/dto';
import { displayText } from '../../../../../lib/names';
import type { Role } from '../../../../../lib/roles';
import { Button } from '../../../../_components/button';
import { Loading } from '../../../../_components/loading';
import { Notice } from '../../../../_components/notice';
import { isApiError } from '../../../../_lib/api';
import { sentence } from '../../../../_lib/format';
import { useNow } from '../common/use-now';
import { useOwned } from '../common/use-owned';
import { PlayerGroup, RenderPlayer } from '../revisions/render-player';
import { mainRender } from '../revisions/revision-format';
import { RevisionMeta } from '../revisions/revision-meta';
import { RevisionPlayer } from '../revisions/revision-player';
import { useRevisions } from '../revisions/use-revision-queries';
import { CommentComposer, type CommentDraft } from './comment-composer';
import { CommentLane, MarkerOverlay } from './comment-lane';
import { layoutMarkers } from './comment-markers';
import { adjacentComment } from './comment-navigation';
import { type CommentActions, CommentThread } from './comment-thread';
import { buildThreads, threadOf } from './comment-threads';
import { commentAnchor, parseDeepLink, revisionLink } from './deep-link';
import { SEEK_STEP_SEC } from './review-shortcuts';
import { formatTimecode } from './timecode';
import { useCommentMutations, useComments, useMarkRead, useRevisionDetail } from './use-review-queries';
import { useReviewShortcuts } from './use-review-shortcuts';
import { WorkflowPanel } from './workflow-panel';
import { CompareSection } from './compare-section';

export interface RevisionReviewProps {
  projectId: string;
  revisionId: string;
  userId: string;
  role: Role;
}

/** A point mark is this many pixels wide at the page's usual waveform width, as a share of it. */
const POINT_SHARE = 10 / 900;

/**
 * The revision page: the stored render with its comment marks, the threads beside it, the
 * workflow, and what changed since the revision before. Comments by others appear by themselves
 * (the list is polled); the keyboard drives the player and the comments.
 */
export function RevisionReview({ projectId, revisionId, userId, role }: RevisionReviewProps) {
  const detail = useRevisionDetail(revisionId);
  const revisions = useRevisions(projectId);

  if (detail.isPending) return <Loading label="Loading the revision…" />;
  if (detail.isError) {
    const missing = isApiError(detail.error) && detail.error.status === 404;
    return (
      <Notice tone="error" title={missing ? 'Revision not found' : 'Could not load the revision'}>
        {missing ? 'It does not exist in this project. ' : `${detail.error.message} `}
        <Link href={`/projects/${projectId}`}>Back to the mixer</Link>
      </Notice>
    );
  }
  const { revision, mix } = detail.data;
  const others = (revisions.data ?? []).filter((r) => r.id !== revision.id && r.status !== 'deleted');
  return <RevisionReviewLoaded key={revision.id} projectId={projectId} revision={revision} tracks={mix?.tracks ?? []} others={others} userId={userId} role={role} />;
}

interface LoadedProps {
  projectId: string;
  revision: RevisionDto;
  tracks: ReadonlyArray<{ id: string; name: string }>;
  others: readonly RevisionDto[];
  userId: string;
  role: Role;
}

function RevisionReviewLoaded({ projectId, revision, tracks, others, userId, role }: LoadedProps) {
  const render = mainRender(revision);
  const group = useMemo(() => new PlayerGroup(), []);
  const player = useOwned(() => (render ? new RenderPlayer({ url: render.audioUrl, durationSec: render.durationSec, group }) : null), [render?.audioUrl, render?.durationSec, group]);
  const comments = useComments(revision.id);
  const mutations = useCommentMutations(revision.id);
  const [draft, setDraft] = useState<CommentDraft | null>(null);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [hideResolved, setHideResolved] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const now = useNow(30_000);
  const durationSec = render?.durationSec ?? 0;
  const pagePath = `/projects/${projectId}/review/${revision.id}`;

  // The comments on the page are read: each time the list changes (polling keeps its identity otherwise).
  const markRead = useMarkRead(projectId).mutate;
  useEffect(() => {
    if (comments.data) markRead({ revisionId: revision.id });
  }, [comments.data, markRead, revision.id]);

  const threads = useMemo(() => buildThreads(comments.data ?? []), [comments.data]);
  const shown = useMemo(() => (hideResolved ? threads.filter((t) => !t.root.resolved) : threads), [threads, hideResolved]);
  const trackNames = useMemo(() => new Map(tracks.map((t) => [t.id, t.name])), [tracks]);
  const markers = useMemo(() => layoutMarkers(shown, durationSec, { pointShare: POINT_SHARE }), [shown, durationSec]);
  const labels = useMemo(
    () =>
      new Map(
        shown.map(({ root }) => {
          const who = root.author ? displayText(root.author.name) : 'a former member';
          const when = root.endSec === null ? formatTimecode(root.atSec) : `${formatTimecode(root.atSec)} to ${formatTimecode(root.endSec)}`;
          const track = root.trackId ? ` on ${displayText(trackNames.get(root.trackId) ?? root.trackId)}` : '';
          const text = displayText(root.body);
          return [root.id, `Comment by ${who} at ${when}${track}${root.resolved ? ' (resolved)' : ''}: ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`];
        }),
      ),
    [shown, trackNames],
  );

  const goTo = useCallback(
    (comment: CommentDto, scroll: boolean) => {
      const thread = threadOf(threads, comment.id);
      player?.seek(thread && thread.root.id !== comment.id ? thread.root.atSec : comment.atSec);
      setCurrentId(thread?.root.id ?? comment.id);
      if (scroll) requestAnimationFrame(() => document.getElementById(commentAnchor(comment.id))?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
    },
    [player, threads],
  );

  // Deep links: ?t= seeks; #comment-<id> goes to the comment once the list is there, and again on hash changes.
  const linked = useRef(false);
  useEffect(() => {
    if (!player || !comments.isSuccess) return;
    const follow = () => {
      const link = parseDeepLink(window.location.search, window.location.hash);
      const comment = link.commentId ? comments.data.find((c) => c.id === link.commentId) : undefined;
      if (comment) goTo(comment, true);
      else if (link.timeSec !== null && !linked.current) player.seek(link.timeSec);
      linked.current = true;
    };
    if (!linked.current) follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [player, comments.isSuccess, comments.data, goTo]);

  const jump = (direction: 1 | -1) => {
    if (!player) return;
    const next = adjacentComment(
      shown.map((t) => t.root),
      player.snapshot.timeSec,
      direction,
    );
    if (next) goTo(next, true);
  };

  useReviewShortcuts({
    playPause: () => player?.toggle(),
    back: () => player && player.seek(player.snapshot.timeSec - SEEK_STEP_SEC),
    forward: () => player && player.seek(player.snapshot.timeSec + SEEK_STEP_SEC),
    comment: () => player && setDraft({ atSec: player.snapshot.timeSec, endSec: null, trackId: null }),
    nextComment: () => jump(1),
    previousComment: () => jump(-1),
  });

  const attempt = async (what: string, run: () => Promise<unknown>): Promise<boolean> => {
    setProblem(null);
    try {
      await run();
      return true;
    } catch (err) {
      setProblem(`Could not ${what}: ${sentence(err instanceof Error ? err.message : String(err))}`);
      return false;
    }
  };

  const actions = useMemo<CommentActions>(
    () => ({
      seek: (sec) => player?.seek(sec),
      reply: (parentId, body) => {
        const parent = comments.data?.find((c) => c.id === parentId);
        return attempt('reply', () => mutations.create.mutateAsync({ body, atSec: parent?.atSec ?? 0, parentId }));
      },
      edit: (id, body) => attempt('save the comment', () => mutations.update.mutateAsync({ id, body })),
      remove: (id) => attempt('delete the comment', () => mutations.remove.mutateAsync(id)),
      resolve: (id, resolved) => attempt(resolved ? 'resolve the comment' : 'reopen the comment', () => mutations.update.mutateAsync({ id, resolved })),
      linkTo: (comment) => revisionLink(pagePath, { commentId: comment.id }),
    }),
    // The mutation objects are stable; their results are read when called.
    [player, comments.data, pagePath],
  );

  const post = async (body: string): Promise<boolean> => {
    if (!draft) return false;
    const ok = await attempt('post the comment', async () => {
      const created = await mutations.create.mutateAsync({ body, atSec: draft.atSec, ...(draft.endSec !== null ? { endSec: draft.endSec } : {}), ...(draft.trackId ? { trackId: draft.trackId } : {}) });
      setCurrentId(created.id);
    });
    if (ok) setDraft(null);
    return ok;
  };

  const title = displayText(revision.title);
  const previous = others.filter((r) => r.number < revision.number).sort((a, b) => b.number - a.number)[0];
  const open = threads.filter((t) => !t.root.resolved && !t.root.deleted).length;

  return (
    <div className="review">
      <section className="review__main" aria-label={`Revision ${revision.number}`}>
        <div className="review__head">
          <h2 className="review__title">
            <span className="revision__number">#{revision.number}</span> {title}
          </h2>
          <span className={`revision__kind revision__kind--${revision.kind}`}>{revision.kind === 'mix' ? 'Mix' : 'Master'}</span>
          <RevisionMeta revision={revision} now={now} />
          {revision.notes && <p className="revision__notes review__notes">{displayText(revision.notes)}</p>}
        </div>
        {revision.status === 'deleted' && <Notice tone="warning" title="This revision was deleted">Its render is gone; its comments stay.</Notice>}
        {revision.status === 'rendering' && <Notice tone="info" title="Not rendered yet">It can be played and commented on at a time once its render is uploaded.</Notice>}
        {render && player && (
          <div className="review__player">
            <RevisionPlayer
              revisionId={revision.id}
              render={render}
              label={`revision ${revision.number}`}
              player={player}
              pageKeys
              overlay={<MarkerOverlay markers={markers} pending={draft} durationSec={durationSec} />}
              below={
                <CommentLane
                  markers={markers}
                  labels={labels}
                  durationSec={durationSec}
                  currentId={currentId}
                  onPick={(atSec, endSec) => setDraft((d) => ({ atSec, endSec, trackId: d?.trackId ?? null }))}
                  onOpen={(id) => {
                    const c = comments.data?.find((x) => x.id === id);
                    if (c) goTo(c, true);
                  }}
                />
              }
            />
            <div className="review__tools">
              <Button size="sm" variant="secondary" onClick={() => setDraft({ atSec: player.snapshot.timeSec, endSec: null, trackId: null })} aria-keyshortcuts="C">
                Comment at playhead
              </Button>
              <span className="review__keys">Space play · ←/→ 5 s · C comment · J/K next/previous comment · click or drag under the waveform to comment on a time or range</span>
            </div>
          </div>
        )}
        {draft && render && (
          <CommentComposer
            draft={draft}
            tracks={tracks}
            durationSec={durationSec}
            busy={mutations.create.isPending}
            error={null}
            onDraft={setDraft}
            onSubmit={post}
            onCancel={() => setDraft(null)}
          />
        )}
        {problem && (
          <p className="review__problem" role="alert">
            {problem}
          </p>
        )}
        <CompareSection revision={revision} others={others} previous={previous} group={group} />
      </section>
      <aside className="review__side" aria-label="Review">
        <WorkflowPanel projectId={projectId} role={role} revision={revision} />
        <section className="review__comments" aria-label="Comments">
          <div className="review__comments-head">
            <h3 className="review__section-title">
              Comments <span className="review__count">{threads.length === 0 ? '' : `${open} open of ${threads.length}`}</span>
            </h3>
            <label className="review__filter">
              <input type="checkbox" checked={hideResolved} onChange={(e) => setHideResolved(e.currentTarget.checked)} /> Hide resolved
            </label>
          </div>
          {comments.isPending && <p className="revisions-panel__note">Loading comments…</p>}
          {comments.isError && (
            <p className="revisions-panel__note" role="alert">
              Could not load the comments: {comments.error.message}
            </p>
          )}
          {comments.isSuccess && threads.length === 0 && <p className="revisions-panel__note">No comments yet. Press C to comment at the playhead, or click under the waveform.</p>}
          <ol className="review__threads" aria-label="Threads">
            {shown.map((thread) => (
              <CommentThread key={thread.root.id} thread={thread} userId={userId} role={role} trackNames={trackNames} current={thread.root.id === currentId} nowMs={now} actions={actions} />
            ))}
          </ol>
        </section>
      </aside>
    </div>
  );
}
