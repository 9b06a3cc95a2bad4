import { describe, expect, it } from 'vitest';
import type { AutomationPoint } from '../../../../../lib/doc';
import {
  clampBetweenNeighbours,
  deletePoint,
  deleteRange,
  hitTestPoint,
  indexRange,
  insertPoint,
  movePoint,
  roundPointSec,
  samePoints,
} from './automation-points';

const lane: AutomationPoint[] = [
  [1, -6],
  [2, 0],
  [2, -3],
  [4, -12],
];

describe('automation point edits', () => {
  it('inserts a point in time order, after points at the same time', () => {
    expect(insertPoint(lane, 3, 1)).toEqual({ points: [[1, -6], [2, 0], [2, -3], [3, 1], [4, -12]], index: 3 });
    expect(insertPoint(lane, 2, 5).index).toBe(3);
    expect(insertPoint(lane, 0.5, 5).index).toBe(0);
    expect(insertPoint([], 7, 5)).toEqual({ points: [[7, 5]], index: 0 });
  });

  it('keeps times to the millisecond and on the timeline', () => {
    expect(roundPointSec(1.23456)).toBe(1.235);
    expect(roundPointSec(-3)).toBe(0);
    expect(roundPointSec(1e9)).toBe(86_400);
    expect(insertPoint([], 0.1 + 0.2, 0).points[0][0]).toBe(0.3);
  });

  it('moves a point in time and value without passing its neighbours', () => {
    expect(movePoint(lane, 3, 3.5, -1)).toEqual([[1, -6], [2, 0], [2, -3], [3.5, -1]]);
    expect(movePoint(lane, 0, 10, -1)[0]).toEqual([2, -1]);
    expect(movePoint(lane, 3, 0, -1)[3]).toEqual([2, -1]);
    expect(movePoint(lane, 0, -5, -1)[0]).toEqual([0, -1]);
    expect(clampBetweenNeighbours(lane, 1, 2.5)).toBe(2);
    expect(clampBetweenNeighbours(lane, 1, 1.5)).toBe(1.5);
  });

  it('does not reorder or lose points when moving', () => {
    const moved = movePoint(lane, 1, 0, 3);
    expect(moved.map((p) => p[0])).toEqual([1, 1, 2, 4]);
    expect(moved).toHaveLength(lane.length);
    expect(lane[1]).toEqual([2, 0]);
  });

  it('deletes one point, or every point in a time range', () => {
    expect(deletePoint(lane, 1)).toEqual([[1, -6], [2, -3], [4, -12]]);
    expect(deleteRange(lane, 3, 1.5)).toEqual([[1, -6], [4, -12]]);
    expect(deleteRange(lane, 0, 10)).toEqual([]);
  });

  it('finds the points in a time range', () => {
    expect(indexRange(lane, 2, 3)).toEqual([1, 3]);
    expect(indexRange(lane, 5, 9)).toEqual([4, 4]);
    expect(indexRange(lane, 0, 1)).toEqual([0, 1]);
  });

  it('hits the nearest point within the radius, the later of two on one spot', () => {
    const locate = (p: AutomationPoint) => ({ x: p[0] * 100, y: -p[1] });
    expect(hitTestPoint(lane, { x: 104, y: 6 }, locate, 7)).toBe(0);
    expect(hitTestPoint(lane, { x: 120, y: 6 }, locate, 7)).toBe(-1);
    expect(hitTestPoint([[1, 0], [1, 0]], { x: 100, y: 0 }, locate, 7)).toBe(1);
    expect(hitTestPoint(lane, { x: 201, y: 2 }, locate, 7)).toBe(2);
  });

  it('compares lanes by value', () => {
    expect(samePoints(lane, lane.map((p) => [p[0], p[1]] as const))).toBe(true);
    expect(samePoints(lane, movePoint(lane, 0, 1, -5))).toBe(false);
  });
});
