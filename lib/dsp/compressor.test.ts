import { describe, expect, it } from 'vitest';
import { Compressor, compressorCurve } from './compressor';
import { db, noise, runBlocks, sine, SAMPLE_RATE } from './test-support/signals';

const constant = (frames: number, value: number) => new Float32Array(frames).fill(value);

/** Steady-state gain in dB of the compressor for a DC input at `levelDb`. */
function steadyGainDb(compressor: Compressor, levelDb: number): number {
  const level = Math.pow(10, levelDb / 20);
  const input = constant(SAMPLE_RATE, level);
  const [out] = runBlocks([input, input], 128, (i, o, n) => compressor.process(i, o, n));
  return db(out[out.length - 1] / input[input.length - 1]);
}

/** Samples from a step until the gain first covers (1 - 1/e) of its way from `from` to `to` (dB). */
function samplesToCover(gainsDb: Float64Array, from: number, to: number): number {
  const mark = from + (1 - 1 / Math.E) * (to - from);
  for (let n = 0; n < gainsDb.length; n++) if (to < from ? gainsDb[n] <= mark : gainsDb[n] >= mark) return n;
  return Number.POSITIVE_INFINITY;
}

describe('compressorCurve', () => {
  it('is the identity below the knee, T + (x - T) / R above it, and T + (1/R - 1) W / 8 at the threshold', () => {
    const t = -20, r = 4, w = 10;
    expect(compressorCurve(-40, t, r, w)).toBe(-40);
    expect(compressorCurve(-25.0001, t, r, w)).toBeCloseTo(-25.0001, 9);
    expect(compressorCurve(0, t, r, w)).toBeCloseTo(t + 20 / r, 12);
    expect(compressorCurve(t, t, r, w)).toBeCloseTo(t + ((1 / r - 1) * w) / 8, 12);
  });

  it('is continuous and its slope goes from 1 to 1/R across the knee', () => {
    const t = -18, r = 3, w = 12;
    for (const edge of [t - w / 2, t + w / 2]) {
      expect(Math.abs(compressorCurve(edge - 1e-9, t, r, w) - compressorCurve(edge + 1e-9, t, r, w))).toBeLessThan(1e-8);
    }
    const slope = (x: number) => (compressorCurve(x + 1e-6, t, r, w) - compressorCurve(x - 1e-6, t, r, w)) / 2e-6;
    expect(slope(t - w / 2 + 1e-3)).toBeCloseTo(1, 3);
    expect(slope(t + w / 2 - 1e-3)).toBeCloseTo(1 / r, 3);
  });

  it('with no knee is a hard corner at the threshold', () => {
    expect(compressorCurve(-20, -20, 4, 0)).toBe(-20);
    expect(compressorCurve(-10, -20, 4, 0)).toBeCloseTo(-17.5, 12);
  });
});

describe('Compressor', () => {
  it('settles on the static curve plus makeup for steady levels from -60 to 0 dBFS (within 0.01 dB)', () => {
    for (const knee of [0, 10]) {
      for (let level = -60; level <= 0; level += 3) {
        const compressor = new Compressor({ threshold: -24, ratio: 4, knee, makeup: 3, attack: 0.005, release: 0.05 });
        const expected = compressorCurve(level, -24, 4, knee) - level + 3;
        expect(Math.abs(steadyGainDb(compressor, level) - expected)).toBeLessThan(0.01);
      }
    }
  });

  it('settles on the static curve for a 1 kHz sine too, within 0.05 dB (the 32-sample peak misses the crest by < 0.02 dB)', () => {
    const compressor = new Compressor({ threshold: -30, ratio: 6, knee: 6, attack: 0.002, release: 0.2 });
    const input = sine(SAMPLE_RATE, 1000, 0.5);
    const [out] = runBlocks([input, input], 128, (i, o, n) => compressor.process(i, o, n));
    let peak = 0;
    for (let n = SAMPLE_RATE - 4800; n < SAMPLE_RATE; n++) peak = Math.max(peak, Math.abs(out[n]));
    const expected = compressorCurve(db(0.5), -30, 6, 6);
    expect(Math.abs(db(peak) - expected)).toBeLessThan(0.05);
    expect(compressor.gainReduction).toBeCloseTo(expected - db(0.5), 1);
  });

  for (const attack of [0.001, 0.01, 0.05]) {
    it(`reaches 1 - 1/e of a gain-reduction step after the attack time ${attack * 1000} ms (meter exact to one 32-sample control step, audio within two)`, () => {
      const compressor = new Compressor({ threshold: -20, ratio: 100, knee: 0, attack, release: 1 });
      const interval = compressor.controlInterval;
      const frames = Math.round(attack * SAMPLE_RATE * 6);
      const input = constant(frames, 1);
      const meter = new Float64Array(frames);
      const gains = new Float64Array(frames);
      const one = new Float32Array(1);
      const out = new Float32Array(1);
      for (let n = 0; n < frames; n++) {
        one[0] = input[n];
        compressor.process([one], [out], 1);
        meter[n] = compressor.gainReduction;
        gains[n] = db(out[0]);
      }
      const final = compressorCurve(0, -20, 100, 0);
      const expectedSamples = attack * SAMPLE_RATE;
      expect(Math.abs(samplesToCover(meter, 0, final) - expectedSamples)).toBeLessThanOrEqual(interval);
      expect(Math.abs(samplesToCover(gains, 0, final) - expectedSamples)).toBeLessThanOrEqual(2 * interval);
    });
  }

  for (const release of [0.02, 0.2]) {
    it(`recovers 1 - 1/e of the gain reduction after the release time ${release * 1000} ms (within one control step)`, () => {
      const compressor = new Compressor({ threshold: -20, ratio: 100, knee: 0, attack: 0.0001, release });
      const loud = constant(SAMPLE_RATE / 2, 1);
      runBlocks([loud], 128, (i, o, n) => compressor.process(i, o, n));
      const start = compressor.gainReduction;
      expect(start).toBeCloseTo(compressorCurve(0, -20, 100, 0), 3);
      const frames = Math.round(release * SAMPLE_RATE * 4);
      const meter = new Float64Array(frames);
      const quiet = new Float32Array(1).fill(0.001);
      const out = new Float32Array(1);
      for (let n = 0; n < frames; n++) {
        compressor.process([quiet], [out], 1);
        meter[n] = compressor.gainReduction;
      }
      // The first control step after the drop still sees the loud samples' peak.
      const measured = samplesToCover(meter, start, 0);
      expect(Math.abs(measured - release * SAMPLE_RATE)).toBeLessThanOrEqual(compressor.controlInterval);
    });
  }

  it('applies makeup gain exactly below the threshold (within 1e-6 dB)', () => {
    const compressor = new Compressor({ threshold: -10, knee: 0, makeup: 6 });
    expect(Math.abs(steadyGainDb(compressor, -40) - 6)).toBeLessThan(1e-6);
  });

  it('compresses the audio input from a separate sidechain input (ducking)', () => {
    const compressor = new Compressor({ threshold: -30, ratio: 10, knee: 0, attack: 0.001 });
    const music = [sine(SAMPLE_RATE, 440, 0.02), sine(SAMPLE_RATE, 440, 0.02)];
    const voice = [constant(SAMPLE_RATE, 0.5), constant(SAMPLE_RATE, 0.5)];
    const out = [new Float32Array(SAMPLE_RATE), new Float32Array(SAMPLE_RATE)];
    compressor.process(music, out, SAMPLE_RATE, voice);
    const expected = compressorCurve(db(0.5), -30, 10, 0) - db(0.5);
    expect(compressor.gainReduction).toBeCloseTo(expected, 2);
    const plain = new Compressor({ threshold: -30, ratio: 10, knee: 0 });
    plain.process(music, out, SAMPLE_RATE);
    expect(plain.gainReduction).toBe(0);
  });

  it('links the channels by default (same gain on both) and compresses each on its own when unlinked', () => {
    const loud = constant(SAMPLE_RATE / 2, 1);
    const quiet = constant(SAMPLE_RATE / 2, 0.01);
    const linked = new Compressor({ threshold: -20, ratio: 4, knee: 0 });
    const [l1, r1] = runBlocks([loud, quiet], 128, (i, o, n) => linked.process(i, o, n));
    expect(db(l1[l1.length - 1] / 1)).toBeCloseTo(db(r1[r1.length - 1] / 0.01), 5);
    const unlinked = new Compressor({ threshold: -20, ratio: 4, knee: 0, link: false });
    const [l2, r2] = runBlocks([loud, quiet], 128, (i, o, n) => unlinked.process(i, o, n));
    expect(db(l2[l2.length - 1])).toBeCloseTo(-20 + 20 / 4, 3);
    expect(r2[r2.length - 1]).toBeCloseTo(0.01, 7);
  });

  it('gives bit-identical output whatever the block size', () => {
    const input = [noise(20000, 0.9, 3), noise(20000, 0.5, 4)];
    const options = { threshold: -30, ratio: 5, knee: 6, attack: 0.003, release: 0.08, makeup: 4 };
    const a = new Compressor(options);
    const b = new Compressor(options);
    const x = runBlocks(input, 128, (i, o, n) => a.process(i, o, n));
    const y = runBlocks(input, 37, (i, o, n) => b.process(i, o, n));
    expect(x[0]).toEqual(y[0]);
    expect(x[1]).toEqual(y[1]);
  });

  it('recovers from an infinite sample instead of staying silent', () => {
    const compressor = new Compressor({ threshold: -20, ratio: 4, knee: 0, attack: 0.001, release: 0.01 });
    const input = constant(SAMPLE_RATE, 0.01);
    input[100] = Number.POSITIVE_INFINITY;
    const [out] = runBlocks([input], 128, (i, o, n) => compressor.process(i, o, n));
    expect(out[out.length - 1]).toBeCloseTo(0.01, 6);
  });

  it('clamps parameters to their documented ranges and rejects NaN', () => {
    const compressor = new Compressor();
    compressor.ratio = 0.5;
    expect(compressor.ratio).toBe(1);
    compressor.threshold = 10;
    expect(compressor.threshold).toBe(0);
    expect(() => {
      compressor.attack = Number.NaN;
    }).toThrow(RangeError);
  });
});
