import { describe, expect, it } from 'vitest';
import type { EqData } from '../../../../../lib/doc';
import { bandResponseDb, eqResponseDb } from './eq-response';
import { DEFAULT_EQ } from '../controls/param-spec';

const SR = 48_000;
const withBand = (patch: Partial<{ [K in keyof EqData]: Partial<EqData[K]> }>): EqData =>
  Object.fromEntries(Object.entries(DEFAULT_EQ).map(([k, v]) => [k, { ...v, ...(patch as Record<string, object>)[k] }])) as EqData;

describe('eqResponseDb', () => {
  it('is flat at 0 dB with every band off (the default EQ)', () => {
    const out = eqResponseDb(DEFAULT_EQ, SR, [20, 1_000, 20_000], new Float32Array(3));
    expect([...out]).toEqual([0, 0, 0]);
  });

  it('gives +6 dB at the centre of a +6 dB peak at 1 kHz and about 0 dB at 20 Hz', () => {
    const eq = withBand({ peak1: { on: true, freqHz: 1_000, gainDb: 6, q: 1 } });
    const [atCentre, atLow] = eqResponseDb(eq, SR, [1_000, 20], new Float32Array(2));
    expect(atCentre).toBeCloseTo(6, 2);
    expect(Math.abs(atLow)).toBeLessThan(0.05);
  });

  it('gives -3 dB at the cutoff of a 12 dB/oct high-pass at 100 Hz, and about -12 dB an octave below', () => {
    const eq = withBand({ highpass: { on: true, freqHz: 100, slope: 12 } });
    const [cutoff, octaveBelow, passband] = eqResponseDb(eq, SR, [100, 50, 5_000], new Float32Array(3));
    expect(cutoff).toBeCloseTo(-3.01, 1);
    expect(octaveBelow).toBeGreaterThan(-13.5);
    expect(octaveBelow).toBeLessThan(-11.5);
    expect(Math.abs(passband)).toBeLessThan(0.01);
  });

  it('gives -3 dB at the cutoff of a 24 dB/oct high-pass (two Butterworth sections) and about -24 dB an octave below', () => {
    const eq = withBand({ highpass: { on: true, freqHz: 100, slope: 24 } });
    const [cutoff, octaveBelow] = eqResponseDb(eq, SR, [100, 50], new Float32Array(2));
    expect(cutoff).toBeCloseTo(-3.01, 1);
    expect(octaveBelow).toBeGreaterThan(-25);
    expect(octaveBelow).toBeLessThan(-23);
  });

  it('ignores a shelf or peak that is on at 0 dB, or off with a gain (as the engine does)', () => {
    expect(bandResponseDb('peak2', { on: true, freqHz: 1_000, gainDb: 0, q: 1 }, 1_000, SR)).toBe(0);
    expect(bandResponseDb('peak2', { on: false, freqHz: 1_000, gainDb: 9, q: 1 }, 1_000, SR)).toBe(0);
  });

  it('adds the bands: a -4 dB low shelf and a +5 dB high shelf reach their gains at the ends', () => {
    const eq = withBand({ lowShelf: { on: true, freqHz: 200, gainDb: -4, q: 0.707 }, highShelf: { on: true, freqHz: 4_000, gainDb: 5, q: 0.707 } });
    const [low, high] = eqResponseDb(eq, SR, [20, 19_000], new Float32Array(2));
    expect(low).toBeCloseTo(-4, 1);
    expect(high).toBeCloseTo(5, 0);
  });
});
