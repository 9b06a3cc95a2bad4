import type { RevisionKind } from '../../../../../lib/api/dto';
import { can } from '../../../../../lib/project-actions';
import type { Role } from '../../../../../lib/roles';

/** The kinds of revision `role` may publish (and so render and upload), mix first. */
export function publishableKinds(role: Role): RevisionKind[] {
  return (['mix', 'master'] as const).filter((kind) => can(role, kind === 'mix' ? 'publishMix' : 'publishMaster'));
}
