import { describe, expect, it } from 'vitest';
import { TRANSLATION_CURVES, TRANSLATION_DEVICES, TranslationFilter, translationMagnitude, type TranslationDevice } from './translation-curves';
import { gainToDb } from './units';

const SR = 48000;
const db = (device: TranslationDevice, f: number) => gainToDb(translationMagnitude(device, f, SR));

/** The gain of the running filter on a steady sine, measured after it settled. */
function measuredDb(device: TranslationDevice, frequency: number, channel: 'both' | 'left' = 'both'): number {
  const filter = new TranslationFilter(device, SR);
  const n = SR; // one second
  const l = new Float32Array(n);
  const r = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = 0.25 * Math.sin((2 * Math.PI * frequency * i) / SR);
    l[i] = x;
    r[i] = channel === 'both' ? x : 0;
  }
  for (let at = 0; at < n; at += 128) {
    const views = [l.subarray(at, at + 128), r.subarray(at, at + 128)] as const;
    filter.process(views, views, Math.min(128, n - at));
  }
  // RMS over the settled second half (whole periods of every test frequency), as amplitude.
  let sum = 0;
  for (let i = n / 2; i < n; i++) sum += l[i] * l[i];
  return gainToDb(Math.sqrt((2 * sum) / (n / 2)) / 0.25);
}

describe('translation curves (monitoring only)', () => {
  it('phone speaker: nothing below its resonance, forward presence, dull top, quieter, mono', () => {
    expect(db('phone', 100)).toBeLessThan(-40);
    expect(db('phone', 200)).toBeLessThan(-20);
    expect(db('phone', 2500)).toBeGreaterThan(db('phone', 1000) + 3);
    expect(db('phone', 2500)).toBeCloseTo(-6 + 6, 0);
    expect(db('phone', 16000)).toBeLessThan(db('phone', 2500) - 12);
    expect(TRANSLATION_CURVES.phone.mono).toBe(true);
  });

  it('earbuds: the lowest octave gone, a bump at 3 kHz, a softer top', () => {
    expect(db('earbuds', 30)).toBeLessThan(-5);
    expect(db('earbuds', 1000)).toBeCloseTo(0, 0);
    expect(db('earbuds', 3000)).toBeGreaterThan(3);
    expect(db('earbuds', 15000)).toBeLessThan(-2);
  });

  it('laptop: nothing below 200 Hz, a boxy dip, bright at 4 kHz, quieter', () => {
    expect(db('laptop', 60)).toBeLessThan(-35);
    expect(db('laptop', 700)).toBeLessThan(db('laptop', 1500) - 2);
    expect(db('laptop', 4000)).toBeCloseTo(-4 + 4, 0);
  });

  it('car: cabin gain in the bass, a dip at 250 Hz, a dull top', () => {
    expect(db('car', 70)).toBeGreaterThan(db('car', 1000) + 4);
    expect(db('car', 250)).toBeLessThan(db('car', 1000) - 2);
    expect(db('car', 14000)).toBeLessThan(db('car', 1000) - 3);
    expect(db('car', 15)).toBeLessThan(db('car', 70) - 10);
  });

  it('the running filter has the documented response (sines at several frequencies, each device)', () => {
    for (const device of Object.values(TRANSLATION_DEVICES)) {
      for (const f of [150, 500, 1000, 3000, 6000]) {
        const expected = db(device, f);
        if (expected < -40) continue; // under the sine's own rounding
        expect(measuredDb(device, f), `${device} at ${f} Hz`).toBeCloseTo(expected, 1);
      }
    }
  });

  it('the phone folds to mono: a signal on the left alone comes out on both sides at half amplitude', () => {
    expect(measuredDb('phone', 2500, 'left')).toBeCloseTo(db('phone', 2500) - 6.02, 1);
  });
});
