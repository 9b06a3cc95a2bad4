import { describe, expect, it } from 'vitest';
import { Delay } from './delay';
import { isNoteDivision, noteDuration } from './note-duration';
import { runBlocks, SAMPLE_RATE } from './test-support/signals';

const impulse = (frames: number) => {
  const x = new Float32Array(frames);
  x[0] = 1;
  return x;
};

describe('noteDuration', () => {
  it('gives a quarter note of 0.5 s at 120 bpm, dotted x 1.5, triplet x 2/3', () => {
    expect(noteDuration(120, '1/4')).toBe(0.5);
    expect(noteDuration(120, '1/8')).toBe(0.25);
    expect(noteDuration(120, '1/4d')).toBe(0.75);
    expect(noteDuration(120, '1/8t')).toBeCloseTo(1 / 6, 15);
    expect(noteDuration(90, '1/1')).toBeCloseTo(8 / 3, 15);
  });

  it('rejects unknown divisions and absurd tempos', () => {
    expect(isNoteDivision('1/3')).toBe(false);
    expect(() => noteDuration(120, '1/3' as '1/4')).toThrow(RangeError);
    expect(() => noteDuration(0, '1/4')).toThrow(RangeError);
  });
});

describe('Delay', () => {
  it('puts the taps of an impulse at k x time with amplitude feedback^(k-1) (within 1e-7)', () => {
    const delay = new Delay({ timeMs: 10, feedback: 0.5, dampingHz: 22000, mix: 1, channels: 1 });
    const frames = 480 * 6;
    const [out] = runBlocks([impulse(frames)], 128, (i, o, n) => delay.process(i, o, n));
    for (let n = 0; n < frames; n++) {
      const k = n / 480;
      const expected = Number.isInteger(k) && k >= 1 ? Math.pow(0.5, k - 1) : 0;
      expect(Math.abs(out[n] - expected)).toBeLessThan(1e-7);
    }
  });

  it('follows the tempo: 1/8 at 120 bpm puts the first tap at 12000 samples, 1/8t at 8000', () => {
    for (const [division, samples] of [['1/8', 12000], ['1/8t', 8000]] as const) {
      const delay = new Delay({ sync: { bpm: 120, division }, feedback: 0, dampingHz: 22000, mix: 1, channels: 1 });
      const [out] = runBlocks([impulse(13000)], 128, (i, o, n) => delay.process(i, o, n));
      expect(out.findIndex((v) => v !== 0)).toBe(samples);
      expect(out[samples]).toBeCloseTo(1, 9);
      expect(delay.timeMs).toBeCloseTo(samples / 48, 9);
    }
  });

  it('mixes dry and wet as (1 - mix) x dry + mix x wet', () => {
    const delay = new Delay({ timeMs: 1, feedback: 0, dampingHz: 22000, mix: 0.25, channels: 1 });
    const [out] = runBlocks([impulse(100)], 128, (i, o, n) => delay.process(i, o, n));
    expect(out[0]).toBeCloseTo(0.75, 7);
    expect(out[48]).toBeCloseTo(0.25, 7);
  });

  it('damps each repeat with the loop low-pass: an echo keeps its sum (DC gain 1) but loses its peak', () => {
    const delay = new Delay({ timeMs: 20, feedback: 0.8, dampingHz: 1000, mix: 1, channels: 1 });
    const d = 960;
    const [out] = runBlocks([impulse(d * 4)], 128, (i, o, n) => delay.process(i, o, n));
    let previousPeak = Infinity;
    for (let k = 1; k <= 3; k++) {
      const echo = out.subarray(k * d, (k + 1) * d);
      const sum = echo.reduce((a, b) => a + b, 0);
      const peak = Math.max(...echo);
      expect(sum).toBeCloseTo(Math.pow(0.8, k - 1), 3);
      expect(peak).toBeLessThan(previousPeak * 0.8);
      previousPeak = peak;
    }
  });

  it('keeps a separate line per channel', () => {
    const delay = new Delay({ timeMs: 5, feedback: 0.5, mix: 1, channels: 2 });
    const [, right] = runBlocks([impulse(2000), new Float32Array(2000)], 128, (i, o, n) => delay.process(i, o, n));
    expect(right.every((v) => v === 0)).toBe(true);
  });

  it('clamps the time to the allocated maximum', () => {
    const delay = new Delay({ maxTimeMs: 100, sampleRate: SAMPLE_RATE });
    delay.timeMs = 5000;
    expect(delay.timeMs).toBe(100);
  });
});

describe('Delay, ping-pong', () => {
  it('alternates the echoes of an impulse: left at 1 x time, right at 2 x, left at 3 x, each x feedback', () => {
    const delay = new Delay({ timeMs: 10, feedback: 0.5, dampingHz: 22000, mix: 1, channels: 2, pingPong: true });
    const frames = 4000;
    const left = impulse(frames);
    const right = new Float32Array(frames);
    delay.process([left, right], [left, right], frames);
    const tap = 480;
    expect(left[tap]).toBeCloseTo(1, 6);
    expect(right[tap]).toBe(0);
    expect(right[2 * tap]).toBeCloseTo(0.5, 6);
    expect(left[2 * tap]).toBe(0);
    expect(left[3 * tap]).toBeCloseTo(0.25, 6);
    expect(right[3 * tap]).toBe(0);
    expect(right[4 * tap]).toBeCloseTo(0.125, 6);
    const energyOff = left.reduce((s, x, i) => (i % tap === 0 ? s : s + Math.abs(x)), 0) + right.reduce((s, x, i) => (i % tap === 0 ? s : s + Math.abs(x)), 0);
    expect(energyOff).toBeLessThan(1e-6);
  });

  it('gives the same output whatever the block split', () => {
    const make = () => new Delay({ timeMs: 7.3, feedback: 0.7, dampingHz: 5000, mix: 0.6, channels: 2, pingPong: true });
    const input = () => [Float32Array.from({ length: 3000 }, (_, i) => Math.sin(i * 0.05)), Float32Array.from({ length: 3000 }, (_, i) => Math.cos(i * 0.031))];
    const whole = input();
    make().process(whole, whole, 3000);
    const split = input();
    const d = make();
    for (let at = 0; at < 3000; at += 128) {
      const n = Math.min(128, 3000 - at);
      d.process(split.map((c) => c.subarray(at, at + n)), split.map((c) => c.subarray(at, at + n)), n);
    }
    expect(split).toEqual(whole);
  });
});
