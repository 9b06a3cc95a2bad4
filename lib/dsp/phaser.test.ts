import { describe, expect, it } from 'vitest';
import { Phaser } from './phaser';
import { rms, runBlocks, SAMPLE_RATE, sine } from './test-support/signals';

const through = (phaser: Phaser, x: Float32Array, block = 128) => runBlocks([x], block, (i, o, n) => phaser.process(i, o, n))[0];
const level = (y: Float32Array, from: number, to: number) => 20 * Math.log10(rms(y, from, to));

describe('Phaser', () => {
  it('is all-pass on its own (mix 1, no feedback): a tone keeps its level', () => {
    const phaser = new Phaser({ depth: 0.8, mix: 1, feedback: 0, channels: 1, sampleRate: SAMPLE_RATE });
    const x = sine(SAMPLE_RATE, 700, 0.5);
    expect(level(through(phaser, x), 4800, SAMPLE_RATE)).toBeCloseTo(level(x, 4800, SAMPLE_RATE), 1);
  });

  it('mixed half and half, notches the break frequency of two stages and passes two octaves below', () => {
    const make = () => new Phaser({ stages: 2, minHz: 1000, depth: 0, mix: 0.5, feedback: 0, channels: 1, sampleRate: SAMPLE_RATE });
    const notch = through(make(), sine(SAMPLE_RATE / 2, 1000, 0.5));
    const pass = through(make(), sine(SAMPLE_RATE / 2, 250, 0.5));
    expect(level(notch, 4800, 24000) - 20 * Math.log10(0.5 / Math.SQRT2)).toBeLessThan(-40);
    expect(level(pass, 4800, 24000) - 20 * Math.log10(0.5 / Math.SQRT2)).toBeGreaterThan(-3);
  });

  it('sweeps the notches at the LFO rate, the same for any block size; depth 0 holds them still', () => {
    const make = (depth: number) => new Phaser({ stages: 4, minHz: 300, maxHz: 3000, depth, rate: { hz: 2 }, mix: 0.5, feedback: 0.3, channels: 1, sampleRate: SAMPLE_RATE });
    const x = sine(2 * SAMPLE_RATE, 800, 0.5);
    const y = through(make(1), x);
    expect(through(make(1), x, 41)).toEqual(y);
    const envelope = Array.from({ length: 192 }, (_, k) => rms(y, 4800 + k * 400, 4800 + (k + 1) * 400));
    // The level at 800 Hz repeats every half second (2 Hz): 60 windows of 400 samples.
    let repeat = 0;
    for (let k = 0; k + 60 < envelope.length; k++) repeat = Math.max(repeat, Math.abs(envelope[k] - envelope[k + 60]));
    const swing = Math.max(...envelope) - Math.min(...envelope);
    expect(swing).toBeGreaterThan(0.1);
    expect(repeat).toBeLessThan(swing / 20);
    const still = through(make(0), x);
    const stillEnv = Array.from({ length: 100 }, (_, k) => rms(still, 4800 + k * 400, 4800 + (k + 1) * 400));
    expect(Math.max(...stillEnv) - Math.min(...stillEnv)).toBeLessThan(0.002);
  });
});
