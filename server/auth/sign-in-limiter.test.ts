import { describe, expect, it } from 'vitest';
import { SignInLimiter } from './sign-in-limiter';

describe('the sign-in limiter', () => {
  const limits = { perAccount: 3, perAddress: 5, windowMs: 60_000 };

  it('blocks an account after its failures until the oldest leaves the window', () => {
    let now = 0;
    const limiter = new SignInLimiter(limits, () => now);
    for (const t of [0, 10_000, 20_000]) {
      now = t;
      expect(limiter.retryAfterSec('a@x', '1.1.1.1')).toBeUndefined();
      limiter.failed('a@x', '1.1.1.1');
    }
    now = 30_000;
    expect(limiter.retryAfterSec('A@X ', '2.2.2.2')).toBe(30);
    now = 60_001;
    expect(limiter.retryAfterSec('a@x', '2.2.2.2')).toBeUndefined();
  });

  it('clears an account on success but not its address', () => {
    const limiter = new SignInLimiter(limits, () => 0);
    for (let i = 0; i < 3; i++) limiter.failed('a@x', 'ip');
    limiter.succeeded('a@x');
    expect(limiter.retryAfterSec('a@x', 'other')).toBeUndefined();
    limiter.failed('b@x', 'ip');
    limiter.failed('c@x', 'ip');
    expect(limiter.retryAfterSec('d@x', 'ip')).toBe(60);
  });

  it('forgets stale keys when many addresses have failed, in amortised sweeps', () => {
    let now = 0;
    const limiter = new SignInLimiter(limits, () => now);
    const size = () => (limiter as unknown as { failures: Map<string, number[]> }).failures.size;
    for (let i = 0; i < 6_000; i++) limiter.failed(`u${i}@x`, `ip${i}`);
    expect(size()).toBe(12_000);
    now = 120_000;
    for (let i = 0; i < 4_100; i++) limiter.failed(`late${i}@x`, `late${i}`);
    expect(size()).toBeLessThan(8_300);
    expect(limiter.retryAfterSec('late1@x', 'late1')).toBeUndefined();
  });
});
