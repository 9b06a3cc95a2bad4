import crypto from 'node:crypto';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { comment, projectEvent, projectReview, reviewDecision, revision, revisionRender, user } from '../../db/schema';
import type { ReviewDecisionRequest, ReviewDto } from '../../lib/api/dto';
import { AppError } from '../../lib/errors';
import { requireProjectAccess } from '../access/project-access';
import type { CommentContext } from './comments';
import { REVIEW_RULES, transition, type ReviewState } from '../../lib/review-workflow';
import { enqueueWebhookEvent, WEBHOOK_EVENTS } from './webhooks';

export type ReviewContext = CommentContext;

async function currentState(db: Db, projectId: string): Promise<{ state: ReviewState; revisionId: string | null }> {
  const [row] = await db.select().from(projectReview).where(eq(projectReview.projectId, projectId)).limit(1);
  return row ? { state: row.state, revisionId: row.revisionId } : { state: 'mixing', revisionId: null };
}

export async function getReview(ctx: ReviewContext, options: { userId: string; projectId: string }): Promise<ReviewDto> {
  await requireProjectAccess(ctx.db, { ...options, action: 'read' });
  const { state, revisionId } = await currentState(ctx.db, options.projectId);
  const decisions = await ctx.db.select().from(reviewDecision).where(eq(reviewDecision.projectId, options.projectId)).orderBy(desc(reviewDecision.id)).limit(200);
  const revIds = [...new Set([revisionId, ...decisions.map((d) => d.revisionId)].filter((id): id is string => !!id))];
  const revs = revIds.length > 0 ? await ctx.db.select({ id: revision.id, number: revision.number, kind: revision.kind }).from(revision).where(inArray(revision.id, revIds)) : [];
  const userIds = [...new Set(decisions.map((d) => d.userId).filter((id): id is string => !!id))];
  const people = userIds.length > 0 ? await ctx.db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, userIds)) : [];
  const current = revs.find((r) => r.id === revisionId);
  return {
    state,
    revision: current ? { id: current.id, number: current.number, kind: current.kind } : null,
    history: decisions.map((d) => {
      const rev = revs.find((r) => r.id === d.revisionId);
      const who = people.find((p) => p.id === d.userId);
      return {
        id: d.id,
        action: d.action,
        from: d.fromState,
        to: d.toState,
        note: d.note,
        revision: rev ? { id: rev.id, number: rev.number } : null,
        user: who ? { id: who.id, name: who.name } : null,
        at: d.createdAt.toISOString(),
      };
    }),
  };
}

/**
 * Takes a decision of the workflow (review-workflow.ts): 403 for a role that may not, 409 with
 * the reason for a project elsewhere. A submission names a ready revision of its kind; a
 * send-back's note becomes a comment on the revision it is about. Every decision is recorded with
 * who, when, which revision and the note, shows in the activity feed and queues `review.decided`.
 */
export async function decideReview(ctx: ReviewContext, options: ReviewDecisionRequest & { userId: string; projectId: string }): Promise<ReviewDto> {
  const principal = await requireProjectAccess(ctx.db, { projectId: options.projectId, userId: options.userId, action: 'read' });
  const rule = REVIEW_RULES[options.action];
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    // One decision at a time per project: two at once must not both leave the same state.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`review:${options.projectId}`}))`);
    const db = tx as unknown as Db;
    const { state, revisionId: underReview } = await currentState(db, options.projectId);
    const result = transition(state, options.action, principal.role, options.note);
    if (!result.ok) {
      const code = result.status === 403 ? 'forbidden' : result.status === 409 ? 'conflict' : 'invalid_input';
      throw new AppError(code, { message: result.reason, details: result.status === 400 ? { field: 'note' } : undefined });
    }
    const revisionId = options.revisionId ?? (rule.revision ? undefined : underReview ?? undefined);
    if (rule.revision && !revisionId) throw new AppError('invalid_input', { message: `revisionId: ${options.action} names the ${rule.revision} revision`, details: { field: 'revisionId' } });
    let rev: typeof revision.$inferSelect | undefined;
    if (revisionId) {
      [rev] = await db.select().from(revision).where(eq(revision.id, revisionId)).limit(1);
      if (!rev || rev.projectId !== options.projectId || rev.deletedAt) throw new AppError('not_found', { message: 'revision not found', details: { field: 'revisionId' } });
      if (rule.revision && rev.kind !== rule.revision) throw new AppError('invalid_input', { message: `revisionId: revision ${rev.number} is a ${rev.kind}, ${options.action} takes a ${rule.revision}`, details: { field: 'revisionId' } });
      if (rule.revision) {
        const [render] = await db.select({ kind: revisionRender.kind }).from(revisionRender).where(eq(revisionRender.revisionId, rev.id));
        if (!render) throw new AppError('conflict', { message: `revision ${rev.number} is still rendering: submit it once its render is uploaded` });
      }
    }
    await db
      .insert(projectReview)
      .values({ projectId: options.projectId, state: result.to, revisionId: rev?.id ?? null, updatedAt: now })
      .onConflictDoUpdate({ target: projectReview.projectId, set: { state: result.to, revisionId: rev?.id ?? null, updatedAt: now } });
    const [decision] = await db
      .insert(reviewDecision)
      .values({ projectId: options.projectId, revisionId: rev?.id ?? null, userId: options.userId, action: options.action, fromState: state, toState: result.to, note: options.note, createdAt: now })
      .returning();
    if (options.action === 'send_back' && rev) {
      await db.insert(comment).values({ id: crypto.randomUUID(), projectId: options.projectId, revisionId: rev.id, authorId: options.userId, body: `Sent back: ${options.note.trim()}`, atSec: 0, createdAt: now });
    }
    await db.insert(projectEvent).values({
      projectId: options.projectId,
      userId: options.userId,
      kind: 'review_decided',
      data: { action: options.action, from: state, to: result.to, number: rev?.number ?? null, note: options.note },
      createdAt: now,
    });
    await enqueueWebhookEvent(db, options.projectId, WEBHOOK_EVENTS.review_decided, { decisionId: decision.id, action: options.action, from: state, to: result.to, revisionId: rev?.id ?? null, revisionNumber: rev?.number ?? null, note: options.note, userId: options.userId }, now);
  });
  ctx.onWebhookQueued?.();
  return getReview(ctx, options);
}
