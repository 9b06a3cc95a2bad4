import { describe, expect, it } from 'vitest';
import { PcmBudget } from './pcm-budget';

describe('PcmBudget', () => {
  it('counts stems and pitch-corrected copies alike and refuses what would go over the limit', () => {
    const budget = new PcmBudget(1000);
    expect(budget.admit('voice', 400)).toBe(true);
    expect(budget.admit('voice#pitch:9:minor:20:0', 400)).toBe(true);
    expect(budget.usedBytes).toBe(800);
    expect(budget.admit('bass', 300)).toBe(false);
    expect(budget.has('bass')).toBe(false);
    expect(budget.usedBytes).toBe(800);
    expect(new PcmBudget(2 * 1024 ** 3).refusal('the pitch-corrected copy of Voice')).toBe('the pitch-corrected copy of Voice would take more than 2 GiB in this tab, so it is not played here');
  });

  it('frees a copy when its insert goes, so the next one fits; a copy handed again replaces its count', () => {
    const budget = new PcmBudget(1000);
    budget.admit('voice', 400);
    budget.admit('voice#pitch:9:minor:20:0', 400);
    expect(budget.release('voice#pitch:9:minor:20:0')).toBe(true);
    expect(budget.release('voice#pitch:9:minor:20:0')).toBe(false);
    expect(budget.admit('voice#pitch:9:major:20:0', 600)).toBe(true);
    expect(budget.admit('voice#pitch:9:major:20:0', 600)).toBe(true);
    expect(budget.usedBytes).toBe(1000);
  });

  it('retain keeps only what is still wanted', () => {
    const budget = new PcmBudget(10_000);
    for (const id of ['a', 'b', 'a#pitch:0:major:0:0']) budget.admit(id, 100);
    budget.retain((id) => id.startsWith('a'));
    expect(['a', 'b', 'a#pitch:0:major:0:0'].map((id) => budget.has(id))).toEqual([true, false, true]);
  });
});
