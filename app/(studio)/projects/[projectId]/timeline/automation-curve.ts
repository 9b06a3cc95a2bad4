import { laneValueAt } from '../../../../../lib/audio/automation-lane';
import type { AutomationPoint } from '../../../../../lib/doc';
import { indexRange } from './automation-points';
import { secToX, type TimelineView, xToSec } from './timeline-view';

/** Columns between two samples of the curve: a straight dB ramp bends on the fader's scale. */
export const CURVE_SAMPLE_PX = 2;

/**
 * The vertices (x0, y0, x1, y1, ...) of a lane's curve across `0..widthPx`, valued as the engine
 * plays it (`laneValueAt`: linear in the lane's unit, the first value before the first point, the
 * last after the last). Sampled every `CURVE_SAMPLE_PX` columns, plus every point exactly, so that
 * corners stay sharp and two points at one time draw a vertical jump. Empty for an empty lane.
 */
export function automationCurve(
  points: readonly AutomationPoint[],
  view: TimelineView,
  widthPx: number,
  toY: (value: number) => number,
): number[] {
  if (points.length === 0 || widthPx <= 0) return [];
  const out: number[] = [];
  const [first, end] = indexRange(points, view.startSec, xToSec(view, widthPx));
  let k = first;
  for (let x = 0; ; x = Math.min(widthPx, x + CURVE_SAMPLE_PX)) {
    const sec = xToSec(view, x);
    for (; k < end && points[k][0] <= sec; k++) out.push(secToX(view, points[k][0]), toY(points[k][1]));
    out.push(x, toY(laneValueAt(points, sec, points[0][1])));
    if (x >= widthPx) break;
  }
  return out;
}
