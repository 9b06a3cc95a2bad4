import crypto from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { comment, projectEvent, revision, user } from '../../db/schema';
import type { CommentDto, CreateCommentRequest, UpdateCommentRequest } from '../../lib/api/dto';
import type { MixSnapshot } from '../../lib/doc';
import { AppError } from '../../lib/errors';
import { mayDeleteComment, mayEditComment, mayResolveComment } from '../../lib/comment-rules';
import { requireProjectAccess } from '../access/project-access';
import { colorFor } from '../sync/awareness-filter';
import { enqueueWebhookEvent, WEBHOOK_EVENTS } from './webhooks';

export interface CommentContext {
  db: Db;
  now: () => Date;
  /** Told when webhook deliveries were queued, so they go out at once. */
  onWebhookQueued?: () => void;
}

type CommentRow = typeof comment.$inferSelect;

async function names(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function toDtos(db: Db, rows: CommentRow[]): Promise<CommentDto[]> {
  const known = await names(db, rows.flatMap((r) => [r.authorId, r.resolvedBy]));
  const name = (id: string) => known.get(id) ?? 'a former member';
  return rows.map((r) => ({
    id: r.id,
    revisionId: r.revisionId,
    parentId: r.parentId,
    author: r.authorId ? { id: r.authorId, name: name(r.authorId), color: colorFor(r.authorId) } : null,
    body: r.deletedAt ? '' : r.body,
    atSec: r.atSec,
    endSec: r.endSec,
    trackId: r.trackId,
    resolved: r.resolvedAt !== null,
    resolvedBy: r.resolvedBy ? { id: r.resolvedBy, name: name(r.resolvedBy) } : null,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    deleted: r.deletedAt !== null,
  }));
}

/** The live revision and the caller's role in its project (every member may read and comment). */
async function revisionFor(db: Db, userId: string, revisionId: string) {
  const [row] = await db.select().from(revision).where(eq(revision.id, revisionId)).limit(1);
  if (!row) throw new AppError('not_found', { message: 'revision not found' });
  const principal = await requireProjectAccess(db, { projectId: row.projectId, userId, action: 'read' });
  return { row, principal };
}

export async function listComments(ctx: CommentContext, options: { userId: string; revisionId: string }): Promise<CommentDto[]> {
  await revisionFor(ctx.db, options.userId, options.revisionId);
  const rows = await ctx.db.select().from(comment).where(eq(comment.revisionId, options.revisionId)).orderBy(asc(comment.atSec), asc(comment.createdAt));
  return toDtos(ctx.db, rows);
}

export interface CreateCommentOptions extends CreateCommentRequest {
  userId: string;
  revisionId: string;
}

/**
 * A comment on a revision at a time or range, optionally on one of its tracks, or a reply in a
 * thread. Every member may comment, reviewers included. Queues the `comment.created` webhook.
 */
export async function createComment(ctx: CommentContext, options: CreateCommentOptions): Promise<CommentDto> {
  const { row: rev } = await revisionFor(ctx.db, options.userId, options.revisionId);
  if (rev.deletedAt) throw new AppError('not_found', { message: `revision ${rev.number} was deleted` });
  const snapshot = rev.snapshot as unknown as MixSnapshot;
  if (options.trackId !== undefined && !snapshot.tracks.some((t) => t.id === options.trackId)) {
    throw new AppError('invalid_input', { message: `trackId: revision ${rev.number} has no track ${options.trackId}`, details: { field: 'trackId' } });
  }
  if (options.parentId !== undefined) {
    const [parent] = await ctx.db.select({ revisionId: comment.revisionId }).from(comment).where(eq(comment.id, options.parentId)).limit(1);
    if (!parent || parent.revisionId !== rev.id) throw new AppError('invalid_input', { message: 'parentId: no such comment on this revision', details: { field: 'parentId' } });
  }
  const now = ctx.now();
  const inserted = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(comment)
      .values({
        id: crypto.randomUUID(),
        projectId: rev.projectId,
        revisionId: rev.id,
        parentId: options.parentId ?? null,
        authorId: options.userId,
        body: options.body,
        atSec: options.atSec,
        endSec: options.endSec ?? null,
        trackId: options.trackId ?? null,
        createdAt: now,
      })
      .returning();
    await tx.insert(projectEvent).values({ projectId: rev.projectId, userId: options.userId, kind: 'comment_created', data: { revisionId: rev.id, number: rev.number, commentId: row.id, atSec: row.atSec, reply: row.parentId !== null }, createdAt: now });
    await enqueueWebhookEvent(tx as unknown as Db, rev.projectId, WEBHOOK_EVENTS.comment_created, { revisionId: rev.id, revisionNumber: rev.number, commentId: row.id, authorId: options.userId, body: row.body, atSec: row.atSec, endSec: row.endSec, trackId: row.trackId, parentId: row.parentId }, now);
    return row;
  });
  ctx.onWebhookQueued?.();
  return (await toDtos(ctx.db, [inserted]))[0];
}

async function commentFor(ctx: CommentContext, userId: string, commentId: string) {
  const [row] = await ctx.db.select().from(comment).where(eq(comment.id, commentId)).limit(1);
  if (!row) throw new AppError('not_found', { message: 'comment not found' });
  const principal = await requireProjectAccess(ctx.db, { projectId: row.projectId, userId, action: 'read' });
  if (row.deletedAt) throw new AppError('not_found', { message: 'the comment was deleted' });
  return { row, principal };
}

/** Edits your own comment's text, or resolves and reopens one. */
export async function updateComment(ctx: CommentContext, options: UpdateCommentRequest & { userId: string; commentId: string }): Promise<CommentDto> {
  const { row, principal } = await commentFor(ctx, options.userId, options.commentId);
  const set: Partial<typeof comment.$inferInsert> = {};
  if (options.body !== undefined) {
    if (!mayEditComment(options.userId, row)) throw new AppError('forbidden', { message: 'only its author edits a comment' });
    if (options.body !== row.body) Object.assign(set, { body: options.body, editedAt: ctx.now() });
  }
  if (options.resolved !== undefined) {
    if (!mayResolveComment(options.userId, principal.role, row)) throw new AppError('forbidden', { message: 'a reviewer resolves only their own comments' });
    Object.assign(set, options.resolved ? { resolvedAt: row.resolvedAt ?? ctx.now(), resolvedBy: row.resolvedBy ?? options.userId } : { resolvedAt: null, resolvedBy: null });
  }
  const [updated] = Object.keys(set).length > 0 ? await ctx.db.update(comment).set(set).where(eq(comment.id, row.id)).returning() : [row];
  return (await toDtos(ctx.db, [updated]))[0];
}

/** Deletes your own comment (the lead: any). Its text goes; its place in the thread stays. */
export async function deleteComment(ctx: CommentContext, options: { userId: string; commentId: string }): Promise<void> {
  const { row, principal } = await commentFor(ctx, options.userId, options.commentId);
  if (!mayDeleteComment(options.userId, principal.role, row)) throw new AppError('forbidden', { message: 'only its author or the lead deletes a comment' });
  await ctx.db.update(comment).set({ deletedAt: ctx.now(), body: '' }).where(and(eq(comment.id, row.id)));
}
