/** What bench:attack tells its attacker process (attacker.ts), and what it reports back. */
export const ATTACKS = ['reviewer-gc', 'mixer-gc', 'mixer-forbidden', 'mixer-heavy'] as const;
export type Attack = (typeof ATTACKS)[number];

export interface AttackOrders {
  base: string;
  projectId: string;
  token: string;
  attack: Attack;
  /** The attacked project's state, base64: updates are made against it. */
  state: string;
  ms: number;
}

export interface AttackStats {
  connections: number;
  updates: number;
  bytes: number;
  closes: Record<number, number>;
}
