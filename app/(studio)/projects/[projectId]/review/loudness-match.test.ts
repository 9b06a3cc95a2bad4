import { describe, expect, it } from 'vitest';
import { dbToGain, matchGainsDb } from './loudness-match';

describe('loudness matching', () => {
  it('turns the louder side down to the quieter one, and never up', () => {
    expect(matchGainsDb(-14, -9.5)).toEqual({ a: 0, b: -4.5 });
    expect(matchGainsDb(-8, -16)).toEqual({ a: -8, b: 0 });
    expect(matchGainsDb(-12, -12)).toEqual({ a: 0, b: 0 });
  });

  it('leaves both alone when a side was not measured (silence)', () => {
    expect(matchGainsDb(null, -9)).toEqual({ a: 0, b: 0 });
    expect(matchGainsDb(-9, null)).toEqual({ a: 0, b: 0 });
  });

  it('converts dB to a gain factor', () => {
    expect(dbToGain(0)).toBe(1);
    expect(dbToGain(-6.0206)).toBeCloseTo(0.5, 4);
  });
});
