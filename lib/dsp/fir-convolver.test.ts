import { describe, expect, it } from 'vitest';
import { fadeGain, FadeShape } from './fade-curve';
import { FIR_PARTITION_FRAMES, FirConvolver } from './fir-convolver';
import { designLinearPhaseFir } from './linear-phase-fir';
import { noise, runBlocks } from './test-support/signals';

function direct(x: Float32Array, h: ArrayLike<number>, delay: number): Float64Array {
  const y = new Float64Array(x.length);
  for (let n = 0; n < x.length; n++) {
    let sum = 0;
    for (let k = 0; k < h.length && k <= n - delay; k++) sum += h[k] * x[n - delay - k];
    y[n] = sum;
  }
  return y;
}

describe('FirConvolver', () => {
  const taps = Float64Array.from(noise(1000, 0.2, 3));
  const x = noise(6000, 0.5, 4);

  it('equals direct convolution (delayed by one partition) to 1e-6, whatever the block size', () => {
    const expected = direct(x, taps, FIR_PARTITION_FRAMES);
    for (const block of [1, 100, 128, 1024]) {
      const fir = new FirConvolver({ maxTaps: 1000, channels: 1 });
      fir.setKernel(taps);
      fir.reset();
      const [y] = runBlocks([x], block, (i, o, n) => fir.process(i, o, n));
      let worst = 0;
      for (let n = 0; n < x.length; n++) worst = Math.max(worst, Math.abs(y[n] - expected[n]));
      expect({ block, worst: worst < 1e-6 }).toEqual({ block, worst: true });
    }
  });

  it('crossfades to a new kernel over one partition: before it the old filter, after it the new one, no step between', () => {
    const fir = new FirConvolver({ maxTaps: 64, channels: 1 });
    fir.setKernel([1]);
    fir.reset();
    const dc = new Float32Array(1280).fill(0.5);
    const out = new Float32Array(1280);
    fir.process([dc.subarray(0, 640)], [out.subarray(0, 640)], 640);
    fir.setKernel([0.5]);
    fir.process([dc.subarray(640)], [out.subarray(640)], 640);
    expect(out[600]).toBeCloseTo(0.5, 9);
    expect(out[1279]).toBeCloseTo(0.25, 9);
    for (let n = 641; n < 1280; n++) expect(Math.abs(out[n] - out[n - 1])).toBeLessThan(0.25 / FIR_PARTITION_FRAMES + 1e-9);
  });
});

describe('designLinearPhaseFir', () => {
  it('is symmetric around its centre and has the requested magnitude (a 6 dB step at 1 kHz) away from the step', () => {
    const h = designLinearPhaseFir((f) => (f < 1000 ? 1 : 0.5), 1023, 48000);
    for (let k = 0; k < 511; k++) expect(h[k]).toBeCloseTo(h[1022 - k], 12);
    const magnitude = (f: number) => {
      let re = 0;
      let im = 0;
      h.forEach((v, n) => {
        re += v * Math.cos((2 * Math.PI * f * n) / 48000);
        im += v * Math.sin((2 * Math.PI * f * n) / 48000);
      });
      return Math.hypot(re, im);
    };
    expect(magnitude(200)).toBeCloseTo(1, 2);
    expect(magnitude(5000)).toBeCloseTo(0.5, 2);
  });
});

describe('fadeGain', () => {
  it('runs from exactly 0 to exactly 1 for every shape, each with its own midpoint', () => {
    const mid: Record<FadeShape, number> = { linear: 0.5, equal_power: Math.SQRT1_2, exponential: 1 / Math.sqrt(1000), logarithmic: (1 - 1 / Math.sqrt(1000)) / (1 - 1 / 1000), s_curve: 0.5 };
    for (const shape of Object.values(FadeShape)) {
      expect(fadeGain(shape, 0)).toBe(0);
      expect(fadeGain(shape, 1)).toBe(1);
      expect(fadeGain(shape, 0.5)).toBeCloseTo(mid[shape], 9);
      let previous = 0;
      for (let p = 0.01; p < 1; p += 0.01) {
        expect(fadeGain(shape, p)).toBeGreaterThanOrEqual(previous);
        previous = fadeGain(shape, p);
      }
    }
  });
});
