/** Project roles. What each may do: ../shared/DESIGN.md "People and roles" and lib/doc/SPEC.md. */
export const ROLES = {
  lead: 'lead',
  mixer: 'mixer',
  mastering: 'mastering',
  reviewer: 'reviewer',
} as const;

export type Role = (typeof ROLES)[keyof typeof ROLES];

export const ROLE_LIST: readonly Role[] = Object.values(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLE_LIST as readonly string[]).includes(value);
}

/** Who is acting: the authenticated user and their role in the project at hand. */
export interface Principal {
  userId: string;
  role: Role;
}
