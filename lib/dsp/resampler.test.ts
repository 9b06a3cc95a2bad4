import { describe, expect, it } from 'vitest';
import { Resampler, type ResamplerOptions } from './resampler';

/** Resamples one channel in blocks of `block` frames; returns exactly what process + flush emitted. */
function resample(input: Float32Array, options: Partial<ResamplerOptions>, block = 1000): Float32Array {
  const r = new Resampler({ ...options, channels: 1, maxBlockFrames: Math.max(16, block) });
  const out = new Float32Array(r.outputLength(input.length) + r.maxOutputFrames(block));
  const scratch = [new Float32Array(r.maxOutputFrames(block))];
  let written = 0;
  for (let start = 0; start < input.length; start += block) {
    const n = r.process([input], Math.min(block, input.length - start), scratch, start);
    out.set(scratch[0].subarray(0, n), written);
    written += n;
  }
  const n = r.flush(scratch);
  out.set(scratch[0].subarray(0, n), written);
  return out.subarray(0, written + n);
}

function tone(frames: number, frequency: number, rate: number, amplitude = 1): Float32Array {
  const x = new Float32Array(frames);
  for (let n = 0; n < frames; n++) x[n] = amplitude * Math.sin((2 * Math.PI * frequency * n) / rate);
  return x;
}

/** Amplitude of `frequency` in y (least-squares fit of sin and cos) over the middle half, and the residual's RMS. */
function fit(y: Float32Array, frequency: number, rate: number): { amplitude: number; phase: number; residual: number } {
  const from = Math.floor(y.length / 4);
  const to = Math.floor((3 * y.length) / 4);
  let ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
  for (let n = from; n < to; n++) {
    const s = Math.sin((2 * Math.PI * frequency * n) / rate);
    const c = Math.cos((2 * Math.PI * frequency * n) / rate);
    ss += s * s; cc += c * c; sc += s * c; ys += y[n] * s; yc += y[n] * c;
  }
  const det = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / det;
  const b = (yc * ss - ys * sc) / det;
  let residual = 0;
  for (let n = from; n < to; n++) {
    const e = y[n] - a * Math.sin((2 * Math.PI * frequency * n) / rate) - b * Math.cos((2 * Math.PI * frequency * n) / rate);
    residual += e * e;
  }
  return { amplitude: Math.hypot(a, b), phase: Math.atan2(b, a), residual: Math.sqrt(residual / (to - from)) };
}

function rmsDb(y: Float32Array): number {
  const from = Math.floor(y.length / 4);
  const to = Math.floor((3 * y.length) / 4);
  let sum = 0;
  for (let n = from; n < to; n++) sum += y[n] * y[n];
  return 20 * Math.log10(Math.sqrt(sum / (to - from)) * Math.SQRT2);
}

const RATE_PAIRS: ReadonlyArray<readonly [number, number]> = [
  [44100, 48000],
  [48000, 44100],
  [96000, 48000],
  [22050, 48000],
  [47999, 48000], // 48000 phases: the interpolated fallback table
];

describe('Resampler', () => {
  it('keeps a 1 kHz tone at 44.1 -> 48 kHz within 0.01 dB of its level', () => {
    const y = resample(tone(44100, 1000, 44100, 0.5), { inputRate: 44100, outputRate: 48000 });
    const { amplitude, residual } = fit(y, 1000, 48000);
    expect(Math.abs(20 * Math.log10(amplitude / 0.5))).toBeLessThan(0.01);
    expect(20 * Math.log10(residual / 0.5)).toBeLessThan(-100);
  });

  for (const [inputRate, outputRate] of RATE_PAIRS) {
    const lower = Math.min(inputRate, outputRate);
    it(`is flat within ±0.01 dB up to 0.45·${lower} Hz at ${inputRate} -> ${outputRate}`, () => {
      for (const f of [0.02, 0.1, 0.25, 0.4, 0.44, 0.45].map((x) => x * lower)) {
        const y = resample(tone(Math.round(inputRate / 2), f, inputRate), { inputRate, outputRate });
        expect(Math.abs(20 * Math.log10(fit(y, f, outputRate).amplitude)), `${f} Hz`).toBeLessThan(0.01);
      }
    });
  }

  it('attenuates a 30 kHz tone by at least 100 dB at 96 -> 48 kHz', () => {
    expect(rmsDb(resample(tone(48000, 30000, 96000), { inputRate: 96000, outputRate: 48000 }))).toBeLessThan(-100);
  });

  it('attenuates a 23 kHz tone by at least 100 dB at 48 -> 44.1 kHz', () => {
    expect(rmsDb(resample(tone(48000, 23000, 48000), { inputRate: 48000, outputRate: 44100 }))).toBeLessThan(-100);
  });

  it('attenuates everything from the new Nyquist frequency on by at least 100 dB when downsampling', () => {
    for (const [inputRate, outputRate] of [[96000, 48000], [48000, 44100], [192000, 44100]] as const) {
      for (const f of [0.501, 0.52, 0.6, 0.75, 0.95].map((x) => x * outputRate).filter((f) => f < inputRate / 2)) {
        const y = resample(tone(Math.round(inputRate / 4), f, inputRate), { inputRate, outputRate });
        expect(rmsDb(y), `${f} Hz at ${inputRate} -> ${outputRate}`).toBeLessThan(-100);
      }
    }
  });

  it('emits round(in · out / in) frames for any input length and block size', () => {
    for (const [inputRate, outputRate] of RATE_PAIRS) {
      for (const frames of [0, 1, 2, 146, 147, 1000, 4411, 44100, 44101]) {
        for (const block of [16, 1000, 4096]) {
          const y = resample(new Float32Array(frames).fill(0.25), { inputRate, outputRate }, block);
          expect(y.length, `${frames} frames, ${inputRate} -> ${outputRate}, blocks of ${block}`).toBe(Math.round((frames * outputRate) / inputRate));
        }
      }
    }
  });

  it('aligns the first output sample with the first input sample (delay compensated)', () => {
    for (const [inputRate, outputRate] of RATE_PAIRS) {
      // A tone that starts before the file does: the phase at output time k/out must match the input's.
      const y = resample(tone(inputRate, 440, inputRate), { inputRate, outputRate });
      expect(Math.abs(fit(y, 440, outputRate).phase), `${inputRate} -> ${outputRate}`).toBeLessThan(1e-5);
    }
  });

  it('gives the same samples whatever the block size', () => {
    const x = tone(20000, 3000, 44100);
    const a = resample(x, { inputRate: 44100, outputRate: 48000 }, 16);
    const b = resample(x, { inputRate: 44100, outputRate: 48000 }, 4096);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('resamples every channel alike', () => {
    const r = new Resampler({ inputRate: 44100, outputRate: 48000, channels: 2 });
    const x = tone(4000, 1000, 44100);
    const out = [new Float32Array(r.maxOutputFrames(4000)), new Float32Array(r.maxOutputFrames(4000))];
    const n = r.process([x, x], 4000, out);
    expect(n).toBeGreaterThan(0);
    expect(Array.from(out[1].subarray(0, n))).toEqual(Array.from(out[0].subarray(0, n)));
  });

  it('rejects blocks larger than maxBlockFrames and rates that are not whole hertz', () => {
    const r = new Resampler({ channels: 1, maxBlockFrames: 16 });
    expect(() => r.process([new Float32Array(17)], 17, [new Float32Array(100)])).toThrow(RangeError);
    expect(() => new Resampler({ inputRate: 44100.5 })).toThrow(RangeError);
  });
});
