import type { Principal } from '../../lib/roles';
import type { CredentialId } from '../services/credentials';
import type { AuthenticatedUser } from '../services/tokens/api-tokens';

/** Decisions kept at most; the least recently used goes first. @default 10000 (a few MB) */
export const UPGRADE_GRACE_MAX_ENTRIES = 10_000;

/** An upgrade that was authenticated, as remembered for the grace (PROTOCOL W20). */
export interface RememberedUpgrade {
  projectId: string;
  user: AuthenticatedUser;
  principal: Principal;
  /** When it was decided (ms since the epoch). */
  decidedAt: number;
  /** The session or API token it was decided on (W21: forgotten when it ends). */
  credentialId?: CredentialId;
}

export interface UpgradeGraceOptions {
  /** How long a decision may stand in for the database; 0 turns the grace off. */
  graceMs: number;
  /** @default UPGRADE_GRACE_MAX_ENTRIES */
  maxEntries?: number;
}

/**
 * Stale-if-error for the authentication of /sync upgrades (PROTOCOL W20): the last successful
 * decision per credential and project (keyed by `upgradeKeyOf`, a hash: never the credential),
 * for `graceMs` and never past the session's or token's own expiry. Only an authentication that
 * failed (threw) may fall back on it, never one that answered no; membership changes and project
 * deletion forget what they make wrong.
 */
export class UpgradeGrace {
  /** In order of last use: the first entry is the least recently used. */
  private readonly entries = new Map<string, RememberedUpgrade & { until: number }>();
  private readonly maxEntries: number;

  constructor(private readonly options: UpgradeGraceOptions) {
    this.maxEntries = options.maxEntries ?? UPGRADE_GRACE_MAX_ENTRIES;
  }

  get enabled(): boolean {
    return this.options.graceMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Remembers a successful decision; `credentialExpiresAt` (ms) caps how long, when known. */
  remember(key: string | null, decision: RememberedUpgrade, credentialExpiresAt?: number | null): void {
    if (key === null || !this.enabled) return;
    const until = Math.min(decision.decidedAt + this.options.graceMs, credentialExpiresAt ?? Infinity);
    this.entries.delete(key);
    if (until <= decision.decidedAt) return;
    this.entries.set(key, { ...decision, until });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  /** The decision remembered for `key`, if it still stands at `now`. */
  recall(key: string | null, now: number): RememberedUpgrade | undefined {
    if (key === null) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.until <= now) return undefined;
    this.entries.set(key, entry);
    return { projectId: entry.projectId, user: entry.user, principal: entry.principal, decidedAt: entry.decidedAt, credentialId: entry.credentialId };
  }

  /** The credential was refused: nothing is remembered for it any more. */
  forget(key: string | null): void {
    if (key !== null) this.entries.delete(key);
  }

  /** A member's role changed or they left: their decisions on that project no longer hold. */
  forgetMember(projectId: string, userId: string): void {
    for (const [key, e] of this.entries) if (e.projectId === projectId && e.user.id === userId) this.entries.delete(key);
  }

  /** The session or API token ended (signed out, revoked: W21), on any instance. */
  forgetCredential(credentialId: string): void {
    for (const [key, e] of this.entries) if (e.credentialId === credentialId) this.entries.delete(key);
  }

  /** The project was deleted. */
  forgetProject(projectId: string): void {
    for (const [key, e] of this.entries) if (e.projectId === projectId) this.entries.delete(key);
  }
}
