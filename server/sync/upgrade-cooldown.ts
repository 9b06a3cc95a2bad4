import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Entries kept before expired ones are swept (each is a short hash and a number). */
const SWEEP_AT = 10_000;

/**
 * The credential (API token, or the cookies) and the path (so the project) of an upgrade, hashed:
 * what the cool-down (W18) and the authentication grace (W20) remember, never the credential
 * itself. Null without a credential.
 */
export function upgradeKeyOf(req: IncomingMessage): string | null {
  const url = new URL(req.url ?? '/', 'http://upgrade.invalid');
  const credential = url.searchParams.get('token') ?? req.headers.cookie;
  if (!credential) return null;
  return createHash('sha256').update(url.pathname).update('\0').update(credential).digest('base64url');
}

/**
 * After a socket is closed for a rate limit (4429), the same credential's upgrades to the same
 * project are refused with HTTP 429 for a while (PROTOCOL W18). The check runs before
 * authentication, so a client that reconnects in a loop costs a map lookup per attempt instead of
 * an authentication, a room attach and the frames it would send again.
 */
export class UpgradeCooldown {
  private readonly until = new Map<string, number>();

  constructor(private readonly ms: number) {}

  get enabled(): boolean {
    return this.ms > 0;
  }

  /** Starts (or restarts) the cool-down of `key`. */
  block(key: string | null, now: number): void {
    if (key === null) return;
    if (this.until.size >= SWEEP_AT) for (const [k, t] of this.until) if (t <= now) this.until.delete(k);
    this.until.set(key, now + this.ms);
  }

  /** Milliseconds left of `key`'s cool-down; 0 when it may connect. */
  remaining(key: string | null, now: number): number {
    if (key === null) return 0;
    const t = this.until.get(key);
    if (t === undefined) return 0;
    if (t > now) return t - now;
    this.until.delete(key);
    return 0;
  }
}
