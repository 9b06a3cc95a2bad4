import { and, count, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { comment, reviewDecision, reviewReadMark, revision } from '../../db/schema';
import type { MarkReadRequest, UnreadDto } from '../../lib/api/dto';
import { AppError } from '../../lib/errors';
import { requireProjectAccess } from '../access/project-access';
import type { CommentContext } from './comments';

/** The scope of the read mark of the project's decisions (a revision's comments use its id). */
export const DECISIONS_SCOPE = 'decisions';

/** What others wrote later than this member read: nothing written by themselves counts. */
const EPOCH = sql`to_timestamp(0)`;

/**
 * What a member has not read yet in a project: comments by others on each revision since they last
 * had its page open, and review decisions by others since they last looked at the workflow.
 * Deleted comments do not count.
 */
export async function getUnread(ctx: CommentContext, options: { userId: string; projectId: string }): Promise<UnreadDto> {
  await requireProjectAccess(ctx.db, { ...options, action: 'read' });
  const mark = (scope: typeof comment.revisionId | string) =>
    and(eq(reviewReadMark.userId, options.userId), eq(reviewReadMark.projectId, options.projectId), eq(reviewReadMark.scope, scope));
  const byOthers = (author: typeof comment.authorId | typeof reviewDecision.userId) => or(isNull(author), ne(author, options.userId));
  const comments = await ctx.db
    .select({ revisionId: comment.revisionId, n: count() })
    .from(comment)
    .leftJoin(reviewReadMark, mark(comment.revisionId))
    .where(and(eq(comment.projectId, options.projectId), isNull(comment.deletedAt), byOthers(comment.authorId), gt(comment.createdAt, sql`coalesce(${reviewReadMark.seenAt}, ${EPOCH})`)))
    .groupBy(comment.revisionId);
  const [decisions] = await ctx.db
    .select({ n: count() })
    .from(reviewDecision)
    .leftJoin(reviewReadMark, mark(DECISIONS_SCOPE))
    .where(and(eq(reviewDecision.projectId, options.projectId), byOthers(reviewDecision.userId), gt(reviewDecision.createdAt, sql`coalesce(${reviewReadMark.seenAt}, ${EPOCH})`)));
  const byRevision = Object.fromEntries(comments.map((c) => [c.revisionId, Number(c.n)]));
  const commentCount = comments.reduce((n, c) => n + Number(c.n), 0);
  const decisionCount = Number(decisions?.n ?? 0);
  return { comments: commentCount, decisions: decisionCount, total: commentCount + decisionCount, byRevision };
}

/**
 * Marks a revision's comments (`revisionId`) and/or the project's decisions (`decisions`) read up
 * to now. A mark only moves forward.
 */
export async function markRead(ctx: CommentContext, options: MarkReadRequest & { userId: string; projectId: string }): Promise<UnreadDto> {
  await requireProjectAccess(ctx.db, { projectId: options.projectId, userId: options.userId, action: 'read' });
  const scopes: string[] = [];
  if (options.revisionId !== undefined) {
    const [rev] = await ctx.db.select({ projectId: revision.projectId }).from(revision).where(eq(revision.id, options.revisionId)).limit(1);
    if (!rev || rev.projectId !== options.projectId) throw new AppError('not_found', { message: 'revision not found', details: { field: 'revisionId' } });
    scopes.push(options.revisionId);
  }
  if (options.decisions) scopes.push(DECISIONS_SCOPE);
  const now = ctx.now();
  for (const scope of scopes) {
    await ctx.db
      .insert(reviewReadMark)
      .values({ userId: options.userId, projectId: options.projectId, scope, seenAt: now })
      .onConflictDoUpdate({ target: [reviewReadMark.userId, reviewReadMark.projectId, reviewReadMark.scope], set: { seenAt: sql`greatest(${reviewReadMark.seenAt}, ${now})` } });
  }
  return getUnread(ctx, options);
}
