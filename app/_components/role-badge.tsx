import type { Role } from '../../lib/roles';
import { ROLE_LABELS } from '../_lib/format';

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`badge badge--${role}`}>{ROLE_LABELS[role]}</span>;
}
