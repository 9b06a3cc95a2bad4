import { describe, expect, it } from 'vitest';
import { averageSpectrum, matchEq, SPECTRUM_BANDS_HZ } from './average-spectrum';
import { Biquad } from './biquad';
import { noise } from './test-support/signals';

const SR = 48000;

function pinkish(seconds: number, seed: number): [Float32Array, Float32Array] {
  const white = noise(seconds * SR, 0.3, seed);
  // A gentle tilt down (about -3 dB per octave above 1 kHz would be pink; this is enough to be music-like).
  const lp = new Biquad({ type: 'lowpass', frequency: 4000, q: 0.5, channels: 1, sampleRate: SR });
  const out = new Float32Array(white.length);
  lp.process([white], [out], white.length);
  return [out, out.slice()];
}

function shelved(x: [Float32Array, Float32Array], type: 'lowshelf' | 'highshelf', frequency: number, gain: number): [Float32Array, Float32Array] {
  const f = new Biquad({ type, frequency, q: 0.707, gain, channels: 2, sampleRate: SR });
  const out: [Float32Array, Float32Array] = [new Float32Array(x[0].length), new Float32Array(x[1].length)];
  f.process(x, out, x[0].length);
  return out;
}

describe('average spectrum and match EQ', () => {
  it('reads a third-octave spectrum: a low shelf of +6 dB shows under 100 Hz and not at 1 kHz', () => {
    const x = pinkish(8, 1);
    const a = averageSpectrum(x, SR);
    const b = averageSpectrum(shelved(x, 'lowshelf', 100, 6), SR);
    const at = (f: number) => SPECTRUM_BANDS_HZ.indexOf(f);
    expect(b[at(40)] - a[at(40)]).toBeCloseTo(6, 0);
    expect(b[at(1000)] - a[at(1000)]).toBeCloseTo(0, 0);
  });

  it('the match EQ of a darker master toward a brighter reference raises the high shelf, and leaves the rest', () => {
    const master = pinkish(8, 2);
    const reference = shelved(pinkish(8, 3), 'highshelf', 8000, 5);
    const eq = matchEq(averageSpectrum(master, SR), averageSpectrum(reference, SR));
    const by = Object.fromEntries(eq.map((e) => [e.band, e.gainDb]));
    expect(by.highShelf).toBeGreaterThanOrEqual(3);
    expect(Math.abs(by.lowShelf)).toBeLessThanOrEqual(1);
    expect(Math.abs(by.peak1)).toBeLessThanOrEqual(1);
  });

  it('clamps a correction to 6 dB and is flat for the same programme', () => {
    const x = pinkish(4, 4);
    expect(matchEq(averageSpectrum(x, SR), averageSpectrum(x, SR)).every((e) => e.gainDb === 0)).toBe(true);
    const boomy = shelved(x, 'lowshelf', 100, 15);
    const eq = matchEq(averageSpectrum(x, SR), averageSpectrum(boomy, SR));
    expect(eq.find((e) => e.band === 'lowShelf')!.gainDb).toBe(6);
  });
});
