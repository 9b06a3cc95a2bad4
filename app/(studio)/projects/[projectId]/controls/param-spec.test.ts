import { describe, expect, it } from 'vitest';
import { COMP_SHAPE, EQ_SHAPE } from '../../../../../lib/doc';
import { DEFAULT_COMP, DEFAULT_EQ, fromPosition, paramSpec, roundParam, stepParam, toPosition } from './param-spec';

describe('paramSpec', () => {
  it('takes defaults and ranges from the schema', () => {
    expect(paramSpec('trimDb')).toMatchObject({ min: -24, max: 24, defaultValue: 0 });
    expect(paramSpec('eq.peak2.freqHz')).toMatchObject({ min: 20, max: 20_000, defaultValue: 2_500, scale: 'log' });
    expect(paramSpec('eq.highShelf.q')?.defaultValue).toBe(0.707);
    expect(paramSpec('comp.releaseMs')).toMatchObject({ min: 1, max: 5_000, defaultValue: 100 });
    expect(paramSpec('send:verb:levelDb')).toMatchObject({ min: -144, max: 12, defaultValue: 0, scale: 'fader' });
    expect(DEFAULT_COMP.thresholdDb).toBe(-18);
    expect(DEFAULT_EQ.highpass).toEqual({ on: false, freqHz: 80, slope: 12 });
  });

  it('has ranges the schema accepts at both ends and refuses beyond', () => {
    for (const [field, schema] of Object.entries(COMP_SHAPE)) {
      if (field === 'on') continue;
      const s = paramSpec(`comp.${field}` as never)!;
      expect(schema.safeParse(s.min).success && schema.safeParse(s.max).success).toBe(true);
      expect(schema.safeParse(s.min - 0.001).success || schema.safeParse(s.max + 0.001).success).toBe(false);
    }
    const peak = EQ_SHAPE.peak1.parse(undefined);
    expect(paramSpec('eq.peak1.q')!.defaultValue).toBe(peak.q);
  });
});

describe('knob travel', () => {
  it('puts 632 Hz in the middle of the log frequency travel and maps back to it', () => {
    const s = paramSpec('eq.peak1.freqHz')!;
    expect(toPosition(s, 632.5)).toBeCloseTo(0.5, 3);
    expect(fromPosition(s, 0.5)).toBe(632);
    expect(fromPosition(s, 0)).toBe(20);
    expect(fromPosition(s, 1)).toBe(20_000);
  });

  it('rounds to the readout precision: 0.1 dB, 3 digits of Hz, 0.01 of Q', () => {
    expect(roundParam(paramSpec('trimDb')!, 3.04999)).toBe(3);
    expect(roundParam(paramSpec('eq.peak1.freqHz')!, 1234.5)).toBe(1230);
    expect(roundParam(paramSpec('eq.peak1.q')!, 0.7071)).toBe(0.71);
    expect(roundParam(paramSpec('trimDb')!, 99)).toBe(24);
  });
});

describe('stepParam', () => {
  it('steps dB by 0.5, 0.1 with Shift, 3 per page, on the step grid', () => {
    const s = paramSpec('trimDb')!;
    expect(stepParam(s, 0, 1, 'normal')).toBe(0.5);
    expect(stepParam(s, 0.3, 1, 'normal')).toBe(0.5);
    expect(stepParam(s, 0, -1, 'fine')).toBe(-0.1);
    expect(stepParam(s, 23, 1, 'page')).toBe(24);
  });

  it('steps frequency by a fraction of the log travel, always moving, and stops at the ends', () => {
    const s = paramSpec('eq.peak1.freqHz')!;
    const up = stepParam(s, 1_000, 1, 'normal');
    expect(up).toBeGreaterThan(1_100);
    expect(up).toBeLessThan(1_150);
    expect(stepParam(s, 20, 1, 'fine')).toBeGreaterThan(20);
    expect(stepParam(s, 20_000, 1, 'normal')).toBe(20_000);
    const ratio = paramSpec('comp.ratio')!;
    expect(stepParam(ratio, 1, 1, 'fine')).toBe(1.1);
  });

  it('steps send levels like the fader: from silence to -60 dB', () => {
    expect(stepParam(paramSpec('send:bus:levelDb')!, -144, 1, 'normal')).toBe(-60);
  });
});
