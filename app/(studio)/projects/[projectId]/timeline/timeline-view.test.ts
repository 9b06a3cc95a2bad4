import { describe, expect, it } from 'vitest';
import { formatTimeMs, REVEAL_MARGIN_SHARE, revealView, secToX, xToSec } from './timeline-view';

const view = { startSec: 10, pxPerSec: 50 };

describe('timeline view geometry', () => {
  it('maps time to pixels from the left edge and back', () => {
    expect(secToX(view, 10)).toBe(0);
    expect(secToX(view, 12.5)).toBe(125);
    expect(xToSec(view, 125)).toBe(12.5);
    expect(xToSec(view, secToX(view, 37.123))).toBeCloseTo(37.123, 9);
  });

  it('leaves the view alone while the time is on screen', () => {
    expect(revealView(view, 10, 500, 100)).toBeNull();
    expect(revealView(view, 19.99, 500, 100)).toBeNull();
  });

  it('turns a page so that a time past the right edge lands near the left edge', () => {
    const next = revealView(view, 20, 500, 100);
    expect(next).toEqual({ startSec: 20 - (500 * REVEAL_MARGIN_SHARE) / 50, pxPerSec: 50 });
  });

  it('turns back for a time before the left edge, never before 0 nor past the scroll range', () => {
    expect(revealView(view, 0.1, 500, 100)).toEqual({ startSec: 0, pxPerSec: 50 });
    expect(revealView(view, 500, 500, 100)).toEqual({ startSec: 100, pxPerSec: 50 });
  });

  it('does nothing without a width', () => {
    expect(revealView(view, 50, 0, 100)).toBeNull();
  });

  it('formats times to the millisecond', () => {
    expect(formatTimeMs(12.5)).toBe('0:12.500');
    expect(formatTimeMs(0)).toBe('0:00.000');
    expect(formatTimeMs(723.04)).toBe('12:03.040');
    expect(formatTimeMs(59.9996)).toBe('1:00.000');
  });
});
