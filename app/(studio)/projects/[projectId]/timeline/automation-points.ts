import { type AutomationPoint, MAX_TIMELINE_SEC } from '../../../../../lib/doc';

/**
 * Edits of one automation lane as pure functions over its points, sorted by time (SPEC L10: readMix
 * sorts them). Each returns a new list; none reorders points: a moved point stays between its
 * neighbours, so an index keeps naming the same point through a drag.
 */

/** Point times are kept to the millisecond: finer is inaudible and unreadable in a label. */
export const POINT_TIME_STEP_SEC = 0.001;

export function roundPointSec(sec: number): number {
  const rounded = Math.round(sec / POINT_TIME_STEP_SEC) * POINT_TIME_STEP_SEC;
  return Math.min(MAX_TIMELINE_SEC, Math.max(0, Number(rounded.toFixed(3))));
}

/** Where a point at `sec` goes: after every point at or before that time. */
export function insertionIndex(points: readonly AutomationPoint[], sec: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid][0] <= sec) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertPoint(points: readonly AutomationPoint[], sec: number, value: number): { points: AutomationPoint[]; index: number } {
  const at = roundPointSec(sec);
  const index = insertionIndex(points, at);
  return { points: [...points.slice(0, index), [at, value], ...points.slice(index)], index };
}

/** `sec` kept between the times of the point's neighbours (equal times are allowed: a jump). */
export function clampBetweenNeighbours(points: readonly AutomationPoint[], index: number, sec: number): number {
  const lo = index > 0 ? points[index - 1][0] : 0;
  const hi = index < points.length - 1 ? points[index + 1][0] : MAX_TIMELINE_SEC;
  return Math.min(hi, Math.max(lo, roundPointSec(sec)));
}

/** The point at `index` moved to `sec` (clamped between its neighbours) and `value` (not clamped: the caller's scale does it). */
export function movePoint(points: readonly AutomationPoint[], index: number, sec: number, value: number): AutomationPoint[] {
  if (index < 0 || index >= points.length) return [...points];
  const next = [...points];
  next[index] = [clampBetweenNeighbours(points, index, sec), value];
  return next;
}

export function deletePoint(points: readonly AutomationPoint[], index: number): AutomationPoint[] {
  return points.filter((_, i) => i !== index);
}

/** Every point outside `fromSec..toSec` (inclusive), in either order of the bounds. */
export function deleteRange(points: readonly AutomationPoint[], fromSec: number, toSec: number): AutomationPoint[] {
  const lo = Math.min(fromSec, toSec);
  const hi = Math.max(fromSec, toSec);
  return points.filter(([sec]) => sec < lo || sec > hi);
}

/** Indices `[first, end)` of the points from `fromSec` to `toSec`, inclusive. */
export function indexRange(points: readonly AutomationPoint[], fromSec: number, toSec: number): [number, number] {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid][0] < fromSec) lo = mid + 1;
    else hi = mid;
  }
  return [lo, Math.max(lo, insertionIndex(points, toSec))];
}

/**
 * The point nearest to the pointer within `radiusPx`, or -1. Of points drawn on the same spot the
 * last wins, as it is drawn on top.
 */
export function hitTestPoint(
  points: readonly AutomationPoint[],
  pointer: { x: number; y: number },
  locate: (point: AutomationPoint) => { x: number; y: number },
  radiusPx: number,
): number {
  let best = -1;
  let bestDistance = radiusPx;
  for (let i = 0; i < points.length; i++) {
    const { x, y } = locate(points[i]);
    if (Math.abs(x - pointer.x) > radiusPx) continue;
    const distance = Math.hypot(x - pointer.x, y - pointer.y);
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

export function samePoints(a: readonly AutomationPoint[], b: readonly AutomationPoint[]): boolean {
  return a.length === b.length && a.every((p, i) => p[0] === b[i][0] && p[1] === b[i][1]);
}
