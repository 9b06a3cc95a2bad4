'use client';

import { memo, useState } from 'react';
import type { CommentDto } from '../../../../../lib/api/dto';
import { mayDeleteComment, mayEditComment, mayResolveComment } from '../../../../../lib/comment-rules';
import { displayText } from '../../../../../lib/names';
import type { Role } from '../../../../../lib/roles';
import { Button } from '../../../../_components/button';
import { relativeTime } from '../revisions/relative-time';
import { CommentText } from './comment-text';
import { CommentTextarea } from './comment-textarea';
import type { Thread } from './comment-threads';
import { commentAnchor } from './deep-link';
import { formatTimecode } from './timecode';

export interface CommentActions {
  seek(sec: number): void;
  reply(parentId: string, body: string): Promise<boolean>;
  edit(id: string, body: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  resolve(id: string, resolved: boolean): Promise<boolean>;
  /** The address of a comment, to copy. */
  linkTo(comment: CommentDto): string;
}

export interface CommentThreadProps {
  thread: Thread;
  userId: string;
  role: Role;
  trackNames: ReadonlyMap<string, string>;
  /** The thread J/K or a link brought into view. */
  current: boolean;
  nowMs: number;
  actions: CommentActions;
}

function TextEditor({ initial, label, submitLabel, onSubmit, onCancel }: { initial: string; label: string; submitLabel: string; onSubmit(text: string): Promise<boolean>; onCancel(): void }) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (text.trim() === '' || busy) return;
    setBusy(true);
    const ok = await onSubmit(text);
    setBusy(false);
    if (ok) onCancel();
  };
  return (
    <form
      className="comment__editor"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <CommentTextarea aria-label={label} rows={2} value={text} onChange={setText} onSubmit={() => void submit()} />
      <div className="comment__editor-actions">
        <Button type="submit" size="sm" variant="primary" busy={busy} disabled={text.trim() === ''}>
          {submitLabel}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function CommentView({ comment, root, userId, role, trackNames, nowMs, actions, onReply }: { comment: CommentDto; root: boolean; userId: string; role: Role; trackNames: ReadonlyMap<string, string>; nowMs: number; actions: CommentActions; onReply?: () => void }) {
  const [editing, setEditing] = useState(false);
  const [copied, setCopied] = useState(false);
  const ownership = { authorId: comment.author?.id ?? null };
  const author = comment.author ? displayText(comment.author.name) : 'a former member';
  const track = comment.trackId ? (trackNames.get(comment.trackId) ?? comment.trackId) : null;
  const when = comment.endSec === null ? formatTimecode(comment.atSec) : `${formatTimecode(comment.atSec)}–${formatTimecode(comment.endSec)}`;

  if (comment.deleted) {
    return (
      <div className="comment comment--deleted" id={commentAnchor(comment.id)}>
        <p className="comment__text">This comment was deleted.</p>
      </div>
    );
  }
  return (
    <div className={`comment${root ? ' comment--root' : ''}`} id={commentAnchor(comment.id)} aria-label={`Comment by ${author}${root ? ` at ${when}` : ''}`} role="article">
      <div className="comment__head">
        <span className="comment__dot" style={{ background: comment.author?.color ?? 'var(--text-faint)' }} aria-hidden="true" />
        <span className="comment__author">{author}</span>
        {root && (
          <button type="button" className="comment__time" onClick={() => actions.seek(comment.atSec)} title="Play from here">
            {when}
          </button>
        )}
        {root && track && <span className="comment__track">{displayText(track)}</span>}
        <time className="comment__age" dateTime={comment.createdAt} title={new Date(comment.createdAt).toLocaleString('en-GB')}>
          {relativeTime(comment.createdAt, nowMs)}
          {comment.editedAt ? ' · edited' : ''}
        </time>
        {root && comment.resolved && <span className="comment__resolved">Resolved{comment.resolvedBy ? ` by ${displayText(comment.resolvedBy.name)}` : ''}</span>}
      </div>
      {editing ? (
        <TextEditor initial={comment.body} label="Edit comment" submitLabel="Save" onSubmit={(text) => actions.edit(comment.id, text)} onCancel={() => setEditing(false)} />
      ) : (
        <CommentText text={comment.body} />
      )}
      {!editing && (
        <div className="comment__actions">
          {onReply && (
            <button type="button" className="link-button" onClick={onReply}>
              Reply
            </button>
          )}
          {root && mayResolveComment(userId, role, ownership) && (
            <button type="button" className="link-button" onClick={() => void actions.resolve(comment.id, !comment.resolved)}>
              {comment.resolved ? 'Reopen' : 'Resolve'}
            </button>
          )}
          {mayEditComment(userId, ownership) && (
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {mayDeleteComment(userId, role, ownership) && (
            <button type="button" className="link-button link-button--danger" onClick={() => void actions.remove(comment.id)}>
              Delete
            </button>
          )}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              void navigator.clipboard?.writeText(new URL(actions.linkTo(comment), window.location.href).href).then(() => setCopied(true), () => undefined);
            }}
          >
            {copied ? 'Link copied' : 'Copy link'}
          </button>
        </div>
      )}
    </div>
  );
}

/** A comment and its replies: reply, edit and delete (as the rules allow), resolve and reopen. */
export const CommentThread = memo(function CommentThread({ thread, userId, role, trackNames, current, nowMs, actions }: CommentThreadProps) {
  const [replying, setReplying] = useState(false);
  const { root } = thread;
  return (
    <li className={`thread${root.resolved ? ' thread--resolved' : ''}${current ? ' thread--current' : ''}`} style={{ borderLeftColor: root.author?.color }} aria-current={current || undefined}>
      <CommentView comment={root} root userId={userId} role={role} trackNames={trackNames} nowMs={nowMs} actions={actions} onReply={root.deleted ? undefined : () => setReplying(true)} />
      {thread.replies.length > 0 && (
        <ol className="thread__replies" aria-label="Replies">
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentView comment={reply} root={false} userId={userId} role={role} trackNames={trackNames} nowMs={nowMs} actions={actions} />
            </li>
          ))}
        </ol>
      )}
      {replying && <TextEditor initial="" label="Reply" submitLabel="Reply" onSubmit={(text) => actions.reply(root.id, text)} onCancel={() => setReplying(false)} />}
    </li>
  );
});
