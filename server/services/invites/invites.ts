import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { invite, member, project } from '../../../db/schema';
import type { InviteDto, InvitePreviewDto, ProjectDto } from '../../../lib/api/dto';
import { AppError } from '../../../lib/errors';
import type { Role } from '../../../lib/roles';
import { requireProjectAccess } from '../../access/project-access';
import { hashSecret, newId, newSecret } from '../secret-token';
import type { ServiceContext } from '../service-context';
import { getProject } from '../projects/projects';

const DAY_MS = 86_400_000;
/** @default 7 days: long enough to reach someone, short enough that a leaked link goes stale. */
export const DEFAULT_INVITE_DAYS = 7;

function toDto(row: typeof invite.$inferSelect): InviteDto {
  return { id: row.id, role: row.role, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString() };
}

export function inviteUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/invite/${token}`;
}

export async function createInvite(
  ctx: ServiceContext,
  options: { userId: string; projectId: string; role: Role; expiresInDays?: number },
): Promise<{ url: string; invite: InviteDto }> {
  await requireProjectAccess(ctx.db, { userId: options.userId, projectId: options.projectId, action: 'manageInvites' });
  const { secret, hash } = newSecret('inv');
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(invite)
    .values({
      id: newId(),
      projectId: options.projectId,
      role: options.role,
      tokenHash: hash,
      createdBy: options.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + (options.expiresInDays ?? DEFAULT_INVITE_DAYS) * DAY_MS),
    })
    .returning();
  return { url: inviteUrl(ctx.publicUrl, secret), invite: toDto(row) };
}

/** Open invites: neither accepted nor expired. */
export async function listInvites(ctx: ServiceContext, options: { userId: string; projectId: string }): Promise<InviteDto[]> {
  await requireProjectAccess(ctx.db, { ...options, action: 'manageInvites' });
  const rows = await ctx.db
    .select()
    .from(invite)
    .where(and(eq(invite.projectId, options.projectId), isNull(invite.acceptedAt), gt(invite.expiresAt, ctx.now())))
    .orderBy(asc(invite.createdAt));
  return rows.map(toDto);
}

export async function revokeInvite(
  ctx: ServiceContext,
  options: { userId: string; projectId: string; inviteId: string },
): Promise<void> {
  await requireProjectAccess(ctx.db, { userId: options.userId, projectId: options.projectId, action: 'manageInvites' });
  const deleted = await ctx.db
    .delete(invite)
    .where(and(eq(invite.id, options.inviteId), eq(invite.projectId, options.projectId)))
    .returning({ id: invite.id });
  if (deleted.length === 0) throw new AppError('not_found', { message: 'invite not found' });
}

function invalidInvite(): AppError {
  return new AppError('not_found', {
    message: 'invite not found, already used, revoked or expired',
    userMessage: 'This invite link is not valid any more: it was used, revoked or has expired. Ask the lead for a new one.',
  });
}

async function findOpenInvite(ctx: ServiceContext, token: string) {
  if (token.length > 200) return undefined;
  const rows = await ctx.db
    .select({ invite, projectName: project.name })
    .from(invite)
    .innerJoin(project, eq(project.id, invite.projectId))
    .where(and(eq(invite.tokenHash, hashSecret(token)), isNull(invite.acceptedAt), gt(invite.expiresAt, ctx.now())))
    .limit(1);
  return rows[0];
}

/** What the link offers, shown before accepting. Knowing the token is the permission. */
export async function previewInvite(ctx: ServiceContext, options: { token: string }): Promise<InvitePreviewDto> {
  const found = await findOpenInvite(ctx, options.token);
  if (!found) throw invalidInvite();
  return {
    projectId: found.invite.projectId,
    projectName: found.projectName,
    role: found.invite.role,
    expiresAt: found.invite.expiresAt.toISOString(),
  };
}

/**
 * Joins the project with the invite's role and uses the invite up. A user who is already a member
 * keeps their role (an invite never demotes anyone) and the invite stays open for whom it was meant.
 */
export async function acceptInvite(ctx: ServiceContext, options: { userId: string; token: string }): Promise<ProjectDto> {
  const now = ctx.now();
  const projectId = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(invite)
      .where(and(eq(invite.tokenHash, hashSecret(options.token)), isNull(invite.acceptedAt), gt(invite.expiresAt, now)))
      .for('update')
      .limit(1);
    const row = rows[0];
    if (!row) throw invalidInvite();
    const inserted = await tx
      .insert(member)
      .values({ projectId: row.projectId, userId: options.userId, role: row.role, createdAt: now })
      .onConflictDoNothing()
      .returning({ userId: member.userId });
    if (inserted.length > 0) {
      await tx.update(invite).set({ acceptedAt: now, acceptedBy: options.userId }).where(eq(invite.id, row.id));
    }
    return row.projectId;
  });
  return getProject(ctx, { userId: options.userId, projectId });
}
