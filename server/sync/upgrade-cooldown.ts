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
  private readonly until = new Map<string, { at: number; reason: string }>();

  constructor(private readonly ms: number) {}

  get enabled(): boolean {
    return this.ms > 0;
  }

  /**
   * Starts (or restarts) the cool-down of `key`: for `ms` (the configured one by default), and not
   * shorter than one already running. `reason` is what the refused upgrades are told.
   */
  block(key: string | null, now: number, ms = this.ms, reason = 'rate limited on this project'): void {
    if (key === null) return;
    if (this.until.size >= SWEEP_AT) for (const [k, t] of this.until) if (t.at <= now) this.until.delete(k);
    const running = this.until.get(key);
    if (running && running.at >= now + ms) return;
    this.until.set(key, { at: now + ms, reason });
  }

  /** The cool-down `key` is in at `now`, if any. */
  refusal(key: string | null, now: number): { waitMs: number; reason: string } | undefined {
    if (key === null) return undefined;
    const t = this.until.get(key);
    if (t === undefined) return undefined;
    if (t.at > now) return { waitMs: t.at - now, reason: t.reason };
    this.until.delete(key);
    return undefined;
  }
}
