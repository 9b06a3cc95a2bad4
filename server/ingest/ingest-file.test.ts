import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../lib/errors';
import { temporaryFolder } from '../../lib/dsp/test-support/tools';
import { ingestFile } from './ingest-file';
import { chunk, floatPcm, fmt, intPcm, riff, save, sine } from './test-support/fixtures';

let folder: { path: string; remove: () => void };
let bigWav: string;
beforeAll(() => {
  folder = temporaryFolder('mixroom-ingest-worker-');
  // 60 s of 44.1 kHz stereo: resampling it takes seconds, far beyond a 0.3 s limit.
  const x = sine(44100 * 60, 440, 44100, 0.5);
  bigWav = save(folder.path, 'big.wav', riff([fmt({ sampleRate: 44100 }), chunk('data', intPcm([x, x], 16))]));
});
afterAll(() => folder.remove());

const outputDir = () => mkdtempSync(join(folder.path, 'out-'));

describe('ingestFile (worker thread)', () => {
  it('ingests in a worker run from the TypeScript source and returns the result', async () => {
    const inputPath = save(folder.path, 'ok.wav', riff([fmt({ tag: 3, bits: 32, channels: 1, sampleRate: 44100 }), chunk('data', floatPcm([sine(44100, 1000, 44100, 0.5)], 32))]));
    const result = await ingestFile({ inputPath, outputDir: outputDir() });
    expect(result.metadata).toMatchObject({ format: 'wav', sourceSampleRate: 44100, sampleRate: 48000, channels: 1, frames: 48000 });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('brings the 415/422 AppError back from the worker with its code and message', async () => {
    const inputPath = save(folder.path, 'page.wav', Buffer.from('<!doctype html><html></html>'));
    const err = await ingestFile({ inputPath, outputDir: outputDir() }).catch((e: unknown) => e);
    expect(isAppError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'unsupported_media_type', status: 415, userMessage: 'not an audio file we can read: looks like HTML (detected from its first bytes)' });
  });

  it('terminates a decode that runs past the time limit, rejects with 422, and the main thread keeps running meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    const dir = outputDir();
    const err = await ingestFile({ inputPath: bigWav, outputDir: dir, timeLimitSec: 0.3 }).catch((e: unknown) => e);
    clearInterval(timer);
    expect(isAppError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'unprocessable', userMessage: 'decoding took longer than 0.3 s' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ticks).toBeGreaterThan(10); // the event loop was free while the worker decoded
    // The worker is gone: the partial output stays as it was (the caller removes outputDir).
    const sizes = readdirSync(dir);
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(dir)).toEqual(sizes);
  });

  it('terminates the worker when the upload is cancelled', async () => {
    const controller = new AbortController();
    const pending = ingestFile({ inputPath: bigWav, outputDir: outputDir() }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('upload cancelled')), 100);
    await expect(pending).rejects.toThrow('upload cancelled');
  });
});
