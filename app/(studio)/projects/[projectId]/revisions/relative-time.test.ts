import { describe, expect, it } from 'vitest';
import { formatDuration, relativeTime } from './relative-time';

const now = Date.parse('2026-12-10T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('relativeTime', () => {
  it('says just now under 45 s (and for a clock slightly ahead), then minutes, hours, days', () => {
    expect(relativeTime(ago(10_000), now)).toBe('just now');
    expect(relativeTime(ago(-5_000), now)).toBe('just now');
    expect(relativeTime(ago(50_000), now)).toBe('1 min ago');
    expect(relativeTime(ago(2 * 60_000 + 10_000), now)).toBe('2 min ago');
    expect(relativeTime(ago(59 * 60_000), now)).toBe('59 min ago');
    expect(relativeTime(ago(3 * 3_600_000 + 60_000), now)).toBe('3 h ago');
    expect(relativeTime(ago(30 * 3_600_000), now)).toBe('yesterday');
    expect(relativeTime(ago(4 * 86_400_000), now)).toBe('4 days ago');
  });

  it('gives the date after a week, with the year only when it is another year', () => {
    expect(relativeTime('2026-11-02T09:00:00Z', now)).toBe('2 Nov');
    expect(relativeTime('2025-11-02T09:00:00Z', now)).toBe('2 Nov 2025');
  });

  it('says nothing for a time it cannot read', () => {
    expect(relativeTime('not a time', now)).toBe('');
  });
});

describe('formatDuration', () => {
  it('gives minutes and seconds', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(9.9)).toBe('0:09');
    expect(formatDuration(83.2)).toBe('1:23');
    expect(formatDuration(600)).toBe('10:00');
    expect(formatDuration(Number.NaN)).toBe('0:00');
  });
});
