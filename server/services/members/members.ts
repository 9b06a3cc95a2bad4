import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db';
import { member, user } from '../../../db/schema';
import type { MemberDto } from '../../../lib/api/dto';
import { AppError } from '../../../lib/errors';
import type { Role } from '../../../lib/roles';
import { requireProjectAccess } from '../../access/project-access';
import type { ServiceContext } from '../service-context';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export async function listMembers(ctx: ServiceContext, options: { userId: string; projectId: string }): Promise<MemberDto[]> {
  await requireProjectAccess(ctx.db, { ...options, action: 'read' });
  return ctx.db
    .select({ userId: member.userId, email: user.email, name: user.name, role: member.role })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.projectId, options.projectId))
    .orderBy(asc(user.name), asc(user.email));
}

export interface AddMemberOptions {
  userId: string;
  projectId: string;
  email: string;
  role: Role;
}

/** Adds an existing user (lead only). */
export async function addMember(ctx: ServiceContext, options: AddMemberOptions): Promise<MemberDto> {
  await requireProjectAccess(ctx.db, { userId: options.userId, projectId: options.projectId, action: 'manageMembers' });
  const email = options.email.trim().toLowerCase();
  const [target] = await ctx.db.select().from(user).where(eq(sql`lower(${user.email})`, email)).limit(1);
  if (!target) {
    throw new AppError('not_found', {
      message: `no user with the email ${email}`,
      userMessage: `No Mixroom account uses ${email}. Send them an invite link instead.`,
      details: { field: 'email' },
    });
  }
  const inserted = await ctx.db
    .insert(member)
    .values({ projectId: options.projectId, userId: target.id, role: options.role, createdAt: ctx.now() })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) {
    throw new AppError('conflict', { message: `${email} is already a member of this project`, details: { field: 'email' } });
  }
  return { userId: target.id, email: target.email, name: target.name, role: options.role };
}

async function countLeads(tx: Tx, projectId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(member)
    .where(and(eq(member.projectId, projectId), eq(member.role, 'lead')));
  return Number(row?.n ?? 0);
}

async function lockMembers(tx: Tx, projectId: string): Promise<void> {
  // Serialises lead changes of one project so that two concurrent demotions cannot leave it leaderless.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${projectId}))`);
}

export async function updateMember(
  ctx: ServiceContext,
  options: { userId: string; projectId: string; memberId: string; role: Role },
): Promise<MemberDto> {
  await requireProjectAccess(ctx.db, { userId: options.userId, projectId: options.projectId, action: 'manageMembers' });
  return ctx.db.transaction(async (tx) => {
    await lockMembers(tx, options.projectId);
    const [current] = await tx
      .select({ role: member.role, email: user.email, name: user.name })
      .from(member)
      .innerJoin(user, eq(user.id, member.userId))
      .where(and(eq(member.projectId, options.projectId), eq(member.userId, options.memberId)));
    if (!current) throw new AppError('not_found', { message: 'member not found' });
    if (current.role === 'lead' && options.role !== 'lead' && (await countLeads(tx, options.projectId)) <= 1) {
      throw new AppError('conflict', { message: 'the last lead cannot be demoted; make someone else lead first' });
    }
    await tx
      .update(member)
      .set({ role: options.role })
      .where(and(eq(member.projectId, options.projectId), eq(member.userId, options.memberId)));
    return { userId: options.memberId, email: current.email, name: current.name, role: options.role };
  }).then((updated) => {
    ctx.events?.memberChanged(options.projectId, options.memberId, options.role);
    return updated;
  });
}

/** The lead removes anyone; any member may remove themselves; the last lead stays. */
export async function removeMember(
  ctx: ServiceContext,
  options: { userId: string; projectId: string; memberId: string },
): Promise<void> {
  const self = options.userId === options.memberId;
  await requireProjectAccess(ctx.db, {
    userId: options.userId,
    projectId: options.projectId,
    action: self ? 'read' : 'manageMembers',
  });
  await ctx.db.transaction(async (tx) => {
    await lockMembers(tx, options.projectId);
    const [current] = await tx
      .select({ role: member.role })
      .from(member)
      .where(and(eq(member.projectId, options.projectId), eq(member.userId, options.memberId)));
    if (!current) throw new AppError('not_found', { message: 'member not found' });
    if (current.role === 'lead' && (await countLeads(tx, options.projectId)) <= 1) {
      throw new AppError('conflict', { message: 'the last lead cannot be removed; make someone else lead first' });
    }
    await tx.delete(member).where(and(eq(member.projectId, options.projectId), eq(member.userId, options.memberId)));
  });
  ctx.events?.memberChanged(options.projectId, options.memberId, undefined);
}
