import { describe, expect, it } from 'vitest';
import { Dither } from './dither';
import { Fft } from './fft';
import { sine } from './test-support/signals';

const LSB16 = 1 / 32768;

/** The requantisation error of `x` at 16 bits, in LSB. */
function error16(x: Float32Array, noiseShaping: boolean): Float64Array {
  const out = new Int32Array(x.length);
  new Dither({ bits: 16, channels: 1, noiseShaping }).process([x], x.length, out);
  return Float64Array.from(out, (q, n) => q - x[n] * 32768);
}

/** Mean power of `e` in [lowHz, highHz), from 8192-point periodograms averaged over the signal. */
function bandPower(e: Float64Array, lowHz: number, highHz: number): number {
  const size = 8192;
  const fft = new Fft(size);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let sum = 0;
  let count = 0;
  for (let at = 0; at + size <= e.length; at += size) {
    re.set(e.subarray(at, at + size));
    im.fill(0);
    fft.forward(re, im);
    for (let k = Math.ceil((lowHz * size) / 48000); k < (highHz * size) / 48000; k++) {
      sum += (re[k] * re[k] + im[k] * im[k]) / size;
      count++;
    }
  }
  return sum / count;
}

describe('Dither', () => {
  const quiet = sine(48000 * 4, 997, 20 * LSB16); // -64 dBFS: where truncation distortion would be audible

  it('TPDF at 16 bits adds error of power LSB^2 / 4 (-96.3 dBFS RMS), with a mean of zero, independent of the signal', () => {
    for (const x of [quiet, new Float32Array(48000 * 4)]) {
      const e = error16(x, false);
      const power = e.reduce((s, v) => s + v * v, 0) / e.length;
      const mean = e.reduce((s, v) => s + v, 0) / e.length;
      expect(power).toBeGreaterThan(0.24);
      expect(power).toBeLessThan(0.26);
      expect(Math.abs(mean)).toBeLessThan(0.01);
      expect(20 * Math.log10(Math.sqrt(power) * LSB16)).toBeCloseTo(-96.3, 0);
    }
  });

  it('TPDF leaves a flat error spectrum: no harmonic of the tone sticks out of the noise', () => {
    const e = error16(quiet, false);
    const bands = [[500, 1500], [1900, 2100], [2900, 3100], [6000, 8000], [15000, 20000]].map(([a, b]) => 10 * Math.log10(bandPower(e, a, b)));
    for (const b of bands) expect(Math.abs(b - bands[0])).toBeLessThan(1.5);
  });

  it('noise shaping moves the error out of 1-5 kHz (at least 10 dB lower) to the top of the band (at least 10 dB higher)', () => {
    const flat = error16(quiet, false);
    const shaped = error16(quiet, true);
    expect(10 * Math.log10(bandPower(shaped, 2000, 5000) / bandPower(flat, 2000, 5000))).toBeLessThan(-10);
    expect(10 * Math.log10(bandPower(shaped, 18000, 23000) / bandPower(flat, 18000, 23000))).toBeGreaterThan(10);
  });

  it('gives the same integers for the same seed and input, and clamps at full scale', () => {
    const x = Float32Array.from([0.5, -1, 1, 2, -2, 0]);
    const a = new Int32Array(6);
    const b = new Int32Array(6);
    new Dither({ bits: 16, channels: 1 }).process([x], 6, a);
    new Dither({ bits: 16, channels: 1 }).process([x], 6, b);
    expect(a).toEqual(b);
    expect(a[2]).toBeLessThanOrEqual(32767);
    expect(a[3]).toBe(32767);
    expect(a[4]).toBe(-32768);
  });
});
