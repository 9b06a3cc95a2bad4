import type { AutomationPoint } from '../doc/types';

/** Index of the last point at or before `sec`, or -1 (binary search: no allocation, O(log n)). */
function lastAtOrBefore(points: ReadonlyArray<AutomationPoint>, sec: number): number {
  let lo = 0;
  let hi = points.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid][0] <= sec) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The value of a continuous lane (fader dB, pan, send dB) at `sec`: linear interpolation between
 * points in the lane's own unit, the first value before the first point, the last after the last.
 * Points must be sorted by time (readMix guarantees it, SPEC L10). An empty lane gives `fallback`.
 */
export function laneValueAt(points: ReadonlyArray<AutomationPoint>, sec: number, fallback: number): number {
  if (points.length === 0) return fallback;
  const k = lastAtOrBefore(points, sec);
  if (k < 0) return points[0][1];
  if (k === points.length - 1) return points[k][1];
  // Indexing rather than destructuring: no iterator objects in the block loop.
  const t0 = points[k][0];
  const v0 = points[k][1];
  const t1 = points[k + 1][0];
  const v1 = points[k + 1][1];
  // Two points at the same time are a jump: the later one holds from that time.
  return t1 > t0 ? v0 + ((v1 - v0) * (sec - t0)) / (t1 - t0) : v1;
}

/**
 * The value of a switch lane (mute, 0 or 1) at `sec`: each point holds until the next, since a
 * half-muted state means nothing; the engine fades the switch over a few ms instead.
 */
export function laneHoldAt(points: ReadonlyArray<AutomationPoint>, sec: number, fallback: number): number {
  if (points.length === 0) return fallback;
  const k = lastAtOrBefore(points, sec);
  return k < 0 ? points[0][1] : points[k][1];
}
