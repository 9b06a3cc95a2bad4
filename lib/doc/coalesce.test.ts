import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CoalesceClock, coalesce } from './coalesce';

const fakeClock = (): CoalesceClock => ({
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
});

describe('coalesce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('R3: writes the first value at once and at most 20 writes a second during a drag', () => {
    const writes: number[] = [];
    const c = coalesce((v: number) => writes.push(v), { clock: fakeClock() });
    c.push(0);
    expect(writes).toEqual([0]);
    for (let i = 1; i <= 200; i++) {
      vi.advanceTimersByTime(5);
      c.push(i);
    }
    // 1 s of pointer events every 5 ms: the leading write plus one per 50 ms slot.
    expect(writes.length).toBeLessThanOrEqual(21);
    expect(writes.length).toBeGreaterThanOrEqual(19);
    vi.advanceTimersByTime(100);
    expect(writes.at(-1)).toBe(200);
  });

  it('R3: the final value is always written, once', () => {
    const writes: number[] = [];
    const c = coalesce((v: number) => writes.push(v), { clock: fakeClock() });
    c.push(1);
    c.push(2);
    c.push(3);
    expect(writes).toEqual([1]);
    vi.advanceTimersByTime(50);
    expect(writes).toEqual([1, 3]);
    vi.advanceTimersByTime(1000);
    expect(writes).toEqual([1, 3]);
  });

  it('R3: maxWritesPerSec is configurable', () => {
    const writes: number[] = [];
    const c = coalesce((v: number) => writes.push(v), { clock: fakeClock(), maxWritesPerSec: 5 });
    for (let i = 0; i < 100; i++) {
      c.push(i);
      vi.advanceTimersByTime(10);
    }
    expect(writes.length).toBeLessThanOrEqual(6);
    vi.advanceTimersByTime(200);
    expect(writes.at(-1)).toBe(99);
  });

  it('R3: flush writes the pending value now and cancels the timer', () => {
    const writes: number[] = [];
    const c = coalesce((v: number) => writes.push(v), { clock: fakeClock() });
    c.push(1);
    c.push(2);
    c.flush();
    expect(writes).toEqual([1, 2]);
    expect(vi.getTimerCount()).toBe(0);
    c.flush();
    expect(writes).toEqual([1, 2]);
  });

  it('R3: destroy writes the pending value, leaves no timer and ignores later pushes', () => {
    const writes: number[] = [];
    const c = coalesce((v: number) => writes.push(v), { clock: fakeClock() });
    c.push(1);
    c.push(2);
    expect(vi.getTimerCount()).toBe(1);
    c.destroy();
    expect(writes).toEqual([1, 2]);
    expect(vi.getTimerCount()).toBe(0);
    c.push(3);
    vi.advanceTimersByTime(1000);
    expect(writes).toEqual([1, 2]);
  });

  it('R3: works with an injected manual clock', () => {
    let now = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const clock: CoalesceClock = {
      now: () => now,
      setTimeout: (fn, ms) => {
        const t = { at: now + ms, fn };
        timers.push(t);
        return t;
      },
      clearTimeout: (h) => timers.splice(timers.indexOf(h as (typeof timers)[number]), 1),
    };
    const writes: string[] = [];
    const c = coalesce((v: string) => writes.push(v), { clock });
    c.push('a');
    now = 10;
    c.push('b');
    expect(timers.map((t) => t.at)).toEqual([50]);
    now = 50;
    timers.shift()!.fn();
    expect(writes).toEqual(['a', 'b']);
  });
});
