import { describe, expect, it } from 'vitest';
import { TruePeakLimiter } from './true-peak-limiter';
import { TruePeakMeter } from './true-peak-meter';
import { db, noise, runBlocks, sine } from './test-support/signals';

const RATE = 48000;

/** A naive (aliased) square wave: its flat tops hide inter-sample overshoots of about 2 dB. */
export function square(frames: number, frequency: number, amplitude: number): Float32Array {
  const out = new Float32Array(frames);
  const period = RATE / frequency;
  for (let n = 0; n < frames; n++) out[n] = (n % period) < period / 2 ? amplitude : -amplitude;
  return out;
}

/** Noise and tones clipped hard at 0 dBFS after a 12 dB boost. */
export function clipped(frames: number): Float32Array {
  const x = noise(frames, 1, 7);
  const tone = sine(frames, 3000, 1);
  for (let n = 0; n < frames; n++) x[n] = Math.max(-1, Math.min(1, 4 * (0.5 * x[n] + 0.5 * tone[n])));
  return x;
}

function limit(channels: Float32Array[], options: ConstructorParameters<typeof TruePeakLimiter>[0], block = 128): { out: Float32Array[]; limiter: TruePeakLimiter } {
  const limiter = new TruePeakLimiter({ channels: channels.length, ...options });
  const out = runBlocks(channels, block, (i, o, n) => limiter.process(i, o, n));
  return { out, limiter };
}

function truePeakDb(channels: Float32Array[]): number {
  const meter = new TruePeakMeter(channels.length);
  meter.process(channels, channels[0].length);
  return meter.truePeakDb;
}

describe('TruePeakLimiter', () => {
  const hostile: Array<[string, () => Float32Array[]]> = [
    ['a 0 dBFS sine at fs/4 with a 45 degree phase (true peak +3 dBTP)', () => {
      const x = sine(RATE, 12000, Math.SQRT2, Math.PI / 4);
      return [x, x.slice()];
    }],
    ['a 0 dBFS square wave at 997 Hz', () => [square(RATE, 997, 1), square(RATE, 997, -1)]],
    ['clipped noise and tone', () => [clipped(RATE), clipped(RATE).reverse()]],
  ];
  for (const [name, make] of hostile) {
    it(`holds a -1 dBTP ceiling (BS.1770 meter) on ${name}`, () => {
      const input = make();
      expect(truePeakDb(input)).toBeGreaterThan(0);
      const { out } = limit(input, { ceilingDbtp: -1 });
      expect(truePeakDb(out)).toBeLessThanOrEqual(-1);
      // Limiting, not muting: the output sits close under the ceiling.
      expect(truePeakDb(out)).toBeGreaterThan(-2);
    });
  }

  it('passes a signal under the ceiling unchanged, delayed by latencyFrames', () => {
    const x = sine(4800, 440, 0.5);
    const { out, limiter } = limit([x, x], { ceilingDbtp: -1, lookaheadMs: 2 });
    expect(limiter.latencyFrames).toBe(16 + 96 - 1);
    for (let n = limiter.latencyFrames; n < 4800; n++) expect(out[0][n]).toBe(x[n - limiter.latencyFrames]);
    for (let n = 0; n < limiter.latencyFrames; n++) expect(out[0][n]).toBe(0);
  });

  it('gives the same samples whatever the block size', () => {
    const input = [clipped(20000), noise(20000, 1, 3)];
    const a = limit(input, {}, 128).out;
    const b = limit(input, {}, 1).out;
    const c = limit(input, {}, 1000).out;
    expect(a[0]).toEqual(b[0]);
    expect(a[1]).toEqual(c[1]);
  });

  it('links the channels: a peak on the left lowers the right by the same gain', () => {
    const left = sine(9600, 100, 0.1);
    left[4000] = 2;
    const right = sine(9600, 100, 0.1);
    const { out, limiter } = limit([left, right], { ceilingDbtp: -1 });
    const at = 4000 + limiter.latencyFrames - 10;
    expect(out[1][at] / right[at - limiter.latencyFrames]).toBeCloseTo(out[0][at] / left[at - limiter.latencyFrames], 6);
    expect(out[1][at] / right[at - limiter.latencyFrames]).toBeLessThan(0.6);
  });

  it('releases program-dependently: faster after a short peak than after two seconds of limiting', () => {
    const recovery = (loudSec: number) => {
      const frames = Math.round((loudSec + 1) * RATE);
      const x = sine(frames, 200, 0.25);
      for (let n = 0; n < loudSec * RATE; n++) x[n] *= 8;
      const { out, limiter } = limit([x, x], { ceilingDbtp: -1, releaseMs: 50 });
      // Gain 100 ms after the loud part ends (sine peaks are 0.25: gain = |out| / |in| at a crest).
      const start = Math.round((loudSec + 0.1) * RATE) + limiter.latencyFrames;
      let peak = 0;
      for (let n = start; n < start + 240; n++) peak = Math.max(peak, Math.abs(out[0][n]));
      return db(peak / 0.25);
    };
    const afterShort = recovery(0.02);
    const afterLong = recovery(2);
    expect(afterShort).toBeGreaterThan(-1);
    expect(afterLong).toBeLessThan(afterShort - 3);
  });
});
