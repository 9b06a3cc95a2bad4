import { describe, expect, it } from 'vitest';
import { AutoPan } from './auto-pan';
import { createChorus, createFlanger } from './modulated-delay';
import { Phaser } from './phaser';
import { noise, runBlocks, SAMPLE_RATE } from './test-support/signals';
import { Tremolo } from './tremolo';

interface Effect {
  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void;
  seek(frame: number): void;
}

const FRAMES = 2 * SAMPLE_RATE;
const START = 37_011;
const input = [noise(FRAMES, 0.5, 3), noise(FRAMES, 0.5, 4)];

/** Runs `effect` from timeline frame `start` over the input from there, in blocks of `block`. */
function runFrom(effect: Effect, start: number, block: number, outputs = 2): Float32Array[] {
  effect.seek(start);
  return runBlocks(input.map((x) => x.subarray(start)), block, (i, o, n) => effect.process(i, o, n), outputs);
}

/** Samples whose bits differ. */
const countDifferent = (a: Float32Array, b: Float32Array) => a.reduce((n, v, i) => (Object.is(v, b[i]) ? n : n + 1), 0);

const maxAbs = (a: Float32Array, b: Float32Array, from: number) => {
  let max = 0;
  for (let i = from; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
};

describe('Modulation effects: the LFO phase is a function of the timeline position', () => {
  const stateless: Array<[string, () => Effect]> = [
    ['tremolo', () => new Tremolo({ depth: 1, rate: { hz: 3.7 }, stereoPhase: 0.25, channels: 2, sampleRate: SAMPLE_RATE })],
    ['tremolo synced to 1/8 at 133 BPM', () => new Tremolo({ depth: 1, rate: { bpm: 133, division: '1/8' }, channels: 2, sampleRate: SAMPLE_RATE })],
    ['auto-pan', () => new AutoPan({ depth: 1, rate: { hz: 1.3 }, sampleRate: SAMPLE_RATE })],
  ];
  for (const [name, make] of stateless) {
    it(`${name}: started at frame ${START}, the same bits as playing through from 0, whatever the block size`, () => {
      const through = runFrom(make(), 0, 128);
      const started = runFrom(make(), START, 128);
      const otherBlocks = runFrom(make(), START, 41);
      for (let c = 0; c < 2; c++) {
        expect(started[c].length).toBe(FRAMES - START);
        expect(countDifferent(started[c], through[c].subarray(START))).toBe(0);
        expect(countDifferent(otherBlocks[c], started[c])).toBe(0);
      }
    });
  }

  const stateful: Array<[string, () => Effect]> = [
    ['chorus', () => createChorus({ channels: 2, sampleRate: SAMPLE_RATE })],
    ['flanger', () => createFlanger({ channels: 2, sampleRate: SAMPLE_RATE })],
    ['phaser', () => new Phaser({ depth: 1, rate: { hz: 0.9 }, channels: 2, sampleRate: SAMPLE_RATE })],
  ];
  for (const [name, make] of stateful) {
    it(`${name}: started at frame ${START}, once its delay line or filters refilled, what playing through gives`, () => {
      const through = runFrom(make(), 0, 128);
      const started = runFrom(make(), START, 128);
      // A fresh start with the LFO at phase 0 would differ by the whole sweep; the tolerance is float rounding.
      for (let c = 0; c < 2; c++) expect(maxAbs(started[c], through[c].subarray(START), SAMPLE_RATE / 4)).toBeLessThan(1e-5);
    });
  }
});
