import { describe, expect, it } from 'vitest';
import { GainStage } from './gain-stage';
import { dbToGain, gainToDb, SILENCE_DB } from './units';
import { noise, runBlocks } from './test-support/signals';

describe('GainStage', () => {
  it('multiplies by exactly 10^(dB/20) when static', () => {
    for (const gain of [-60, -6, 0, 3.5, 12]) {
      const stage = new GainStage({ gain });
      const input = noise(1000, 0.5, 9);
      const [out] = runBlocks([input], 128, (i, o, n) => stage.process(i, o, n));
      const factor = Math.pow(10, gain / 20);
      out.forEach((v, n) => expect(v).toBe(Math.fround(input[n] * factor)));
    }
  });

  it('is silent (exact zeros) at the -144 dB floor and at -Infinity', () => {
    for (const gain of [SILENCE_DB, -200, -Infinity]) {
      const stage = new GainStage({ gain });
      const [out] = runBlocks([noise(512, 1)], 128, (i, o, n) => stage.process(i, o, n));
      expect(out.every((v) => v === 0)).toBe(true);
    }
    expect(dbToGain(SILENCE_DB)).toBe(0);
    expect(gainToDb(0)).toBe(SILENCE_DB);
  });

  it('inverts polarity exactly', () => {
    const stage = new GainStage({ invert: true });
    const input = noise(256, 0.8, 2);
    const [out] = runBlocks([input], 128, (i, o, n) => stage.process(i, o, n));
    out.forEach((v, n) => expect(v).toBe(-input[n]));
  });

  it('ramps a gain change linearly across the next block and is constant after it (no zipper steps)', () => {
    const stage = new GainStage({ gain: 0 });
    const ones = new Float32Array(128).fill(1);
    const out = new Float32Array(128);
    stage.process([ones], [out], 128);
    stage.gain = -12;
    stage.process([ones], [out], 128);
    const to = dbToGain(-12);
    for (let i = 0; i < 128; i++) expect(out[i]).toBeCloseTo(1 + ((to - 1) * (i + 1)) / 128, 6);
    for (let i = 1; i < 128; i++) expect(Math.abs(out[i] - out[i - 1])).toBeLessThanOrEqual((1 - to) / 128 + 1e-6);
    stage.process([ones], [out], 128);
    expect(out.every((v) => v === Math.fround(to))).toBe(true);
  });

  it('crossfades a polarity flip through zero instead of jumping', () => {
    const stage = new GainStage();
    const ones = new Float32Array(64).fill(1);
    const out = new Float32Array(64);
    stage.invert = true;
    stage.process([ones], [out], 64);
    expect(out[63]).toBe(-1);
    for (let i = 1; i < 64; i++) expect(out[i - 1] - out[i]).toBeCloseTo(2 / 64, 6);
  });
});
