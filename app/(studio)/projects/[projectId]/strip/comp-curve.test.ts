import { describe, expect, it } from 'vitest';
import { compCurvePath, compOutputDb } from './comp-curve';

describe('compressor transfer curve', () => {
  const comp = { thresholdDb: -20, ratio: 4, kneeDb: 0, makeupDb: 0 };

  it('is unity below the threshold and divides the excess by the ratio above it', () => {
    expect(compOutputDb(comp, -40)).toBe(-40);
    expect(compOutputDb(comp, 0)).toBe(-15);
  });

  it('adds makeup gain after the curve', () => {
    expect(compOutputDb({ ...comp, makeupDb: 6 }, 0)).toBe(-9);
  });

  it('draws from the bottom left; a 1:1 ratio is the diagonal', () => {
    expect(compCurvePath({ ...comp, ratio: 1 }, 60, 3)).toBe('M0.0 60.0L30.0 30.0L60.0 0.0');
  });
});
