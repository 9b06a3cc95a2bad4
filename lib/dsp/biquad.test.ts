import { describe, expect, it } from 'vitest';
import { Biquad } from './biquad';
import type { BiquadType } from './biquad-coefficients';
import { BUTTERWORTH_4_Q, PassFilter } from './pass-filter';
import { db, rms, runBlocks, sine, SAMPLE_RATE } from './test-support/signals';

/** The cookbook's analog prototype H(s) of each shape, evaluated on s = j * omega. */
function analogMagnitude(type: BiquadType, omega: number, q: number, gainDb: number): number {
  const a = Math.pow(10, gainDb / 40);
  const sa = Math.sqrt(a);
  // (re, im) of polynomials in s = j omega: s^2 = -omega^2.
  const poly = (c2: number, c1: number, c0: number): [number, number] => [c0 - c2 * omega * omega, c1 * omega];
  const ratio = (n: [number, number], d: [number, number], scale = 1) => (scale * Math.hypot(n[0], n[1])) / Math.hypot(d[0], d[1]);
  switch (type) {
    case 'lowpass':
      return ratio(poly(0, 0, 1), poly(1, 1 / q, 1));
    case 'highpass':
      return ratio(poly(1, 0, 0), poly(1, 1 / q, 1));
    case 'peaking':
      return ratio(poly(1, a / q, 1), poly(1, 1 / (a * q), 1));
    case 'lowshelf':
      return ratio(poly(1, sa / q, a), poly(a, sa / q, 1), a);
    case 'highshelf':
      return ratio(poly(a, sa / q, 1), poly(1, sa / q, a), a);
  }
}

/** The bilinear transform with the cookbook's prewarping maps f to analog omega = tan(pi f / fs) / tan(pi f0 / fs). */
function warped(frequency: number, f0: number, sampleRate = SAMPLE_RATE): number {
  return Math.tan((Math.PI * frequency) / sampleRate) / Math.tan((Math.PI * f0) / sampleRate);
}

const SHAPES: Array<{ type: BiquadType; frequency: number; q: number; gain: number }> = [
  { type: 'lowpass', frequency: 1000, q: Math.SQRT1_2, gain: 0 },
  { type: 'lowpass', frequency: 8000, q: 4, gain: 0 },
  { type: 'highpass', frequency: 120, q: Math.SQRT1_2, gain: 0 },
  { type: 'highpass', frequency: 2000, q: 0.5, gain: 0 },
  { type: 'peaking', frequency: 2500, q: 1.4, gain: 9 },
  { type: 'peaking', frequency: 300, q: 0.7, gain: -12 },
  { type: 'lowshelf', frequency: 150, q: Math.SQRT1_2, gain: 6 },
  { type: 'highshelf', frequency: 6000, q: Math.SQRT1_2, gain: -8 },
  { type: 'highshelf', frequency: 3000, q: 1.2, gain: 4 },
];
const PROBES = [30, 100, 150, 440, 1000, 2500, 6000, 12000, 18000];

describe('Biquad', () => {
  for (const shape of SHAPES) {
    const label = `${shape.type} ${shape.frequency} Hz Q ${shape.q.toFixed(2)} ${shape.gain} dB`;

    it(`${label}: magnitudeAt equals the prewarped analog RBJ prototype within 1e-9 dB`, () => {
      const filter = new Biquad(shape);
      for (const f of PROBES) {
        const expected = db(analogMagnitude(shape.type, warped(f, shape.frequency), shape.q, shape.gain));
        expect(Math.abs(db(filter.magnitudeAt(f)) - expected)).toBeLessThan(1e-9);
      }
    });

    it(`${label}: a sine comes out at the level magnitudeAt predicts within 0.01 dB`, () => {
      for (const f of [100, 1000, 6000]) {
        const filter = new Biquad({ ...shape, channels: 1 });
        const input = sine(SAMPLE_RATE, f, 0.25);
        const [output] = runBlocks([input], 128, (i, o, n) => filter.process(i, o, n));
        // Steady state: the second half, an integer number of periods.
        const measured = db(rms(output, SAMPLE_RATE / 2) / rms(input, SAMPLE_RATE / 2));
        expect(Math.abs(measured - db(filter.magnitudeAt(f)))).toBeLessThan(0.01);
      }
    });
  }

  it('gives the same samples whatever the block size when parameters do not change', () => {
    const input = sine(10000, 997, 0.5);
    const a = new Biquad({ type: 'peaking', frequency: 1000, gain: 6, channels: 1 });
    const b = new Biquad({ type: 'peaking', frequency: 1000, gain: 6, channels: 1 });
    const [x] = runBlocks([input], 128, (i, o, n) => a.process(i, o, n));
    const [y] = runBlocks([input], 1000, (i, o, n) => b.process(i, o, n));
    expect(x).toEqual(y);
  });

  it('keeps separate state per channel', () => {
    const filter = new Biquad({ type: 'lowpass', frequency: 500, channels: 2 });
    const left = sine(4800, 200, 0.5);
    const silent = new Float32Array(4800);
    const [, right] = runBlocks([left, silent], 128, (i, o, n) => filter.process(i, o, n));
    expect(right.every((v) => v === 0)).toBe(true);
  });

  it('ramps a coefficient change over one block instead of jumping (step no larger than 1.05x the louder steady state)', () => {
    const steadyStep = (gain: number): number => {
      const filter = new Biquad({ type: 'peaking', frequency: 1000, q: 1, gain, channels: 1 });
      const [y] = runBlocks([sine(9600, 1000, 0.5)], 128, (i, o, n) => filter.process(i, o, n));
      let max = 0;
      for (let n = 4800; n < 9600; n++) max = Math.max(max, Math.abs(y[n] - y[n - 1]));
      return max;
    };
    const filter = new Biquad({ type: 'peaking', frequency: 1000, q: 1, gain: 12, channels: 1 });
    const input = sine(9600, 1000, 0.5);
    let block = 0;
    const [y] = runBlocks([input], 128, (i, o, n) => {
      if (block++ === 37) filter.gain = -12;
      filter.process(i, o, n);
    });
    let max = 0;
    for (let n = 1; n < 9600; n++) max = Math.max(max, Math.abs(y[n] - y[n - 1]));
    expect(max).toBeLessThan(1.05 * steadyStep(12));
  });

  it('clamps parameters to their documented ranges and rejects NaN', () => {
    const filter = new Biquad({ sampleRate: 44100 });
    filter.frequency = 1e6;
    expect(filter.frequency).toBeCloseTo(0.49 * 44100, 6);
    filter.q = 0;
    expect(filter.q).toBe(0.1);
    filter.gain = 100;
    expect(filter.gain).toBe(30);
    expect(() => {
      filter.frequency = Number.NaN;
    }).toThrow(RangeError);
    expect(() => new Biquad({ channels: 0 })).toThrow(RangeError);
  });
});

describe('PassFilter', () => {
  it('uses the 4th-order Butterworth section Qs 0.5412 and 1.3066', () => {
    expect(BUTTERWORTH_4_Q[0]).toBeCloseTo(0.541196, 6);
    expect(BUTTERWORTH_4_Q[1]).toBeCloseTo(1.306563, 6);
  });

  it('24 dB/oct low-pass equals the prewarped Butterworth magnitude 1/sqrt(1 + W^8) within 1e-9 dB', () => {
    const filter = new PassFilter({ type: 'lowpass', frequency: 2000, slope: 24 });
    for (const f of PROBES) {
      const w = warped(f, 2000);
      expect(Math.abs(db(filter.magnitudeAt(f)) - db(1 / Math.sqrt(1 + w ** 8)))).toBeLessThan(1e-9);
    }
    expect(db(filter.magnitudeAt(2000))).toBeCloseTo(-3.0103, 4);
  });

  it('24 dB/oct high-pass falls 80 log10(2) = 24.08 dB per octave far below the cutoff and 12 dB/oct falls 12.04 (within 0.01 dB)', () => {
    const steep = new PassFilter({ type: 'highpass', frequency: 1000, slope: 24 });
    expect(Math.abs(db(steep.magnitudeAt(62.5)) - db(steep.magnitudeAt(31.25)) - 80 * Math.log10(2))).toBeLessThan(0.01);
    const gentle = new PassFilter({ type: 'highpass', frequency: 1000, slope: 12 });
    expect(Math.abs(db(gentle.magnitudeAt(62.5)) - db(gentle.magnitudeAt(31.25)) - 40 * Math.log10(2))).toBeLessThan(0.01);
    expect(db(gentle.magnitudeAt(1000))).toBeCloseTo(-3.0103, 4);
  });

  it('24 dB/oct high-pass passes a sine at the level magnitudeAt predicts within 0.01 dB', () => {
    for (const f of [60, 200, 1000]) {
      const filter = new PassFilter({ type: 'highpass', frequency: 200, slope: 24, channels: 1 });
      const input = sine(SAMPLE_RATE, f, 0.5);
      const [output] = runBlocks([input], 128, (i, o, n) => filter.process(i, o, n));
      const measured = db(rms(output, SAMPLE_RATE / 2) / rms(input, SAMPLE_RATE / 2));
      expect(Math.abs(measured - db(filter.magnitudeAt(f)))).toBeLessThan(0.01);
    }
  });

  it('rejects a slope other than 12 or 24', () => {
    expect(() => new PassFilter({ slope: 18 as 12 })).toThrow(RangeError);
  });
});
