import { describe, expect, it } from 'vitest';
import { StereoWidth } from './stereo-width';
import { noise, runBlocks } from './test-support/signals';

describe('StereoWidth', () => {
  const left = noise(1024, 0.5, 1);
  const right = noise(1024, 0.5, 2);

  it('folds to mono at width 0: both sides equal (L + R) / 2', () => {
    const width = new StereoWidth({ width: 0 });
    const [l, r] = runBlocks([left, right], 128, (i, o, n) => width.process(i, o, n));
    for (let n = 0; n < 1024; n++) {
      expect(l[n]).toBe(r[n]);
      expect(l[n]).toBeCloseTo((left[n] + right[n]) / 2, 7);
    }
  });

  it('leaves the signal bit-identical at width 1', () => {
    const width = new StereoWidth({ width: 1 });
    const [l, r] = runBlocks([left, right], 128, (i, o, n) => width.process(i, o, n));
    expect(l).toEqual(left);
    expect(r).toEqual(right);
  });

  it('doubles the side signal at width 2 and keeps the mid', () => {
    const width = new StereoWidth({ width: 2 });
    const [l, r] = runBlocks([left, right], 128, (i, o, n) => width.process(i, o, n));
    for (let n = 0; n < 1024; n++) {
      expect(l[n] - r[n]).toBeCloseTo(2 * (left[n] - right[n]), 6);
      expect(l[n] + r[n]).toBeCloseTo(left[n] + right[n], 6);
    }
  });

  it('clamps width to [0, 2]', () => {
    const width = new StereoWidth();
    width.width = 5;
    expect(width.width).toBe(2);
  });
});
