import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TruePeakLimiter } from './true-peak-limiter';
import { musicLike, noise, runBlocks, sine } from './test-support/signals';
import { assertAvailable, externalTool, run, temporaryFolder } from './test-support/tools';
import { writeFloatWav } from './test-support/wav';

/**
 * The limiter's ceiling measured by an independent meter: FFmpeg's `ebur128=peak=true`
 * (libavfilter, true peak by resampling to 192 kHz with swresample), on signals made to have
 * inter-sample peaks. The output is written as 32-bit float, so nothing is lost on the way.
 */
const ffmpeg = externalTool('ffmpeg');
const RATE = 48000;

function ffmpegTruePeakDbtp(path: string): number {
  const { stdout, stderr } = run(ffmpeg, [
    '-nostats', '-hide_banner', '-i', path, '-af', 'ebur128=metadata=1:peak=true,ametadata=mode=print', '-f', 'null', '-',
  ]);
  const text = stdout + stderr;
  let peak = 0;
  for (const m of text.matchAll(/lavfi\.r128\.true_peaks_ch\d+=([0-9.]+)/g)) peak = Math.max(peak, Number.parseFloat(m[1]));
  if (peak === 0) throw new Error(`ffmpeg printed no true peak:\n${stderr}`);
  return 20 * Math.log10(peak);
}

function square(frames: number, frequency: number, amplitude: number): Float32Array {
  const out = new Float32Array(frames);
  const period = RATE / frequency;
  for (let n = 0; n < frames; n++) out[n] = n % period < period / 2 ? amplitude : -amplitude;
  return out;
}

function clip(x: Float32Array, gain: number): Float32Array {
  for (let n = 0; n < x.length; n++) x[n] = Math.max(-1, Math.min(1, x[n] * gain));
  return x;
}

const SIGNALS: Array<[string, () => Float32Array[]]> = [
  ['a 0 dBFS sine at fs/4, 45 degrees (samples at +-1, +3 dBTP)', () => [sine(3 * RATE, 12000, Math.SQRT2, Math.PI / 4), sine(3 * RATE, 12000, Math.SQRT2, Math.PI / 4)]],
  ['a sine at fs/4, 45 degrees, with a 0 dBTP true peak', () => [sine(3 * RATE, 12000, 1, Math.PI / 4), sine(3 * RATE, 12000, 1, (3 * Math.PI) / 4)]],
  ['0 dBFS square waves at 997 Hz and 3 kHz', () => [square(3 * RATE, 997, 1), square(3 * RATE, 3000, 1)]],
  ['music-like material driven 15 dB into hard clipping', () => musicLike(6).map((c) => clip(c, 6))],
  ['clipped full-band noise', () => [clip(noise(3 * RATE, 1, 5), 3), clip(noise(3 * RATE, 1, 6), 3)]],
];

describe.skipIf(!ffmpeg.mustRun)(`TruePeakLimiter against ffmpeg ebur128 true peak (${ffmpeg.path})`, () => {
  let folder: { path: string; remove: () => void };
  beforeAll(() => {
    assertAvailable(ffmpeg);
    folder = temporaryFolder('mixroom-limiter-ffmpeg-');
  });
  afterAll(() => folder?.remove());

  for (const [name, make] of SIGNALS) {
    for (const ceilingDbtp of [-1, -0.1]) {
      it(`holds a ${ceilingDbtp} dBTP ceiling on ${name}`, () => {
        const input = make();
        const inputPath = join(folder.path, 'in.wav');
        writeFloatWav(inputPath, input, RATE);
        expect(ffmpegTruePeakDbtp(inputPath)).toBeGreaterThan(ceilingDbtp + 0.5);
        const limiter = new TruePeakLimiter({ ceilingDbtp });
        const output = runBlocks(input, 128, (i, o, n) => limiter.process(i, o, n));
        const outputPath = join(folder.path, 'out.wav');
        writeFloatWav(outputPath, output, RATE);
        const measured = ffmpegTruePeakDbtp(outputPath);
        expect(measured).toBeLessThanOrEqual(ceilingDbtp);
        expect(measured).toBeGreaterThan(ceilingDbtp - 0.6);
      });
    }
  }
});

if (!ffmpeg.mustRun) {
  describe('TruePeakLimiter against ffmpeg ebur128', () => {
    it.skip(ffmpeg.skipReason, () => undefined);
  });
}
