import { describe, expect, it } from 'vitest';
import { Fft } from './fft';
import { correctPitch, nearestScaleNote } from './pitch-corrector';
import { PitchDetector } from './pitch-detector';
import { rms, SAMPLE_RATE, sungNote } from './test-support/signals';

const sung = sungNote;

/** Magnitude spectrum (Hann window, zero-padded to 65,536) of `x[from, from + length)`. */
function spectrum(x: Float32Array, from: number, length: number): Float64Array {
  const size = 65536;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let j = 0; j < length; j++) re[j] = x[from + j] * (0.5 - 0.5 * Math.cos((2 * Math.PI * j) / length));
  new Fft(size).forward(re, im);
  const magnitude = new Float64Array(size / 2);
  for (let i = 0; i < size / 2; i++) magnitude[i] = Math.hypot(re[i], im[i]);
  return magnitude;
}

const binHz = SAMPLE_RATE / 65536;

/** The strongest frequency between `lo` and `hi` Hz, interpolated on the log magnitude. */
function peakHz(magnitude: Float64Array, lo: number, hi: number): number {
  let best = Math.ceil(lo / binHz);
  for (let i = best; i <= hi / binHz; i++) if (magnitude[i] > magnitude[best]) best = i;
  const [a, b, c] = [magnitude[best - 1], magnitude[best], magnitude[best + 1]].map(Math.log);
  return (best + (0.5 * (a - c)) / (a - 2 * b + c)) * binHz;
}

/** Power-weighted mean frequency between `lo` and `hi` Hz: where the formants put the energy. */
function centroidHz(magnitude: Float64Array, lo: number, hi: number): number {
  let weighted = 0;
  let total = 0;
  for (let i = Math.ceil(lo / binHz); i <= hi / binHz; i++) {
    weighted += i * binHz * magnitude[i] ** 2;
    total += magnitude[i] ** 2;
  }
  return weighted / total;
}

const cents = (hz: number, reference: number) => 1200 * Math.log2(hz / reference);

describe('PitchDetector', () => {
  it('finds the fundamental of a harmonic note within a cent, and calls silence unvoiced', () => {
    const x = new Float32Array(SAMPLE_RATE);
    x.set(sung(0.5, 196));
    const track = new PitchDetector().detect(x, SAMPLE_RATE);
    const voiced = Array.from(track.hz.slice(10, 80));
    for (const hz of voiced) expect(Math.abs(cents(hz, 196))).toBeLessThan(1);
    expect(Array.from(track.hz.slice(110))).toEqual(new Array(track.hz.length - 110).fill(0));
  });

  it('takes the period, not a multiple of it, where the fundamental is weaker than its harmonics', () => {
    const x = sung(0.4, 110);
    const track = new PitchDetector().detect(x, SAMPLE_RATE);
    for (const hz of track.hz.slice(5, 60)) expect(Math.abs(cents(hz, 110))).toBeLessThan(2);
  });

  it('refuses settings out of range', () => {
    expect(() => new PitchDetector({ minHz: 10 })).toThrow(/minHz/);
    expect(() => new PitchDetector({ threshold: 0.9 })).toThrow(/threshold/);
  });
});

describe('nearestScaleNote', () => {
  it('moves a note to the nearest one of the key and scale', () => {
    // A minor: A B C D E F G. A4 = 69.
    expect(nearestScaleNote(69.4, 9, 'minor')).toBe(69);
    expect(nearestScaleNote(70.6, 9, 'minor')).toBe(71); // A#+60 cents is nearer B
    expect(nearestScaleNote(65.8, 9, 'minor')).toBe(65); // F#-20 cents is not in A minor: F
    expect(nearestScaleNote(66.2, 9, 'minor')).toBe(67); // F#+20 cents: G
    expect(nearestScaleNote(66.2, 9, 'major')).toBe(66); // A major has F#
    expect(nearestScaleNote(61.3, 0, 'chromatic')).toBe(61);
  });
});

describe('correctPitch', () => {
  it('brings a sung note detuned by +40 cents within 5 cents of A4, same length, level within 0.5 dB', () => {
    const x = sung(2, 440 * 2 ** (40 / 1200), 8);
    const { channels, detected } = correctPitch([x], SAMPLE_RATE, { key: 9, scale: 'minor', retuneMs: 0, humanize: 0 });
    const [y] = channels;
    expect(y.length).toBe(x.length);
    expect(detected.hz.filter((hz) => hz > 0).length).toBeGreaterThan(detected.hz.length * 0.9);
    const from = Math.round(0.3 * SAMPLE_RATE);
    const length = 60000;
    expect(Math.abs(cents(peakHz(spectrum(x, from, length), 400, 480), 440) - 40)).toBeLessThan(2);
    const outHz = peakHz(spectrum(y, from, length), 400, 480);
    expect(Math.abs(cents(outHz, 440))).toBeLessThan(5);
    const levelDb = 20 * Math.log10(rms(y, from, from + length) / rms(x, from, from + length));
    expect(Math.abs(levelDb)).toBeLessThan(0.5);
  });

  it('keeps the formants where they were while the pitch moves by most of a semitone', () => {
    // A#3 - 10 cents in A minor goes down 90 cents to A3; resampling would move every formant 5%.
    const inHz = 220 * 2 ** (90 / 1200);
    const x = sung(2, inHz);
    const [y] = correctPitch([x], SAMPLE_RATE, { key: 9, scale: 'minor', retuneMs: 0 }).channels;
    const from = Math.round(0.3 * SAMPLE_RATE);
    const before = spectrum(x, from, 60000);
    const after = spectrum(y, from, 60000);
    expect(Math.abs(cents(peakHz(after, 200, 240), 220))).toBeLessThan(5);
    const shift = centroidHz(after, 300, 4000) / centroidHz(before, 300, 4000);
    const resampled = 220 / inHz;
    expect(Math.abs(shift - 1)).toBeLessThan(Math.abs(resampled - 1) / 3);
  });

  it('gives back what is not voiced, and corrects a held note toward the scale at the retune speed', () => {
    const noise = new Float32Array(SAMPLE_RATE / 2);
    let seed = 7;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      noise[i] = (seed / 2 ** 32 - 0.5) * 0.2;
    }
    const out = correctPitch([noise], SAMPLE_RATE).channels[0];
    let worst = 0;
    for (let i = 0; i < noise.length; i++) worst = Math.max(worst, Math.abs(out[i] - noise[i]));
    expect(worst).toBeLessThan(0.02);

    const x = sung(1, 440 * 2 ** (40 / 1200));
    const slow = correctPitch([x], SAMPLE_RATE, { retuneMs: 200 });
    const fast = correctPitch([x], SAMPLE_RATE, { retuneMs: 0 });
    const off = (hz: number) => Math.abs(cents(hz, 440));
    // 50 ms in, the fast setting is on the note, the slow one still on its way.
    const k = Math.round((0.05 * SAMPLE_RATE) / slow.detected.hopFrames);
    expect(off(fast.corrected[k])).toBeLessThan(1);
    expect(off(slow.corrected[k])).toBeGreaterThan(10);
    // Three time constants (600 ms) on, it is within 5% of the 40 cents it had to go.
    expect(off(slow.corrected[Math.round((0.65 * SAMPLE_RATE) / slow.detected.hopFrames)])).toBeLessThan(2);
  });

  it('keeps a share of the vibrato with humanize', () => {
    const x = sung(1.5, 440, 30);
    const flat = correctPitch([x], SAMPLE_RATE, { retuneMs: 0, humanize: 0 });
    const kept = correctPitch([x], SAMPLE_RATE, { retuneMs: 0, humanize: 1 });
    const spread = (hz: Float32Array) => {
      const c = Array.from(hz.slice(40, 250), (v) => cents(v, 440));
      return Math.max(...c) - Math.min(...c);
    };
    expect(spread(flat.corrected)).toBeLessThan(10);
    expect(spread(kept.corrected)).toBeGreaterThan(40);
  });
});
