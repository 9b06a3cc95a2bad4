import { describe, expect, it } from 'vitest';
import { ANNEX2_COEFFICIENTS, TruePeakMeter } from './true-peak-meter';
import { musicLike, noise } from './test-support/signals';

/** The Annex 2 interpolation of every sample, written plainly: the reference for the skipping meter. */
function bruteForce(x: Float32Array): number {
  let peak = 0;
  for (let n = 0; n < x.length; n++) {
    peak = Math.max(peak, Math.abs(x[n]));
    for (let p = 0; p < 4; p++) {
      let y = 0;
      for (let t = 0; t < 12; t++) y += ANNEX2_COEFFICIENTS[p * 12 + t] * (n - t >= 0 ? x[n - t] : 0);
      peak = Math.max(peak, Math.abs(y));
    }
  }
  return peak;
}

describe('TruePeakMeter', () => {
  it('skips only stretches that cannot raise the peak: the same reading as interpolating every sample', () => {
    const [left] = musicLike(10);
    const bursts = noise(480000, 0.05, 9);
    for (let n = 100000; n < 100300; n++) bursts[n] *= 15;
    for (const x of [left, bursts]) {
      const meter = new TruePeakMeter(1);
      for (let at = 0; at < x.length; at += 1000) meter.process([x.subarray(at, at + 1000)], Math.min(1000, x.length - at));
      expect(meter.truePeak).toBe(bruteForce(x));
    }
  });
});
