import { describe, expect, it } from 'vitest';
import type { Role } from '../../lib/roles';
import { UpgradeGrace, type RememberedUpgrade } from './upgrade-grace';

const decision = (projectId: string, userId: string, decidedAt: number, role: Role = 'mixer'): RememberedUpgrade => ({
  projectId,
  user: { id: userId, email: `${userId}@example.com`, name: userId },
  principal: { userId, role },
  decidedAt,
});

describe('upgrade grace (W20)', () => {
  it('W20: recalls a decision for its grace period and not after', () => {
    const grace = new UpgradeGrace({ graceMs: 1000 });
    grace.remember('k', decision('p', 'ann', 5000));
    expect(grace.recall('k', 5999)?.principal).toEqual({ userId: 'ann', role: 'mixer' });
    expect(grace.recall('k', 6000)).toBeUndefined();
    // An expired entry is gone, not just hidden.
    expect(grace.size).toBe(0);
  });

  it("W20: never keeps a decision past the session's or token's own expiry", () => {
    const grace = new UpgradeGrace({ graceMs: 60_000 });
    grace.remember('k', decision('p', 'ann', 0), 500);
    expect(grace.recall('k', 499)).toBeDefined();
    expect(grace.recall('k', 500)).toBeUndefined();
    // Already expired: nothing is kept, and what was kept for the key is gone.
    grace.remember('k', decision('p', 'ann', 1000));
    grace.remember('k', decision('p', 'ann', 2000), 2000);
    expect(grace.recall('k', 2001)).toBeUndefined();
  });

  it('W20: keeps at most maxEntries, dropping the least recently used first', () => {
    const grace = new UpgradeGrace({ graceMs: 60_000, maxEntries: 3 });
    for (const k of ['a', 'b', 'c']) grace.remember(k, decision('p', k, 0));
    // Using `a` makes `b` the oldest.
    expect(grace.recall('a', 1)).toBeDefined();
    grace.remember('d', decision('p', 'd', 2));
    expect(grace.size).toBe(3);
    expect(grace.recall('b', 3)).toBeUndefined();
    for (const k of ['a', 'c', 'd']) expect(grace.recall(k, 3)?.user.id).toBe(k);
  });

  it('W20: forgets a member on a membership change, a project on its deletion, a credential on a refusal', () => {
    const grace = new UpgradeGrace({ graceMs: 60_000 });
    grace.remember('ann@p', decision('p', 'ann', 0));
    grace.remember('ann-cookie@p', decision('p', 'ann', 0));
    grace.remember('ann@q', decision('q', 'ann', 0));
    grace.remember('bob@p', decision('p', 'bob', 0));
    grace.remember('bob@q', decision('q', 'bob', 0));
    grace.forgetMember('p', 'ann');
    expect(grace.recall('ann@p', 1)).toBeUndefined();
    expect(grace.recall('ann-cookie@p', 1)).toBeUndefined();
    expect(grace.recall('ann@q', 1)).toBeDefined();
    grace.forgetProject('q');
    expect(grace.recall('ann@q', 1)).toBeUndefined();
    expect(grace.recall('bob@q', 1)).toBeUndefined();
    expect(grace.recall('bob@p', 1)).toBeDefined();
    grace.forget('bob@p');
    expect(grace.size).toBe(0);
  });

  it('W20: with a grace of 0, or without a credential, remembers nothing', () => {
    const off = new UpgradeGrace({ graceMs: 0 });
    off.remember('k', decision('p', 'ann', 0));
    expect(off.size).toBe(0);
    expect(off.enabled).toBe(false);
    const on = new UpgradeGrace({ graceMs: 1000 });
    on.remember(null, decision('p', 'ann', 0));
    expect(on.size).toBe(0);
    expect(on.recall(null, 1)).toBeUndefined();
  });
});
