import type { AutomationPoint } from '../../../../../lib/doc';
import { automationCurve } from './automation-curve';
import { indexRange } from './automation-points';
import { prepareCanvas, withAlpha } from './draw-waveform';
import { type LaneScale, positionToY } from './lane-scale';
import { secToX, type TimelineView, xToSec } from './timeline-view';

export interface DrawAutomationOptions {
  view: TimelineView;
  /** CSS pixels. */
  width: number;
  height: number;
  color: string;
  scale: LaneScale;
  points: readonly AutomationPoint[];
  /** The strip's own value, drawn dashed while the lane is empty (it is what plays then). */
  staticValue: number;
  selected: number | null;
  /** Seconds an Alt-drag is erasing, in either order. */
  erase: readonly [number, number] | null;
}

const POINT_RADIUS_PX = 3;

/** One automation lane: a reference line, the curve as the engine plays it (or the static value), its points. */
export function drawAutomationLane(canvas: HTMLCanvasElement, o: DrawAutomationOptions): void {
  const ctx = prepareCanvas(canvas, o.width, o.height);
  if (!ctx) return;
  const { view, width, height, color, scale, points } = o;
  const yOf = (value: number) => positionToY(scale.toPosition(value), height);

  ctx.fillStyle = '#23272e';
  ctx.fillRect(0, Math.round(yOf(scale.referenceValue)), width, 1);

  if (o.erase) {
    const x0 = secToX(view, Math.min(...o.erase));
    const x1 = secToX(view, Math.max(...o.erase));
    ctx.fillStyle = 'rgba(255, 107, 107, 0.18)';
    ctx.fillRect(x0, 0, Math.max(1, x1 - x0), height);
  }

  ctx.lineWidth = 1.5;
  ctx.lineJoin = 'round';
  if (points.length === 0) {
    const y = Math.round(yOf(o.staticValue)) + 0.5;
    ctx.strokeStyle = withAlpha(color, 0.55);
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(0, y);
    ctx.lineTo(width, y);
    ctx.stroke();
    ctx.setLineDash([]);
    return;
  }

  // A held lane (mute, bypass) steps: each value stays until the next point.
  const drawn = scale.held ? points.flatMap((p, i) => (i === 0 ? [p] : [[p[0], points[i - 1][1]] as const, p])) : points;
  const curve = automationCurve(drawn, view, width, yOf);
  ctx.beginPath();
  ctx.moveTo(curve[0], curve[1]);
  for (let i = 2; i < curve.length; i += 2) ctx.lineTo(curve[i], curve[i + 1]);
  ctx.strokeStyle = color;
  ctx.stroke();
  ctx.lineTo(width, height);
  ctx.lineTo(0, height);
  ctx.closePath();
  ctx.fillStyle = withAlpha(color, 0.1);
  ctx.fill();

  const margin = POINT_RADIUS_PX / view.pxPerSec;
  const [first, end] = indexRange(points, view.startSec - margin, xToSec(view, width) + margin);
  for (let i = first; i < end; i++) {
    const x = secToX(view, points[i][0]);
    const y = yOf(points[i][1]);
    ctx.beginPath();
    ctx.arc(x, y, i === o.selected ? POINT_RADIUS_PX + 1.5 : POINT_RADIUS_PX, 0, Math.PI * 2);
    ctx.fillStyle = i === o.selected ? '#ffffff' : color;
    ctx.fill();
    ctx.strokeStyle = '#0b0c0e';
    ctx.lineWidth = 1;
    ctx.stroke();
  }
}
