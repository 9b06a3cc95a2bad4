import { describe, expect, it } from 'vitest';
import { Reverb } from './reverb';
import { db, noise, runBlocks, SAMPLE_RATE } from './test-support/signals';

const impulse = (frames: number) => {
  const x = new Float32Array(frames);
  x[0] = 1;
  return x;
};

/** Reverberation time from Schroeder's backward-integrated energy decay, fitted between -5 and -35 dB (T30 x 2). */
function rt60(response: Float32Array): number {
  const energy = new Float64Array(response.length);
  let sum = 0;
  for (let n = response.length - 1; n >= 0; n--) {
    sum += response[n] * response[n];
    energy[n] = sum;
  }
  const level = (n: number) => 10 * Math.log10(energy[n] / energy[0]);
  const first = (target: number) => energy.findIndex((_, n) => level(n) <= target);
  return (2 * (first(-35) - first(-5))) / SAMPLE_RATE;
}

describe('Reverb', () => {
  it('is deterministic: two instances, and one instance after reset, give identical samples', () => {
    const input = [noise(SAMPLE_RATE / 2, 0.5, 11), noise(SAMPLE_RATE / 2, 0.5, 12)];
    const a = new Reverb({ decay: 3, damping: 0.3 });
    const b = new Reverb({ decay: 3, damping: 0.3 });
    const x = runBlocks(input, 128, (i, o, n) => a.process(i, o, n));
    const y = runBlocks(input, 41, (i, o, n) => b.process(i, o, n));
    expect(x[0]).toEqual(y[0]);
    expect(x[1]).toEqual(y[1]);
    a.reset();
    const z = runBlocks(input, 128, (i, o, n) => a.process(i, o, n));
    expect(z[0]).toEqual(x[0]);
  });

  for (const decay of [0.8, 2, 4]) {
    it(`decays with the requested RT60 of ${decay} s (within 10%, damping off)`, () => {
      const reverb = new Reverb({ decay, damping: 0, preDelayMs: 0, mix: 1 });
      const [left, right] = runBlocks([impulse(Math.round(decay * 1.5 * SAMPLE_RATE))], 128, (i, o, n) => reverb.process(i, o, n), 2);
      expect(Math.abs(rt60(left) / decay - 1)).toBeLessThan(0.1);
      expect(Math.abs(rt60(right) / decay - 1)).toBeLessThan(0.1);
    });
  }

  it('decays faster with damping and dies out to below -120 dB', () => {
    const plain = new Reverb({ decay: 2, damping: 0, preDelayMs: 0, mix: 1 });
    const damped = new Reverb({ decay: 2, damping: 1, preDelayMs: 0, mix: 1 });
    const frames = 3 * SAMPLE_RATE;
    const [a] = runBlocks([impulse(frames)], 128, (i, o, n) => plain.process(i, o, n), 2);
    const [b] = runBlocks([impulse(frames)], 128, (i, o, n) => damped.process(i, o, n), 2);
    expect(rt60(b)).toBeLessThan(0.9 * rt60(a));
    const silence = new Float32Array(10 * SAMPLE_RATE);
    const [tail] = runBlocks([silence], 128, (i, o, n) => plain.process(i, o, n), 2);
    const last = Math.max(...tail.subarray(tail.length - SAMPLE_RATE).map(Math.abs));
    expect(last === 0 || db(last) < -120).toBe(true);
  });

  it('delays the wet signal by exactly the pre-delay (same samples shifted, within the -600 dB denormal flush)', () => {
    const a = new Reverb({ preDelayMs: 0, mix: 1 });
    const b = new Reverb({ preDelayMs: 50, mix: 1 });
    const frames = SAMPLE_RATE / 2;
    const [x] = runBlocks([impulse(frames)], 128, (i, o, n) => a.process(i, o, n), 2);
    const [y] = runBlocks([impulse(frames)], 128, (i, o, n) => b.process(i, o, n), 2);
    const shift = 2400;
    for (let n = 0; n < shift; n++) expect(y[n]).toBe(0);
    for (let n = shift; n < frames; n++) expect(Math.abs(y[n] - x[n - shift])).toBeLessThan(1e-25);
  });

  it('gives identical left and right wet signals at width 0 and different ones at width 1', () => {
    const input = [noise(SAMPLE_RATE / 4, 0.5, 5)];
    const narrow = new Reverb({ width: 0, mix: 1 });
    const [l0, r0] = runBlocks(input, 128, (i, o, n) => narrow.process(i, o, n), 2);
    expect(l0).toEqual(r0);
    const wide = new Reverb({ width: 1, mix: 1 });
    const [l1, r1] = runBlocks(input, 128, (i, o, n) => wide.process(i, o, n), 2);
    expect(l1).not.toEqual(r1);
  });

  it('passes the dry signal alone at mix 0', () => {
    const input = [noise(4800, 0.5, 5), noise(4800, 0.5, 6)];
    const reverb = new Reverb({ mix: 0 });
    const [l, r] = runBlocks(input, 128, (i, o, n) => reverb.process(i, o, n));
    expect(l).toEqual(input[0]);
    expect(r).toEqual(input[1]);
  });
});
