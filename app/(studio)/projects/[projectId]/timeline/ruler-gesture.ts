import type { LoopRange } from '../transport/transport-types';
import { secToX, type TimelineView, xToSec } from './timeline-view';

/** A press that moves less than this is a click (seek); more is a drag (a loop region). */
export const RULER_DRAG_PX = 4;
/** A press this close to a loop edge drags that edge. */
export const LOOP_EDGE_GRAB_PX = 5;
/** A loop shorter than this is no loop: the engine would spin on a few blocks. */
export const MIN_LOOP_SEC = 0.05;

/** What a press on the ruler starts: a seek (or a new loop if it turns into a drag), or an edge drag. */
export type RulerPress = { kind: 'seek' } | { kind: 'edge'; edge: 'startSec' | 'endSec' };

export function rulerPress(view: TimelineView, loop: LoopRange | null, x: number): RulerPress {
  if (loop) {
    const dStart = Math.abs(secToX(view, loop.startSec) - x);
    const dEnd = Math.abs(secToX(view, loop.endSec) - x);
    if (Math.min(dStart, dEnd) <= LOOP_EDGE_GRAB_PX) return { kind: 'edge', edge: dEnd < dStart ? 'endSec' : 'startSec' };
  }
  return { kind: 'seek' };
}

export function isRulerDrag(fromX: number, toX: number): boolean {
  return Math.abs(toX - fromX) > RULER_DRAG_PX;
}

/** A time on the ruler: never before the start of the song. */
export function rulerSec(view: TimelineView, x: number): number {
  return Math.max(0, xToSec(view, x));
}

/** The loop spanned by a drag from `fromX` to `toX`, in either direction; null while too short. */
export function loopFromDrag(view: TimelineView, fromX: number, toX: number): LoopRange | null {
  const a = rulerSec(view, fromX);
  const b = rulerSec(view, toX);
  const range = { startSec: Math.min(a, b), endSec: Math.max(a, b) };
  return range.endSec - range.startSec >= MIN_LOOP_SEC ? range : null;
}

/** The loop with one edge dragged to `sec`; kept at least `MIN_LOOP_SEC` long, the other edge stays put. */
export function moveLoopEdge(loop: LoopRange, edge: 'startSec' | 'endSec', sec: number): LoopRange {
  const at = Math.max(0, sec);
  return edge === 'startSec'
    ? { startSec: Math.min(at, loop.endSec - MIN_LOOP_SEC), endSec: loop.endSec }
    : { startSec: loop.startSec, endSec: Math.max(at, loop.startSec + MIN_LOOP_SEC) };
}
