import { DEFAULT_SAVE_QUEUE_MAX_BYTES } from './save-queue';

/**
 * Abuse limits of /sync. Each is configuration (server/config.ts) with the default below; each
 * breach closes only the offending socket with a named code (close-codes.ts) and a log line.
 */
export interface SyncLimits {
  /** Largest frame; larger ones are refused by the WebSocket layer before being buffered. @default 8 MiB (a whole project state fits) */
  maxMessageBytes: number;
  /** Sustained messages per second per connection. @default 100 (a fader drag is 20/s, presence adds a few) */
  messagesPerSec: number;
  /** Messages a connection may send in a burst above the sustained rate. @default 400 (a reconnect replays a queue) */
  messageBurst: number;
  /** Sustained bytes per second per connection. @default 1 MiB */
  bytesPerSec: number;
  /** Bytes a connection may send in a burst (the initial sync of a large document). @default 16 MiB */
  byteBurst: number;
  /** JSON size of one awareness state. @default 16 KiB (a name, a colour, a focus and a playhead need < 1 KiB) */
  maxAwarenessStateBytes: number;
  /** Awareness client ids one connection may speak for. @default 4 (a provider has one) */
  maxAwarenessIdsPerConnection: number;
  /** Awareness states in one room. @default 256 */
  maxAwarenessStatesPerRoom: number;
  /** Upgrades being authenticated at once; more get HTTP 503. @default 128 */
  maxPendingUpgrades: number;
  /** Open sync connections per process; more are closed with OVERLOADED. @default 10000 */
  maxConnections: number;
  /** A socket that sends nothing for this long is closed (stock clients renew presence every 15 s). @default 120000 */
  idleTimeoutMs: number;
  /** An upgrade request must be authenticated and switched to a WebSocket within this long (slowloris). @default 10000 */
  upgradeTimeoutMs: number;
  /** Structs in one update (SPEC G14). @default 50000 (an offline session replayed at once is a few thousand) */
  maxUpdateStructs: number;
  /** Delete-set ranges in one update (G14). @default 200000 (every sync step 2 carries the sender's whole delete set) */
  maxUpdateDeleteRanges: number;
  /** Yjs client ids one connection may write under (G11). @default 16 (one per page load; an offline copy brings that browser's earlier ones) */
  maxClientIdsPerConnection: number;
  /** Sustained gate work per connection, in structs plus delete ranges per second (G14). @default 10000 (a fader drag is 20) */
  gateWorkPerSec: number;
  /** Gate work a connection may spend at once. @default 250000 (the largest update the bounds allow) */
  gateWorkBurst: number;
  /** Sustained refused updates per connection per second; an honest client resyncs after one. @default 1 */
  refusalsPerSec: number;
  /** Refused updates a connection may have in a burst before it is closed (4429). @default 20 */
  refusalBurst: number;
  /** After a 4429, the same credential's upgrades to that project get HTTP 429 for this long (W18); 0 turns it off. @default 10000 */
  rateLimitCooldownMs: number;
  /** Bytes the updates waiting for the database may hold before new updates are refused with 4503 (W19). @default DEFAULT_SAVE_QUEUE_MAX_BYTES (256 MiB; its reason is there) */
  saveQueueMaxBytes: number;
  /**
   * How long a successful upgrade authentication may stand in for the database when it fails (W20):
   * a client of a room live here reconnects through an outage. Never past the session's or token's
   * expiry; membership changes forget it. 0 turns it off. @default 600000 (10 minutes: longer than
   * a database restart or failover takes, short enough that a member removed while the database
   * was unreachable to this instance, or a token revoked just before, is not kept for long)
   */
  authGraceMs: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxMessageBytes: 8 * 1024 * 1024,
  messagesPerSec: 100,
  messageBurst: 400,
  bytesPerSec: 1024 * 1024,
  byteBurst: 16 * 1024 * 1024,
  maxAwarenessStateBytes: 16 * 1024,
  maxAwarenessIdsPerConnection: 4,
  maxAwarenessStatesPerRoom: 256,
  maxPendingUpgrades: 128,
  maxConnections: 10_000,
  idleTimeoutMs: 120_000,
  upgradeTimeoutMs: 10_000,
  maxUpdateStructs: 50_000,
  maxUpdateDeleteRanges: 200_000,
  maxClientIdsPerConnection: 16,
  gateWorkPerSec: 10_000,
  gateWorkBurst: 250_000,
  refusalsPerSec: 1,
  refusalBurst: 20,
  rateLimitCooldownMs: 10_000,
  saveQueueMaxBytes: DEFAULT_SAVE_QUEUE_MAX_BYTES,
  authGraceMs: 600_000,
};

/** A token bucket: `rate` tokens per second, at most `burst` saved up. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(amount: number, now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}
