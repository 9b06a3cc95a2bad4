import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../lib/dsp';
import { temporaryFolder } from '../../lib/dsp/test-support/tools';
import { chunk, floatPcm, fmt, intPcm, riff, save, sine } from './test-support/fixtures';
import { ingest, readCanonical } from './test-support/ingest-helpers';

let folder: { path: string; remove: () => void };
beforeAll(() => (folder = temporaryFolder('mixroom-ingest-')));
afterAll(() => folder.remove());

/** Deterministic 24-bit noise, as integers. */
function noise24(frames: number, seed: number): Float64Array {
  const x = new Float64Array(frames);
  let s = seed >>> 0;
  for (let n = 0; n < frames; n++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[n] = ((s >>> 8) - 2 ** 23) / 2 ** 23;
  }
  return x;
}

describe('the canonical copy', () => {
  it('stores a 48 kHz 24-bit upload sample-exact (every sample compared)', async () => {
    const left = noise24(48000 * 3, 1);
    const right = noise24(48000 * 3, 2);
    left[10] = -1; // full-scale negative and positive extremes
    right[10] = (2 ** 23 - 1) / 2 ** 23;
    const result = await ingest(folder.path, save(folder.path, 'exact.wav', riff([fmt({ bits: 24 }), chunk('data', intPcm([left, right], 24))])));
    const { sampleRate, channels } = readCanonical(result);
    expect(sampleRate).toBe(48000);
    expect(channels[0].length).toBe(left.length);
    let mismatches = 0;
    for (let n = 0; n < left.length; n++) if (channels[0][n] !== left[n] || channels[1][n] !== right[n]) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('is a 32-bit float WAV whose SHA-256 is the one returned, with nothing else left in outputDir', async () => {
    const result = await ingest(folder.path, save(folder.path, 'hash.wav', riff([fmt(), chunk('data', intPcm([sine(4800, 100, 48000, 0.5), sine(4800, 100, 48000, 0.5)], 16))])));
    const bytes = readFileSync(result.audioPath);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(result.sha256);
    expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
    expect(bytes.readUInt16LE(20)).toBe(3);
    expect(bytes.readUInt16LE(34)).toBe(32);
    expect(bytes.length).toBe(44 + 4800 * 2 * 4);
    expect(readdirSync(dirname(result.audioPath)).sort()).toEqual(['analysis.json', 'audio.wav', 'peaks.json']);
  });

  it('resamples 44.1 kHz to round(frames · 48000 / 44100) frames at the project rate', async () => {
    const x = sine(44100 + 7, 1000, 44100, 0.5);
    const result = await ingest(folder.path, save(folder.path, 'r.wav', riff([fmt({ channels: 1, sampleRate: 44100, tag: 3, bits: 32 }), chunk('data', floatPcm([x], 32))])));
    expect(result.metadata).toMatchObject({ sourceSampleRate: 44100, sampleRate: 48000, frames: Math.round((44107 * 48000) / 44100) });
  });

  it('honours another project rate', async () => {
    const x = sine(48000, 1000, 48000, 0.5);
    const result = await ingest(folder.path, save(folder.path, 'p.wav', riff([fmt({ channels: 1 }), chunk('data', intPcm([x], 16))])), { projectSampleRate: 96000 });
    expect(result.metadata).toMatchObject({ sampleRate: 96000, frames: 96000, durationSec: 1 });
    expect(readCanonical(result).sampleRate).toBe(96000);
  });
});

describe('analysis', () => {
  it('measures a -6 dBFS sine: sample peak -6.0 dBFS and the loudness of lib/dsp\'s meter', async () => {
    const amplitude = 10 ** (-6 / 20);
    // 48 samples per cycle: sample 12 of each cycle is the crest, so the sample peak is the amplitude exactly.
    const x = sine(48000 * 5, 1000, 48000, amplitude);
    const result = await ingest(folder.path, save(folder.path, 'sine.wav', riff([fmt({ tag: 3, bits: 32 }), chunk('data', floatPcm([x, x], 32))])));
    const meter = new LoudnessMeter({ sampleRate: 48000, channels: 2 });
    const f = Float32Array.from(x);
    meter.process([f, f], f.length);
    const a = result.analysis;
    expect(a.samplePeakDbfs).toBeCloseTo(-6.0, 4);
    expect(Math.abs((a.integratedLufs as number) - meter.integrated)).toBeLessThan(0.1);
    // Two channels of a -6 dBFS sine: -0.691 + 10·log10(2 · a²/2) + ~0.69 dB of K-weighting at 1 kHz ≈ -6.0 LUFS.
    expect(a.integratedLufs as number).toBeCloseTo(-6.0, 1);
    expect(a.truePeakDbtp).toBeGreaterThanOrEqual(-6.01);
    expect(a.truePeakDbtp).toBeLessThan(-5.9);
    expect(a.clippedSamples).toBe(0);
    expect(a).toMatchObject({ channels: 2, sampleRate: 48000, frames: 240000, durationSec: 5 });
    expect(JSON.parse(readFileSync(result.analysisPath, 'utf8'))).toEqual(a);
  });

  it('measures the DC offset per channel and counts clipped samples', async () => {
    const left = sine(48000, 100, 48000, 0.25, 0.125); // +0.125 DC
    const right = sine(48000, 100, 48000, 0.5, -0.0625);
    for (let n = 1000; n < 1010; n++) right[n] = 1; // 10 samples at full scale (+32767 in 16-bit)
    for (let n = 2000; n < 2005; n++) right[n] = -1;
    const result = await ingest(folder.path, save(folder.path, 'dc.wav', riff([fmt(), chunk('data', intPcm([left, right], 16))])));
    expect(result.analysis.dcOffset[0]).toBeCloseTo(0.125, 4);
    expect(result.analysis.dcOffset[1]).toBeCloseTo(-0.0625, 3);
    expect(result.analysis.clippedSamplesPerChannel).toEqual([0, 15]);
    expect(result.analysis.clippedSamples).toBe(15);
  });

  it('replaces NaN and infinite float samples by 0 and counts them', async () => {
    const x = Float64Array.from(sine(4800, 100, 48000, 0.5));
    x[5] = NaN;
    x[6] = Infinity;
    const result = await ingest(folder.path, save(folder.path, 'nan.wav', riff([fmt({ channels: 1, tag: 3, bits: 32 }), chunk('data', floatPcm([x], 32))])));
    expect(result.analysis.nonFiniteSamples).toBe(2);
    expect(readCanonical(result).channels[0][5]).toBe(0);
  });
});

describe('peaks.json', () => {
  it('holds min/max per channel at 64, 256, 1024 and 4096 frames per peak, 8-bit', async () => {
    const frames = 10000;
    const left = new Float64Array(frames).fill(0.5);
    const right = new Float64Array(frames).fill(-0.25);
    left[9000] = -1;
    const result = await ingest(folder.path, save(folder.path, 'peaks.wav', riff([fmt({ tag: 3, bits: 32 }), chunk('data', floatPcm([left, right], 32))])));
    const peaks = JSON.parse(readFileSync(result.peaksPath, 'utf8'));
    expect(peaks).toMatchObject({ version: 1, sampleRate: 48000, channels: 2, frames, bits: 8 });
    expect(peaks.levels.map((l: { samplesPerPeak: number; length: number }) => [l.samplesPerPeak, l.length])).toEqual([
      [64, 157],
      [256, 40],
      [1024, 10],
      [4096, 3],
    ]);
    const level = peaks.levels[0].data as number[];
    expect(level.slice(0, 4)).toEqual([63, 64, -32, -31]); // round-outward quantisation of 0.5 and -0.25
    const coarse = peaks.levels[3].data as number[];
    expect(coarse.slice(8, 12)).toEqual([-127, 64, -32, -31]); // the third 4096-frame peak holds the -1 sample
  });
});
