/**
 * DSP micro-benchmark: `npx tsx bench/dsp.bench.ts`.
 * 1. A channel strip (24 dB/oct high-pass, 4 EQ bands, compressor, pan) over 60 s of stereo at
 *    48 kHz in 128-frame blocks, as x real time.
 * 2. Integrated loudness (and with true peak) of the same 60 s against ffmpeg's ebur128 filter on
 *    the same file, when /usr/bin/ffmpeg exists. ffmpeg's time is wall clock minus an `anull` run
 *    of the same file (process start and WAV decoding), so both sides time the measurement only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Biquad, Compressor, LoudnessMeter, PassFilter, StereoPanner } from '../lib/dsp';
import { musicLike } from '../lib/dsp/test-support/signals';
import { writeFloatWav } from '../lib/dsp/test-support/wav';

const SAMPLE_RATE = 48000;
const SECONDS = 60;
const BLOCK = 128;
const RUNS = 5;

const print = (line: string) => process.stdout.write(`${line}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timeStrip(left: Float32Array, right: Float32Array): number {
  const highpass = new PassFilter({ type: 'highpass', frequency: 80, slope: 24 });
  const bands = [
    new Biquad({ type: 'lowshelf', frequency: 120, gain: 2 }),
    new Biquad({ type: 'peaking', frequency: 400, q: 1.2, gain: -3 }),
    new Biquad({ type: 'peaking', frequency: 2500, q: 0.9, gain: 2.5 }),
    new Biquad({ type: 'highshelf', frequency: 9000, gain: 1.5 }),
  ];
  const compressor = new Compressor({ threshold: -20, ratio: 3, knee: 6, attack: 0.01, release: 0.15, makeup: 2 });
  const panner = new StereoPanner({ pan: 0.3 });
  const l = new Float32Array(BLOCK);
  const r = new Float32Array(BLOCK);
  const io = [l, r];
  const start = performance.now();
  for (let offset = 0; offset < left.length; offset += BLOCK) {
    const frames = Math.min(BLOCK, left.length - offset);
    for (let i = 0; i < frames; i++) {
      l[i] = left[offset + i];
      r[i] = right[offset + i];
    }
    highpass.process(io, io, frames);
    for (const band of bands) band.process(io, io, frames);
    compressor.process(io, io, frames);
    panner.process(io, io, frames);
  }
  return performance.now() - start;
}

function timeMeter(left: Float32Array, right: Float32Array, truePeak: boolean): { ms: number; meter: LoudnessMeter } {
  const meter = new LoudnessMeter({ truePeak });
  const start = performance.now();
  for (let offset = 0; offset < left.length; offset += 4096) meter.process([left, right], Math.min(4096, left.length - offset), offset);
  return { ms: performance.now() - start, meter };
}

function timeFfmpeg(path: string, filter: string): number {
  const start = performance.now();
  const result = spawnSync('/usr/bin/ffmpeg', ['-nostats', '-hide_banner', '-i', path, '-af', filter, '-f', 'null', '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr}`);
  return performance.now() - start;
}

const [left, right] = musicLike(SECONDS, SAMPLE_RATE);
print(`node ${process.version}, ${SECONDS} s stereo at ${SAMPLE_RATE} Hz, median of ${RUNS} runs after a warm-up`);

timeStrip(left, right);
const strip = median(Array.from({ length: RUNS }, () => timeStrip(left, right)));
print(`strip (HP 24 dB/oct + 4 bands + compressor + pan), ${BLOCK}-frame blocks: ${strip.toFixed(1)} ms = ${((SECONDS * 1000) / strip).toFixed(0)}x real time`);

timeMeter(left, right, true);
const integrated = median(Array.from({ length: RUNS }, () => timeMeter(left, right, false).ms));
const withPeak = median(Array.from({ length: RUNS }, () => timeMeter(left, right, true).ms));
const reading = timeMeter(left, right, true).meter;
print(`loudness meter, integrated only: ${integrated.toFixed(1)} ms (${((SECONDS * 1000) / integrated).toFixed(0)}x real time)`);
print(`loudness meter with true peak: ${withPeak.toFixed(1)} ms; I ${reading.integrated.toFixed(2)} LUFS, LRA ${reading.loudnessRange.toFixed(2)} LU, TP ${reading.truePeak.toFixed(2)} dBTP`);

if (existsSync('/usr/bin/ffmpeg')) {
  const folder = mkdtempSync(join(tmpdir(), 'mixroom-bench-'));
  try {
    const path = join(folder, 'music.wav');
    writeFloatWav(path, [left, right], SAMPLE_RATE);
    timeFfmpeg(path, 'anull');
    const baseline = median(Array.from({ length: RUNS }, () => timeFfmpeg(path, 'anull')));
    const ebur = median(Array.from({ length: RUNS }, () => timeFfmpeg(path, 'ebur128'))) - baseline;
    const eburPeak = median(Array.from({ length: RUNS }, () => timeFfmpeg(path, 'ebur128=peak=true'))) - baseline;
    print(`ffmpeg ebur128 (wall clock minus anull baseline of ${baseline.toFixed(0)} ms): ${ebur.toFixed(1)} ms; with peak=true: ${eburPeak.toFixed(1)} ms`);
    print(`ratio ffmpeg / ours, integrated: ${(ebur / integrated).toFixed(2)}x; with true peak: ${(eburPeak / withPeak).toFixed(2)}x (above 1 means ours is faster)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
} else {
  print('ffmpeg not found at /usr/bin/ffmpeg: no comparison');
}
