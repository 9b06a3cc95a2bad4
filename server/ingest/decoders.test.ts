import { appendFileSync, copyFileSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../../lib/dsp/test-support/tools';
import { chunk, ffmpeg, ffmpegSine, fmt, intPcm, riff, save, sine, tool } from './test-support/fixtures';
import { expectIngestError, ingest, readCanonical } from './test-support/ingest-helpers';

let folder: { path: string; remove: () => void };
beforeAll(() => (folder = temporaryFolder('mixroom-decoders-')));
afterAll(() => folder.remove());

describe.skipIf(!ffmpeg.mustRun)('FLAC and MP3 (files made by ffmpeg)', () => {
  it('decodes a 24-bit FLAC sample-exact against the WAV it was made from', async () => {
    const left = sine(48000, 997, 48000, 0.7);
    const right = sine(48000, 1999, 48000, -0.9);
    const wav = save(folder.path, 'src24.wav', riff([fmt({ bits: 24 }), chunk('data', intPcm([left, right], 24))]));
    const flac = join(folder.path, 'src24.flac');
    ffmpegArgs(['-i', wav, '-c:a', 'flac', flac]);
    const fromFlac = await ingest(folder.path, flac);
    const fromWav = await ingest(folder.path, wav);
    expect(fromFlac.metadata).toEqual({ ...fromWav.metadata, format: 'flac' });
    expect(fromFlac.sha256).toBe(fromWav.sha256);
  });

  it('decodes a 16-bit 44.1 kHz FLAC and resamples it to 48 kHz', async () => {
    const flac = ffmpegSine(join(folder.path, 'a.flac'), { rate: 44100, seconds: 1.5, codecArgs: ['-c:a', 'flac'] });
    const result = await ingest(folder.path, flac);
    expect(result.metadata).toEqual({ format: 'flac', sourceSampleRate: 44100, sampleRate: 48000, channels: 2, frames: 72000, durationSec: 1.5, sourceBitDepth: 16 });
  });

  it('rejects a FLAC cut in the middle as truncated', async () => {
    const flac = ffmpegSine(join(folder.path, 'cut.flac'), { rate: 48000, seconds: 2, codecArgs: ['-c:a', 'flac'] });
    const bytes = readFileSync(flac);
    const cut = save(folder.path, 'cut-half.flac', bytes.subarray(0, bytes.length >> 1));
    await expectIngestError(folder.path, cut, 'unprocessable', /^the FLAC stream ends after \d+ of the 96000 samples per channel it declares: the file is truncated$/);
  });

  it('rejects a FLAC whose STREAMINFO is cut off', async () => {
    await expectIngestError(folder.path, save(folder.path, 'head.flac', Buffer.from('fLaC\x00\x00\x00\x22\x10\x00', 'latin1')), 'unprocessable', 'truncated header');
  });

  it('trims the MP3 encoder delay and padding: a 1.000 s 44.1 kHz sine decodes to exactly 44100 frames', async () => {
    const mp3 = ffmpegSine(join(folder.path, 'one-second.mp3'), { rate: 44100, seconds: 1, codecArgs: ['-c:a', 'libmp3lame', '-b:a', '192k'] });
    const result = await ingest(folder.path, mp3, { projectSampleRate: 44100 });
    expect(result.metadata).toEqual({ format: 'mp3', sourceSampleRate: 44100, sampleRate: 44100, channels: 2, frames: 44100, durationSec: 1, sourceBitDepth: null });
  });

  it('decodes MP3 sample-aligned with ffmpeg\'s own (gapless) decoder', async () => {
    const mp3 = ffmpegSine(join(folder.path, 'aligned.mp3'), { rate: 44100, seconds: 1, channels: 1, codecArgs: ['-c:a', 'libmp3lame', '-b:a', '192k'] });
    const result = await ingest(folder.path, mp3, { projectSampleRate: 44100 });
    const ours = readCanonical(result).channels[0];
    const raw = spawnSync(ffmpeg.path, ['-v', 'error', '-i', mp3, '-f', 'f32le', '-']).stdout;
    const reference = new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
    expect(ours.length).toBe(reference.length);
    let error = 0;
    for (let n = 0; n < ours.length; n++) error = Math.max(error, Math.abs(ours[n] - reference[n]));
    expect(error).toBeLessThan(1e-3);
  });

  it('decodes a mono MP3 to one channel, and resamples 44.1 kHz MP3 to 48000 frames per second', async () => {
    const mp3 = ffmpegSine(join(folder.path, 'mono.mp3'), { rate: 44100, seconds: 1, channels: 1, codecArgs: ['-c:a', 'libmp3lame'] });
    const result = await ingest(folder.path, mp3);
    expect(result.metadata).toMatchObject({ channels: 1, sourceSampleRate: 44100, sampleRate: 48000, frames: 48000 });
  });

  it('ignores a garbage tail after valid MP3 frames and keeps the audio before it', async () => {
    const mp3 = ffmpegSine(join(folder.path, 'clean.mp3'), { rate: 44100, seconds: 1, codecArgs: ['-c:a', 'libmp3lame'] });
    const tailed = join(folder.path, 'tailed.mp3');
    copyFileSync(mp3, tailed);
    let seed = 1;
    const garbage = Buffer.alloc(20000).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) | (seed % 7 === 0 ? 0xe0 : 0));
    appendFileSync(tailed, garbage);
    const clean = await ingest(folder.path, mp3, { projectSampleRate: 44100 });
    const result = await ingest(folder.path, tailed, { projectSampleRate: 44100 });
    expect(result.metadata.frames).toBe(44100);
    expect(result.sha256).toBe(clean.sha256);
  });

  it('rejects an MP3 with no decodable frames with 422', async () => {
    const id3 = Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1');
    await expectIngestError(folder.path, save(folder.path, 'tag-only.mp3', Buffer.concat([id3, Buffer.alloc(5000, 0x42)])), 'unprocessable', 'no MPEG audio frames could be decoded');
  });

  it('enforces the duration limit on an MP3 while decoding when no header declares the length', async () => {
    const mp3 = ffmpegSine(join(folder.path, 'noxing.mp3'), { rate: 44100, seconds: 3, codecArgs: ['-c:a', 'libmp3lame', '-write_xing', '0'] });
    await expectIngestError(folder.path, mp3, 'unprocessable', 'decoded length of more than 2 seconds exceeds the limit of 2 seconds', { maxDurationSec: 2 });
  });
});

function ffmpegArgs(args: string[]): void {
  tool(ffmpeg, ['-v', 'error', '-y', ...args]);
}
