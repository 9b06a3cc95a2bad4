import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Resampler } from './resampler';
import { assertAvailable, externalTool, run, temporaryFolder } from './test-support/tools';
import { readFloatWav, writeFloatWav } from './test-support/wav';

/**
 * Reference: SoX's `rate -v` (very high quality, linear phase, 95% bandwidth, 175 dB rejection)
 * on a 1 kHz tone at -6 dBFS. Both filters are linear phase with the delay compensated and the
 * first output aligned with the first input, so away from the ends the outputs agree sample by
 * sample: we require the difference to be 90 dB below the tone (measured: about -130 dB).
 */
const MAX_DIFFERENCE_DB = -90;
const sox = externalTool('sox');

describe.skipIf(!sox.mustRun)(`Resampler against SoX rate -v (${sox.path})`, () => {
  let folder: { path: string; remove: () => void };
  beforeAll(() => {
    assertAvailable(sox);
    folder = temporaryFolder('mixroom-resampler-sox-');
  });
  afterAll(() => folder?.remove());

  for (const [inputRate, outputRate] of [[44100, 48000], [96000, 48000], [48000, 44100]] as const) {
    it(`matches sox at ${inputRate} -> ${outputRate} on a 1 kHz tone within ${MAX_DIFFERENCE_DB} dB`, () => {
      const frames = inputRate;
      const amplitude = 0.5;
      const x = new Float32Array(frames);
      for (let n = 0; n < frames; n++) x[n] = amplitude * Math.sin((2 * Math.PI * 1000 * n) / inputRate);
      const inputPath = join(folder.path, `in-${inputRate}.wav`);
      const outputPath = join(folder.path, `out-${inputRate}-${outputRate}.wav`);
      writeFloatWav(inputPath, [x], inputRate);
      run(sox, ['-D', '-V1', inputPath, '-e', 'floating-point', '-b', '32', outputPath, 'rate', '-v', String(outputRate)]);
      const reference = readFloatWav(outputPath).channels[0];

      const r = new Resampler({ inputRate, outputRate, channels: 1, maxBlockFrames: frames });
      const ours = new Float32Array(r.outputLength(frames));
      const scratch = [new Float32Array(r.maxOutputFrames(frames))];
      const a = r.process([x], frames, scratch);
      ours.set(scratch[0].subarray(0, a));
      ours.set(scratch[0].subarray(0, r.flush(scratch)), a);

      expect(ours.length).toBe(reference.length);
      let sum = 0;
      const from = Math.floor(outputRate * 0.05);
      const to = ours.length - from;
      for (let n = from; n < to; n++) sum += (ours[n] - reference[n]) ** 2;
      const differenceDb = 20 * Math.log10(Math.sqrt(sum / (to - from)) / (amplitude / Math.SQRT2));
      expect(differenceDb).toBeLessThan(MAX_DIFFERENCE_DB);
    });
  }
});
