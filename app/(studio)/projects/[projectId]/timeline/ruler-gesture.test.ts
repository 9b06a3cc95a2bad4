import { describe, expect, it } from 'vitest';
import { isRulerDrag, LOOP_EDGE_GRAB_PX, loopFromDrag, MIN_LOOP_SEC, moveLoopEdge, RULER_DRAG_PX, rulerPress, rulerSec } from './ruler-gesture';

const view = { startSec: 10, pxPerSec: 100 };
const loop = { startSec: 12, endSec: 14 };

describe('ruler gestures', () => {
  it('tells a click from a drag by a few pixels', () => {
    expect(isRulerDrag(100, 100 + RULER_DRAG_PX)).toBe(false);
    expect(isRulerDrag(100, 100 - RULER_DRAG_PX - 1)).toBe(true);
  });

  it('grabs a loop edge near it, and seeks anywhere else (inside the loop too)', () => {
    expect(rulerPress(view, loop, 200 + LOOP_EDGE_GRAB_PX)).toEqual({ kind: 'edge', edge: 'startSec' });
    expect(rulerPress(view, loop, 398)).toEqual({ kind: 'edge', edge: 'endSec' });
    expect(rulerPress(view, loop, 300)).toEqual({ kind: 'seek' });
    expect(rulerPress(view, null, 200)).toEqual({ kind: 'seek' });
  });

  it('never seeks before the start of the song', () => {
    expect(rulerSec({ startSec: 0, pxPerSec: 100 }, -30)).toBe(0);
    expect(rulerSec(view, 250)).toBe(12.5);
  });

  it('makes a loop from a drag in either direction, none while too short', () => {
    expect(loopFromDrag(view, 300, 100)).toEqual({ startSec: 11, endSec: 13 });
    expect(loopFromDrag(view, 100, 300)).toEqual({ startSec: 11, endSec: 13 });
    expect(loopFromDrag(view, 100, 100 + MIN_LOOP_SEC * 100 - 1)).toBeNull();
  });

  it('moves one edge, keeping the loop at least its minimum long', () => {
    expect(moveLoopEdge(loop, 'startSec', 11)).toEqual({ startSec: 11, endSec: 14 });
    expect(moveLoopEdge(loop, 'endSec', 20)).toEqual({ startSec: 12, endSec: 20 });
    expect(moveLoopEdge(loop, 'startSec', 30)).toEqual({ startSec: 14 - MIN_LOOP_SEC, endSec: 14 });
    expect(moveLoopEdge(loop, 'endSec', 0)).toEqual({ startSec: 12, endSec: 12 + MIN_LOOP_SEC });
    expect(moveLoopEdge(loop, 'startSec', -4)).toEqual({ startSec: 0, endSec: 14 });
  });
});
