import { and, asc, eq } from 'drizzle-orm';
import { member, project, stem } from '../../../db/schema';
import type { ProjectDto, ProjectKind } from '../../../lib/api/dto';
import { AppError } from '../../../lib/errors';
import type { Role } from '../../../lib/roles';
import { requireProjectAccess } from '../../access/project-access';
import { newId } from '../secret-token';
import type { ServiceContext } from '../service-context';

function toDto(row: typeof project.$inferSelect, role: Role): ProjectDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    role,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface CreateProjectOptions {
  userId: string;
  name: string;
  /** @default 'mix' */
  kind?: ProjectKind;
  /** @default a random UUID */
  id?: string;
}

/** Creates a project with its creator as lead, in one transaction, then its document's structure. */
export async function createProject(ctx: ServiceContext, options: CreateProjectOptions): Promise<ProjectDto> {
  const now = ctx.now();
  const created = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(project)
      .values({ id: options.id ?? newId(), name: options.name, kind: options.kind ?? 'mix', createdBy: options.userId, createdAt: now, updatedAt: now })
      .returning();
    await tx.insert(member).values({ projectId: row.id, userId: options.userId, role: 'lead', createdAt: now });
    return toDto(row, 'lead');
  });
  await ctx.events?.projectCreated(created.id, options.userId);
  return created;
}

export async function listProjects(ctx: ServiceContext, options: { userId: string }): Promise<ProjectDto[]> {
  const rows = await ctx.db
    .select({ project, role: member.role })
    .from(member)
    .innerJoin(project, eq(project.id, member.projectId))
    .where(eq(member.userId, options.userId))
    .orderBy(asc(project.name), asc(project.id));
  return rows.map((r) => toDto(r.project, r.role));
}

export async function getProject(ctx: ServiceContext, options: { userId: string; projectId: string }): Promise<ProjectDto> {
  const rows = await ctx.db
    .select({ project, role: member.role })
    .from(project)
    .innerJoin(member, and(eq(member.projectId, project.id), eq(member.userId, options.userId)))
    .where(eq(project.id, options.projectId))
    .limit(1);
  const row = rows[0];
  if (!row) throw new AppError('not_found', { message: 'project not found' });
  return toDto(row.project, row.role);
}

export async function updateProject(
  ctx: ServiceContext,
  options: { userId: string; projectId: string; name: string },
): Promise<ProjectDto> {
  const principal = await requireProjectAccess(ctx.db, { ...options, action: 'rename' });
  const [row] = await ctx.db
    .update(project)
    .set({ name: options.name, updatedAt: ctx.now() })
    .where(eq(project.id, options.projectId))
    .returning();
  if (!row) throw new AppError('not_found', { message: 'project not found' });
  return toDto(row, principal.role);
}

export async function deleteProject(ctx: ServiceContext, options: { userId: string; projectId: string }): Promise<void> {
  await requireProjectAccess(ctx.db, { ...options, action: 'delete' });
  const stems = await ctx.db.select({ sha256: stem.sha256 }).from(stem).where(eq(stem.projectId, options.projectId));
  // Members, invites, stems and the document go with it through ON DELETE CASCADE.
  await ctx.db.delete(project).where(eq(project.id, options.projectId));
  ctx.events?.projectDeleted(options.projectId, stems.map((s) => s.sha256));
}
