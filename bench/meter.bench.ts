/**
 * Meter benchmark (mastering, part one): `npm run bench:meter`.
 * `mixroom analyze` (the whole process, as a user runs it: node start, file reading, decoding,
 * de-interleaving, loudness, true peak, the quality report) against `ffmpeg -af ebur128=peak=true`
 * on the same 10-minute 48 kHz stereo 24-bit WAV, runs interleaved. Prints both times (median),
 * the ratio (goal: ours at least 2x ffmpeg's speed) and the differences of the values (goals:
 * integrated within 0.1 LU, true peak within 0.2 dB; LRA shown too). The values are compared with
 * a separate, untimed ffmpeg run that prints them at full precision.
 * BENCH_METER_RUNS (default 5) sets the runs per row; BENCH_METER_SECONDS (default 600) the length.
 * Needs `npm run build:server` (dist/mixroom.mjs) and /usr/bin/ffmpeg.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWav } from '../lib/audio/wav';
import { musicLike } from '../lib/dsp/test-support/signals';
import { load, median, print } from './machine-load';

const RUNS = Number(process.env.BENCH_METER_RUNS ?? 5);
const SECONDS = Number(process.env.BENCH_METER_SECONDS ?? 600);
const GOAL = 2;
const MIXROOM = join(import.meta.dirname, '..', 'dist', 'mixroom.mjs');
const FFMPEG = '/usr/bin/ffmpeg';


function timed(command: string, args: string[]): { seconds: number; stdout: string; stderr: string } {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`${command} exited ${result.status}: ${result.stderr}`);
  return { seconds, stdout: result.stdout, stderr: result.stderr };
}

if (!existsSync(MIXROOM)) throw new Error(`${MIXROOM} is missing: run npm run build:server first`);
const folder = mkdtempSync(join(tmpdir(), 'mixroom-bench-meter-'));
try {
  const file = join(folder, 'programme.wav');
  // A music-like programme, repeated to length (generating 10 minutes of it sample by sample is slow).
  const piece = musicLike(60);
  const frames = SECONDS * 48000;
  const channels = piece.map((c) => {
    const out = new Float32Array(frames);
    for (let at = 0; at < frames; at += c.length) out.set(c.subarray(0, Math.min(c.length, frames - at)), at);
    return out;
  });
  writeFileSync(file, writeWav({ sampleRate: 48000, channels }, 'pcm24'));
  print(`meter: ${SECONDS} s of 48 kHz stereo 24-bit WAV (${(readFileSync(file).length / 1e6).toFixed(0)} MB), ${RUNS} runs per row, interleaved`);
  print(`before: ${load()}`);

  const ours: number[] = [];
  const theirs: number[] = [];
  let report: { integratedLufs: number; loudnessRangeLu: number; truePeakDbtp: number } | null = null;
  for (let run = 0; run < RUNS; run++) {
    const a = timed(process.execPath, [MIXROOM, 'analyze', '--json', file]);
    ours.push(a.seconds);
    report ??= JSON.parse(a.stdout);
    theirs.push(timed(FFMPEG, ['-nostats', '-hide_banner', '-i', file, '-af', 'ebur128=peak=true', '-f', 'null', '-']).seconds);
    print(`round ${run + 1}: mixroom analyze ${a.seconds.toFixed(2)} s, ffmpeg ${theirs[run].toFixed(2)} s (${load()})`);
  }

  const full = spawnSync(FFMPEG, ['-nostats', '-hide_banner', '-i', file, '-af', 'ebur128=metadata=1:peak=true,ametadata=mode=print:file=-', '-f', 'null', '-'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const text = full.stdout + full.stderr;
  const last = (key: string) => {
    const matches = [...text.matchAll(new RegExp(`lavfi\\.r128\\.${key}=(-?[0-9.]+)`, 'g'))];
    return Number.parseFloat(matches[matches.length - 1][1]);
  };
  const peaks = [...text.matchAll(/lavfi\.r128\.true_peaks_ch\d+=([0-9.]+)/g)].map((m) => Number.parseFloat(m[1]));
  const reference = { integrated: last('I'), lra: last('LRA'), truePeak: 20 * Math.log10(Math.max(...peaks)) };

  const ratio = median(theirs) / median(ours);
  print('| row | median s | runs (s) | x real time |');
  print('|---|---|---|---|');
  print(`| mixroom analyze --json (node ${process.version}) | ${median(ours).toFixed(2)} | ${ours.map((t) => t.toFixed(2)).join(', ')} | ${(SECONDS / median(ours)).toFixed(0)}x |`);
  print(`| ffmpeg -af ebur128=peak=true | ${median(theirs).toFixed(2)} | ${theirs.map((t) => t.toFixed(2)).join(', ')} | ${(SECONDS / median(theirs)).toFixed(0)}x |`);
  print(`speed: mixroom analyze is ${ratio.toFixed(2)}x ffmpeg's (goal >= ${GOAL}x: ${ratio >= GOAL ? 'met' : 'NOT met'})`);
  const r = report!;
  print(`integrated: ours ${r.integratedLufs.toFixed(3)} LUFS, ffmpeg ${reference.integrated.toFixed(3)}: difference ${(r.integratedLufs - reference.integrated).toFixed(3)} LU (goal 0.1)`);
  print(`true peak: ours ${r.truePeakDbtp.toFixed(3)} dBTP, ffmpeg ${reference.truePeak.toFixed(3)}: difference ${(r.truePeakDbtp - reference.truePeak).toFixed(3)} dB (goal 0.2)`);
  print(`loudness range: ours ${r.loudnessRangeLu.toFixed(2)} LU, ffmpeg ${reference.lra.toFixed(2)}: difference ${(r.loudnessRangeLu - reference.lra).toFixed(2)} LU`);
  print(`after: ${load()}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
