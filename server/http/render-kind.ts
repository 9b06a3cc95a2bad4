import { REVISION_KINDS, type RevisionKind } from '../../lib/api/dto';
import { AppError } from '../../lib/errors';

/** A render kind from a path or query: `mix` or `master`, else 404 (no such render). */
export function renderKindParam(value: string): RevisionKind {
  if (value === REVISION_KINDS.mix || value === REVISION_KINDS.master) return value;
  throw new AppError('not_found', { message: `no render kind ${JSON.stringify(value.slice(0, 20))}: mix or master` });
}
