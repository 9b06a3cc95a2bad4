import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Biquad, type BiquadOptions } from './biquad';
import { BUTTERWORTH_4_Q, PassFilter } from './pass-filter';
import { db, noise, rms, runBlocks, SAMPLE_RATE } from './test-support/signals';
import { assertAvailable, externalTool, run, temporaryFolder } from './test-support/tools';
import { readFloatWav, writeFloatWav } from './test-support/wav';

/**
 * Reference: SoX 14.4's biquad effects implement the same RBJ cookbook formulas in double
 * precision (direct form I, 32-bit integer samples between effects). Differences come only from
 * SoX's integer and our float32 sample formats, so the residual must sit far below audibility:
 * we require the error to be at least 100 dB below the output (measured: about -140 dB).
 */
const MAX_RESIDUAL_DB = -100;
const sox = externalTool('sox');

interface Case {
  name: string;
  effects: string[];
  filter: () => { process: (i: Float32Array[], o: Float32Array[], n: number) => void };
}

const biquad = (o: Partial<BiquadOptions>) => () => new Biquad({ ...o, channels: 2 });
const CASES: Case[] = [
  { name: 'high-pass 12 dB/oct 120 Hz', effects: ['highpass', '-2', '120', '0.70710678q'], filter: biquad({ type: 'highpass', frequency: 120, q: Math.SQRT1_2 }) },
  { name: 'low-pass 12 dB/oct 8 kHz Q 2', effects: ['lowpass', '-2', '8000', '2q'], filter: biquad({ type: 'lowpass', frequency: 8000, q: 2 }) },
  {
    name: 'high-pass 24 dB/oct 80 Hz (two Butterworth sections)',
    effects: ['highpass', '-2', '80', `${BUTTERWORTH_4_Q[0]}q`, 'highpass', '-2', '80', `${BUTTERWORTH_4_Q[1]}q`],
    filter: () => new PassFilter({ type: 'highpass', frequency: 80, slope: 24, channels: 2 }),
  },
  { name: 'peaking 2.5 kHz Q 1.4 +9 dB', effects: ['equalizer', '2500', '1.4q', '9'], filter: biquad({ type: 'peaking', frequency: 2500, q: 1.4, gain: 9 }) },
  { name: 'peaking 300 Hz Q 0.7 -12 dB', effects: ['equalizer', '300', '0.7q', '-12'], filter: biquad({ type: 'peaking', frequency: 300, q: 0.7, gain: -12 }) },
  { name: 'low shelf 150 Hz +6 dB', effects: ['bass', '6', '150', '0.70710678q'], filter: biquad({ type: 'lowshelf', frequency: 150, q: Math.SQRT1_2, gain: 6 }) },
  { name: 'high shelf 6 kHz -8 dB', effects: ['treble', '-8', '6000', '0.70710678q'], filter: biquad({ type: 'highshelf', frequency: 6000, q: Math.SQRT1_2, gain: -8 }) },
];

describe.skipIf(!sox.mustRun)(`biquads against SoX (${sox.path})`, () => {
  let folder: { path: string; remove: () => void };
  let input: Float32Array[];
  let inputPath: string;

  beforeAll(() => {
    assertAvailable(sox);
    folder = temporaryFolder('mixroom-dsp-sox-');
    input = [noise(SAMPLE_RATE * 2, 0.2, 7), noise(SAMPLE_RATE * 2, 0.2, 8)];
    inputPath = join(folder.path, 'noise.wav');
    writeFloatWav(inputPath, input, SAMPLE_RATE);
  });
  afterAll(() => folder?.remove());

  for (const c of CASES) {
    it(`${c.name} matches sox ${c.effects.join(' ')} with a residual below ${MAX_RESIDUAL_DB} dB`, () => {
      const outputPath = join(folder.path, 'out.wav');
      run(sox, ['-D', '-V1', inputPath, '-e', 'floating-point', '-b', '32', outputPath, ...c.effects]);
      const reference = readFloatWav(outputPath).channels;
      const filter = c.filter();
      const ours = runBlocks(input, 128, (i, o, n) => filter.process(i, o, n));
      for (let ch = 0; ch < 2; ch++) {
        expect(reference[ch].length).toBe(ours[ch].length);
        const residual = ours[ch].map((v, n) => v - reference[ch][n]);
        expect(db(rms(residual) / rms(reference[ch]))).toBeLessThan(MAX_RESIDUAL_DB);
      }
    });
  }
});

if (!sox.mustRun) {
  describe('biquads against SoX', () => {
    it.skip(sox.skipReason, () => undefined);
  });
}
