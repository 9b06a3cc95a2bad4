import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { member } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { can, type ProjectAction } from '../../lib/project-actions';
import type { Principal, Role } from '../../lib/roles';

export { can, PROJECT_ACTIONS, type ProjectAction } from '../../lib/project-actions';

export async function findRole(db: Db, projectId: string, userId: string): Promise<Role | undefined> {
  const rows = await db
    .select({ role: member.role })
    .from(member)
    .where(and(eq(member.projectId, projectId), eq(member.userId, userId)))
    .limit(1);
  return rows[0]?.role;
}

export interface RequireProjectAccessOptions {
  projectId: string;
  userId: string;
  action: ProjectAction;
}

/**
 * The caller's membership, or an error: `not_found` for a non-member (a project's existence is not
 * leaked to strangers), `forbidden` for a member whose role does not allow the action.
 */
export async function requireProjectAccess(db: Db, options: RequireProjectAccessOptions): Promise<Principal> {
  const role = await findRole(db, options.projectId, options.userId);
  if (!role) throw new AppError('not_found', { message: 'project not found' });
  if (!can(role, options.action)) {
    throw new AppError('forbidden', { message: `a ${role} may not ${actionLabel(options.action)}` });
  }
  return { userId: options.userId, role };
}

function actionLabel(action: ProjectAction): string {
  switch (action) {
    case 'read':
      return 'open this project';
    case 'rename':
      return 'rename this project';
    case 'delete':
      return 'delete this project';
    case 'manageMembers':
      return 'manage members';
    case 'manageInvites':
      return 'manage invites';
    case 'publishMix':
      return 'publish a mix';
    case 'publishMaster':
      return 'publish a master';
    case 'restoreRevision':
      return 'restore a revision';
    case 'deleteRevision':
      return 'delete a revision';
    case 'manageReferences':
      return 'add or remove reference tracks';
  }
}
