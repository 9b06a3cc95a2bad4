import { describe, expect, it } from 'vitest';
import { laneValueAt } from '../../../../../lib/audio/automation-lane';
import type { AutomationPoint } from '../../../../../lib/doc';
import { automationCurve } from './automation-curve';
import { LANE_SCALES } from './lane-scale';

const view = { startSec: 0, pxPerSec: 10 };
const identity = (v: number) => v;

function vertices(curve: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < curve.length; i += 2) out.push([curve[i], curve[i + 1]]);
  return out;
}

describe('automation curve', () => {
  it('is empty for an empty lane', () => {
    expect(automationCurve([], view, 100, identity)).toEqual([]);
  });

  it('holds the first value before the first point and the last after the last', () => {
    const v = vertices(automationCurve([[3, 0.5], [6, -0.5]], view, 100, identity));
    expect(v[0]).toEqual([0, 0.5]);
    expect(v[v.length - 1]).toEqual([100, -0.5]);
    for (const [x, y] of v) {
      if (x <= 30) expect(y).toBe(0.5);
      if (x >= 60) expect(y).toBe(-0.5);
    }
  });

  it('spans the width, left to right, with every point on screen as a vertex', () => {
    const points: AutomationPoint[] = [[2.05, 0], [5.55, 1]];
    const v = vertices(automationCurve(points, view, 100, identity));
    expect(v.map(([x]) => x)).toEqual([...v.map(([x]) => x)].sort((a, b) => a - b));
    expect(v).toContainEqual([20.5, 0]);
    expect(v).toContainEqual([55.5, 1]);
  });

  it('follows the engine: linear in dB between points, bent onto the fader scale', () => {
    const points: AutomationPoint[] = [[1, -60], [9, 6]];
    const scale = LANE_SCALES.gainDb;
    const v = vertices(automationCurve(points, view, 100, (db) => scale.toPosition(db)));
    for (const [x, y] of v) expect(y).toBeCloseTo(scale.toPosition(laneValueAt(points, x / 10, 0)), 9);
  });

  it('draws two points at one time as a vertical jump', () => {
    const v = vertices(automationCurve([[5, 0], [5, 1]], view, 100, identity));
    const at = v.filter(([x]) => x === 50);
    expect(at[0]).toEqual([50, 0]);
    expect(at.at(-1)).toEqual([50, 1]);
  });

  it('follows the view when scrolled and zoomed', () => {
    const v = vertices(automationCurve([[10, 0], [20, 1]], { startSec: 15, pxPerSec: 20 }, 100, identity));
    expect(v[0][1]).toBeCloseTo(0.5, 9);
    expect(v).toContainEqual([100, 1]);
  });
});
