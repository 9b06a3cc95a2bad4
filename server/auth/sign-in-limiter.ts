/**
 * Failed sign-ins, limited per account and per client address over a sliding window. Only failures
 * count: a studio of ten behind one address signing in at once costs nothing, and a success
 * clears its account's failures. Kept in memory, per process.
 */
export interface SignInLimits {
  /** Failed sign-ins per account in a window. @default 5 */
  perAccount: number;
  /** Failed sign-ins per client address in a window: ten people mistyping a few times each. @default 50 */
  perAddress: number;
  /** @default 15 minutes */
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 5, perAddress: 50, windowMs: 15 * 60_000 };

/** Keys kept before stale ones are swept (a bound on memory under a spray of addresses). */
const SWEEP_AT_KEYS = 10_000;

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();
  /** Swept when the map grows past this; doubled after a sweep that kept many (amortised). */
  private sweepAt = SWEEP_AT_KEYS;

  constructor(
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until another attempt may be made, or undefined when one may be made now. */
  retryAfterSec(email: string, address: string): number | undefined {
    const waits = [this.wait(accountKey(email), this.limits.perAccount), this.wait(addressKey(address), this.limits.perAddress)];
    const wait = Math.max(...waits.map((w) => w ?? 0));
    return wait > 0 ? Math.ceil(wait / 1000) : undefined;
  }

  failed(email: string, address: string): void {
    const at = this.now();
    for (const key of [accountKey(email), addressKey(address)]) {
      const list = this.recent(key);
      list.push(at);
      this.failures.set(key, list);
    }
    if (this.failures.size > this.sweepAt) this.sweep();
  }

  /** A success clears the account's failures (never the address's: other accounts share it). */
  succeeded(email: string): void {
    this.failures.delete(accountKey(email));
  }

  /** Milliseconds until the oldest failure leaves the window, when `max` are in it. */
  private wait(key: string, max: number): number | undefined {
    const list = this.recent(key);
    if (list.length < max) return undefined;
    return list[list.length - max] + this.limits.windowMs - this.now();
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) {
      const list = this.recent(key);
      if (list.length === 0) this.failures.delete(key);
      else this.failures.set(key, list);
    }
    this.sweepAt = Math.max(SWEEP_AT_KEYS, this.failures.size * 2);
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
