import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoudnessMeter } from './loudness-meter';
import { musicLike, noise } from './test-support/signals';
import { assertAvailable, externalTool, run, temporaryFolder } from './test-support/tools';
import { writeFloatWav } from './test-support/wav';

/**
 * Reference: FFmpeg's `ebur128` filter (libavfilter/f_ebur128.c), an independent BS.1770 / R128
 * implementation. Its metadata carries integrated loudness and LRA to 0.001 but computes them from
 * 0.01 LU (I) and 0.1 LU (LRA) histograms, and its true peak oversamples with swresample rather
 * than the BS.1770 Annex 2 filter. Hence the tolerances: I 0.05 LU, LRA 0.2 LU, true peak 0.3 dB.
 * Measured on these signals: I within 0.006 LU, LRA within 0.03 LU, true peak within 0.17 dB
 * (ours lower: the Annex 2 interpolator droops by up to 0.2 dB between samples).
 */
const ffmpeg = externalTool('ffmpeg');

interface Reading {
  integrated: number;
  lra: number;
  truePeakDb: number;
}

function ffmpegReading(path: string): Reading {
  const { stderr, stdout } = run(ffmpeg, [
    '-nostats', '-hide_banner', '-i', path,
    '-af', 'ebur128=metadata=1:peak=true,ametadata=mode=print', '-f', 'null', '-',
  ]);
  const text = stdout + stderr;
  const last = (key: string): number => {
    const matches = [...text.matchAll(new RegExp(`lavfi\\.r128\\.${key}=(-?[0-9.]+|-?inf)`, 'g'))];
    if (matches.length === 0) throw new Error(`ffmpeg printed no ${key}`);
    return Number.parseFloat(matches[matches.length - 1][1]);
  };
  const peak = Math.max(last('true_peaks_ch0'), last('true_peaks_ch1'));
  return { integrated: last('I'), lra: last('LRA'), truePeakDb: 20 * Math.log10(peak) };
}

function ours(channels: Float32Array[], sampleRate: number): Reading {
  const meter = new LoudnessMeter({ sampleRate });
  for (let start = 0; start < channels[0].length; start += 1024) {
    meter.process(channels, Math.min(1024, channels[0].length - start), start);
  }
  return { integrated: meter.integrated, lra: meter.loudnessRange, truePeakDb: meter.truePeak };
}

function steppedNoise(sampleRate: number): Float32Array[] {
  const seconds = [6, 10, 4, 12, 8];
  const levels = [0.02, 0.3, 0.005, 0.15, 0.6];
  const frames = seconds.reduce((a, s) => a + s * sampleRate, 0);
  const left = noise(frames, 1, 21);
  const right = noise(frames, 1, 22);
  let n = 0;
  seconds.forEach((s, k) => {
    for (const end = n + s * sampleRate; n < end; n++) {
      left[n] *= levels[k];
      right[n] *= levels[k] * 0.8;
    }
  });
  return [smooth(left), smooth(right)];
}

/**
 * Two passes of [1/4, 1/2, 1/4] (zero at Nyquist): white noise carries energy up to fs/2, where
 * the Annex 2 interpolator (a 48-tap FIR) and ffmpeg's 192 kHz resampler disagree by 0.7 dB on
 * true peak; music has little there.
 */
function smooth(x: Float32Array): Float32Array {
  for (let pass = 0; pass < 2; pass++) {
    let previous = 0;
    for (let n = 0; n < x.length - 1; n++) {
      const current = x[n];
      x[n] = 0.25 * previous + 0.5 * current + 0.25 * x[n + 1];
      previous = current;
    }
  }
  return x;
}

describe.skipIf(!ffmpeg.mustRun)(`LoudnessMeter against ffmpeg ebur128 (${ffmpeg.path})`, () => {
  let folder: { path: string; remove: () => void };
  beforeAll(() => {
    assertAvailable(ffmpeg);
    folder = temporaryFolder('mixroom-dsp-ffmpeg-');
  });
  afterAll(() => folder?.remove());

  const cases: Array<{ name: string; sampleRate: number; make: (rate: number) => Float32Array[] }> = [
    { name: 'a 40 s music-like stereo signal at 48 kHz', sampleRate: 48000, make: (rate) => musicLike(40, rate) },
    { name: 'the same signal at 44.1 kHz (general K-weighting formula)', sampleRate: 44100, make: (rate) => musicLike(40, rate) },
    { name: 'stepped, smoothed stereo noise at 48 kHz (gates and LRA)', sampleRate: 48000, make: steppedNoise },
  ];
  for (const c of cases) {
    it(`matches integrated loudness (0.05 LU), LRA (0.2 LU) and true peak (0.3 dB) on ${c.name}`, () => {
      const channels = c.make(c.sampleRate);
      const path = join(folder.path, 'signal.wav');
      writeFloatWav(path, channels, c.sampleRate);
      const reference = ffmpegReading(path);
      const measured = ours(channels, c.sampleRate);
      expect(Math.abs(measured.integrated - reference.integrated)).toBeLessThan(0.05);
      expect(Math.abs(measured.lra - reference.lra)).toBeLessThan(0.2);
      expect(Math.abs(measured.truePeakDb - reference.truePeakDb)).toBeLessThan(0.3);
    });
  }
});

if (!ffmpeg.mustRun) {
  describe('LoudnessMeter against ffmpeg ebur128', () => {
    it.skip(ffmpeg.skipReason, () => undefined);
  });
}
