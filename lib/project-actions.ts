import type { Role } from './roles';

/**
 * Project-level permissions, written once: route handlers and the WebSocket upgrade enforce them
 * (server/access/project-access.ts), the browser reads them to leave out what would be refused.
 * Document paths are ruled by lib/doc/permissions.ts.
 */
export const PROJECT_ACTIONS = {
  read: ['lead', 'mixer', 'mastering', 'reviewer'],
  rename: ['lead'],
  delete: ['lead'],
  manageMembers: ['lead'],
  manageInvites: ['lead'],
  publishMix: ['lead'],
  publishMaster: ['lead', 'mastering'],
  restoreRevision: ['lead'],
  deleteRevision: ['lead'],
  /** Upload and delete reference tracks (commercial masters to compare with; never rendered). */
  manageReferences: ['lead', 'mastering'],
} as const satisfies Record<string, readonly Role[]>;

export type ProjectAction = keyof typeof PROJECT_ACTIONS;

export function can(role: Role, action: ProjectAction): boolean {
  return (PROJECT_ACTIONS[action] as readonly Role[]).includes(role);
}
