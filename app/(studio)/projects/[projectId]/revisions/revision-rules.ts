import type { RevisionKind } from '../../../../../lib/api/dto';
import type { Role } from '../../../../../lib/roles';

/**
 * Who may do what with revisions: the server's own table (server/access/project-access.ts
 * `PROJECT_ACTIONS`), copied because that module reads the database and must stay out of the
 * browser bundle. `revision-rules.test.ts` holds the two equal. The server decides; the UI only
 * leaves out what would be refused.
 */
export const REVISION_ACTIONS = {
  publishMix: ['lead'],
  publishMaster: ['lead', 'mastering'],
  restoreRevision: ['lead'],
  deleteRevision: ['lead'],
} as const satisfies Record<string, readonly Role[]>;

export type RevisionAction = keyof typeof REVISION_ACTIONS;

export function mayRevision(role: Role, action: RevisionAction): boolean {
  return (REVISION_ACTIONS[action] as readonly Role[]).includes(role);
}

/** The kinds of revision `role` may publish (and so render and upload), mix first. */
export function publishableKinds(role: Role): RevisionKind[] {
  return (['mix', 'master'] as const).filter((kind) => mayRevision(role, kind === 'mix' ? 'publishMix' : 'publishMaster'));
}
