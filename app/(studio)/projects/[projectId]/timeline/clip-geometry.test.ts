import { describe, expect, it } from 'vitest';
import { clipSpan, dragClip, fadePath, MIN_CLIP_SEC } from './clip-geometry';

const at = { offsetSec: 1, trimStartSec: 0.5, trimEndSec: 1, fadeInSec: 0.2, fadeOutSec: 0.3 };

describe('clip geometry', () => {
  it('places the audible part at offset + trim start .. offset + length - trim end', () => {
    expect(clipSpan(1, 10, 0.5, 1)).toEqual({ stemStart: 1, start: 1.5, end: 10 });
    expect(clipSpan(0, 2, 3, 0)).toEqual({ stemStart: 0, start: 2, end: 2 });
  });

  it('moves, trims and fades within what the clip allows', () => {
    expect(dragClip('move', at, 1.25, 10)).toBe(2.25);
    expect(dragClip('trimStart', at, -1, 10)).toBe(0);
    expect(dragClip('trimStart', at, 20, 10)).toBeCloseTo(10 - 1 - MIN_CLIP_SEC, 6);
    // Dragging the end handle right shortens the trim.
    expect(dragClip('trimEnd', at, 0.4, 10)).toBe(0.6);
    expect(dragClip('trimEnd', at, 5, 10)).toBe(0);
    expect(dragClip('fadeIn', at, 100, 10)).toBe(8.5);
    expect(dragClip('fadeOut', at, -0.2, 10)).toBe(0.5);
    expect(dragClip('fadeOut', at, 1, 10)).toBe(0);
  });

  it('draws a linear fade-in as a diagonal from the bottom left', () => {
    expect(fadePath('linear', 100, 10, true, 2)).toBe('M0.0,10.0L50.0,5.0L100.0,0.0');
    expect(fadePath('linear', 100, 10, false, 2)).toBe('M0.0,0.0L50.0,5.0L100.0,10.0');
  });
});
