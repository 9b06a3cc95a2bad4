import { describe, expect, it } from 'vitest';
import { grAriaValue, grFraction, meterAriaValue, meterDataValue, meterFraction } from './meter-scale';

describe('meter scale', () => {
  it('maps -60..+6 dBFS onto the bar, silence to nothing', () => {
    expect(meterFraction(-Infinity)).toBe(0);
    expect(meterFraction(-80)).toBe(0);
    expect(meterFraction(0)).toBeCloseTo(60 / 66, 6);
    expect(meterFraction(12)).toBe(1);
  });

  it('rounds aria-valuenow to 0.1 dB within the range, -60 when silent', () => {
    expect(meterAriaValue(-Infinity)).toBe(-60);
    expect(meterAriaValue(-12.34)).toBe(-12.3);
    expect(meterAriaValue(-75)).toBe(-60);
    expect(meterAriaValue(8.2)).toBe(6);
    expect(meterAriaValue(-0.04)).toBe(0);
  });

  it('keeps the unclamped level in data-level-db, -inf when silent', () => {
    expect(meterDataValue(-Infinity)).toBe('-inf');
    expect(meterDataValue(-75.04)).toBe('-75');
    expect(meterDataValue(8.26)).toBe('8.3');
  });

  it('shows gain reduction from 0 to -24 dB', () => {
    expect(grFraction(0)).toBe(0);
    expect(grFraction(-6)).toBe(0.25);
    expect(grFraction(-40)).toBe(1);
    expect(grAriaValue(-3.26)).toBe(-3.3);
  });
});
