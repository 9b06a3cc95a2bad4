import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { musicLike, noise } from '../../lib/dsp/test-support/signals';
import { assertAvailable, externalTool, run as runTool, temporaryFolder } from '../../lib/dsp/test-support/tools';
import { writeFloatWav } from '../../lib/dsp/test-support/wav';
import { APP_ROOT } from '../app';
import type { FileError, FileReport } from './analyze-command';

const run = promisify(execFile);
const ffmpeg = externalTool('ffmpeg');
const MIXROOM = path.join(APP_ROOT, 'dist', 'mixroom.mjs');

interface Reference {
  integrated: number;
  lra: number;
  truePeakDbtp: number;
}

/** FFmpeg's ebur128 (an independent BS.1770 / R128 meter) on a file, as ffmpeg decodes it. */
function ffmpegReading(file: string): Reference {
  const { stdout, stderr } = runTool(ffmpeg, ['-nostats', '-hide_banner', '-i', file, '-af', 'ebur128=metadata=1:peak=true,ametadata=mode=print', '-f', 'null', '-']);
  const text = stdout + stderr;
  const last = (key: string) => {
    const matches = [...text.matchAll(new RegExp(`lavfi\\.r128\\.${key}=(-?[0-9.]+)`, 'g'))];
    return Number.parseFloat(matches[matches.length - 1][1]);
  };
  const peaks = [...text.matchAll(/lavfi\.r128\.true_peaks_ch\d+=([0-9.]+)/g)].map((m) => Number.parseFloat(m[1]));
  return { integrated: last('I'), lra: last('LRA'), truePeakDbtp: 20 * Math.log10(Math.max(...peaks)) };
}

/** Two passes of [1/4, 1/2, 1/4]: noise without the energy at Nyquist where true-peak interpolators disagree. */
function smoothNoise(frames: number, amplitude: number, seed: number): Float32Array {
  const x = noise(frames, amplitude, seed);
  for (let pass = 0; pass < 2; pass++) for (let n = x.length - 2; n > 0; n--) x[n] = 0.25 * x[n - 1] + 0.5 * x[n] + 0.25 * x[n + 1];
  return x;
}

describe.skipIf(!ffmpeg.mustRun)('mixroom analyze', () => {
  let folder: { path: string; remove: () => void };
  const files: Record<string, string> = {};
  beforeAll(() => {
    assertAvailable(ffmpeg);
    folder = temporaryFolder('mixroom-analyze-');
    const at = (name: string) => path.join(folder.path, name);
    writeFloatWav(at('music.wav'), musicLike(30), 48000);
    const [l, r] = [smoothNoise(48000 * 25, 0.5, 3), smoothNoise(48000 * 25, 0.5, 4)];
    for (let n = 0; n < l.length; n++) {
      const g = n < 48000 * 10 ? 0.2 : 1; // a quiet start: gates and LRA have work
      l[n] *= g;
      r[n] *= g;
    }
    writeFloatWav(at('noise.wav'), [l, r], 48000);
    runTool(ffmpeg, ['-v', 'error', '-i', at('music.wav'), '-ar', '44100', '-sample_fmt', 's32', '-c:a', 'flac', at('music.flac')]);
    runTool(ffmpeg, ['-v', 'error', '-i', at('noise.wav'), '-c:a', 'pcm_s16be', at('noise.aiff')]);
    runTool(ffmpeg, ['-v', 'error', '-i', at('music.wav'), '-c:a', 'libmp3lame', '-b:a', '256k', at('music.mp3')]);
    fs.writeFileSync(at('notes.txt'), 'not audio at all\n');
    for (const name of ['music.wav', 'noise.wav', 'music.flac', 'noise.aiff', 'music.mp3', 'notes.txt']) files[name] = at(name);
  });
  afterAll(() => folder?.remove());

  it('agrees with ffmpeg ebur128 on WAV, FLAC (44.1 kHz), AIFF and MP3: integrated 0.1 LU, LRA 1 LU, true peak 0.2 dB; stdout is only JSON', async () => {
    const names = ['music.wav', 'noise.wav', 'music.flac', 'noise.aiff', 'music.mp3'];
    const { stdout, stderr } = await run(process.execPath, [MIXROOM, 'analyze', '--json', ...names.map((n) => files[n])]);
    const reports = JSON.parse(stdout) as FileReport[];
    expect(reports).toHaveLength(names.length);
    expect(stderr).toMatch(/analysing/);
    reports.forEach((report, k) => {
      const reference = ffmpegReading(files[names[k]]);
      const measured = { file: names[k], integrated: report.integratedLufs!, lra: report.loudnessRangeLu, truePeakDbtp: report.truePeakDbtp };
      expect({ file: names[k], integrated: Math.abs(measured.integrated - reference.integrated) < 0.1 }).toEqual({ file: names[k], integrated: true });
      expect({ file: names[k], lra: Math.abs(measured.lra - reference.lra) < 1 }).toEqual({ file: names[k], lra: true });
      expect({ file: names[k], truePeak: Math.abs(measured.truePeakDbtp - reference.truePeakDbtp) < 0.2 }).toEqual({ file: names[k], truePeak: true });
      for (const key of ['samplePeakDbfs', 'momentaryMaxLufs', 'shortTermMaxLufs', 'durationSec', 'sampleRate', 'channels', 'qc'] as const) expect(report).toHaveProperty(key);
    });
    expect(reports[2]).toMatchObject({ format: 'flac', sampleRate: 44100 });
    expect(reports[1].loudnessRangeLu).toBeGreaterThan(10);
  });

  it('reports a file it cannot read, exits 1, and still analyses the others; --target adds the platform, --series the short-term loudness', async () => {
    const result = await run(process.execPath, [MIXROOM, 'analyze', '--json', '--target', 'youtube', '--series', files['notes.txt'], files['music.wav']]).catch(
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect((result as { code?: number }).code).toBe(1);
    const [bad, good] = JSON.parse(result.stdout) as [FileError, FileReport];
    expect(bad.error).toMatch(/not an audio file/);
    expect(result.stderr).toMatch(/notes\.txt/);
    expect(good.platform).toMatchObject({ target: 'youtube', ceilingHeld: true });
    expect(good.platform!.playbackGainDb).toBeLessThanOrEqual(0);
    expect(good.series!.shortTermLufs).toHaveLength(300);
    expect(good.series!.intervalSec).toBe(0.1);
  });
});

if (!ffmpeg.mustRun) {
  describe('mixroom analyze', () => {
    it.skip(ffmpeg.skipReason, () => undefined);
  });
}
