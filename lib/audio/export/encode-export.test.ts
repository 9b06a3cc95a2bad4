import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../dsp';
import { musicLike } from '../../dsp/test-support/signals';
import { assertAvailable, externalTool, run, temporaryFolder } from '../../dsp/test-support/tools';
import { readWav, readWavChunk } from '../wav';
import { encodeExport, PROVENANCE_CHUNK_ID, PROVENANCE_TAG } from './encode-export';
import { ENCODERS } from './encoders';

const ffmpeg = externalTool('ffmpeg');
const ffprobe = externalTool('ffprobe');
const RATE = 48000;
const RECORD = JSON.stringify({ sha256: 'ab'.repeat(32), engine: 'test' });

/** Decodes with ffmpeg to interleaved signed 32-bit integers (24-bit sources land in the top 24 bits). */
function ffmpegS32(path: string): Int32Array {
  const result = spawnSync(ffmpeg.path, ['-v', 'error', '-i', path, '-f', 's32le', '-'], { maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(String(result.stderr));
  const bytes = result.stdout as Buffer;
  return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

function loudness(channels: Float32Array[]): number {
  const meter = new LoudnessMeter({ sampleRate: RATE });
  meter.process(channels, channels[0].length);
  return meter.integrated;
}

describe.skipIf(!ffmpeg.mustRun)('encodeExport, decoded by ffmpeg', () => {
  let folder: { path: string; remove: () => void };
  const programme = musicLike(6);
  beforeAll(() => {
    assertAvailable(ffmpeg);
    folder = temporaryFolder('mixroom-encode-');
  });
  afterAll(() => folder?.remove());

  for (const bits of [24, 16] as const) {
    it(`writes ${bits}-bit FLAC that ffmpeg decodes bit-exact to the dithered samples, with the provenance tag`, async () => {
      const bytes = await encodeExport(programme, RATE, { format: 'flac', flacBits: bits, provenance: RECORD }, ENCODERS);
      const path = join(folder.path, `x${bits}.flac`);
      writeFileSync(path, bytes);
      const wav = await encodeExport(programme, RATE, { format: bits === 24 ? 'wav24' : 'wav16', provenance: RECORD }, ENCODERS);
      const expected = readWav(wav).channels;
      const decoded = ffmpegS32(path);
      expect(decoded.length).toBe(2 * programme[0].length);
      const scale = 2 ** 31;
      let differing = 0;
      for (let n = 0; n < programme[0].length; n++) {
        for (let c = 0; c < 2; c++) if (decoded[2 * n + c] / scale !== expected[c][n]) differing++;
      }
      expect(differing).toBe(0);
      const probe = run(ffprobe, ['-v', 'error', '-show_entries', 'format_tags', '-of', 'json', path]).stdout;
      expect(JSON.parse(probe).format.tags[PROVENANCE_TAG]).toBe(RECORD);
      const info = run(ffprobe, ['-v', 'error', '-show_entries', 'stream=duration_ts,bits_per_raw_sample', '-of', 'json', path]).stdout;
      expect(JSON.parse(info).streams[0]).toMatchObject({ duration_ts: programme[0].length, bits_per_raw_sample: String(bits) });
    });
  }

  it('writes MP3 that ffmpeg decodes at the expected length (plus encoder delay and padding) and level, with the provenance tag', async () => {
    const bytes = await encodeExport(programme, RATE, { format: 'mp3', bitrate: 256, provenance: RECORD }, ENCODERS);
    const path = join(folder.path, 'x.mp3');
    writeFileSync(path, bytes);
    const decoded = ffmpegS32(path);
    const frames = decoded.length / 2;
    expect(frames).toBeGreaterThanOrEqual(programme[0].length);
    expect(frames).toBeLessThanOrEqual(programme[0].length + 3 * 1152);
    const channels = [0, 1].map((c) => Float32Array.from({ length: frames }, (_, n) => decoded[2 * n + c] / 2 ** 31));
    expect(Math.abs(loudness(channels) - loudness(programme))).toBeLessThan(0.3);
    const probe = run(ffprobe, ['-v', 'error', '-show_entries', 'format_tags:stream=bit_rate,sample_rate', '-of', 'json', path]).stdout;
    const parsed = JSON.parse(probe);
    expect(parsed.format.tags[PROVENANCE_TAG]).toBe(RECORD);
    expect(parsed.streams[0]).toMatchObject({ sample_rate: '48000', bit_rate: '256000' });
  });

  it('writes WAV 16-bit that ffmpeg reads, with the provenance chunk, and the same bytes on every run', async () => {
    const a = await encodeExport(programme, RATE, { format: 'wav16', noiseShaping: true, provenance: RECORD }, ENCODERS);
    const b = await encodeExport(programme, RATE, { format: 'wav16', noiseShaping: true, provenance: RECORD }, ENCODERS);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(new TextDecoder().decode(readWavChunk(a, PROVENANCE_CHUNK_ID))).toBe(RECORD);
    const path = join(folder.path, 'x.wav');
    writeFileSync(path, a);
    const decoded = ffmpegS32(path);
    const ours = readWav(readFileSync(path));
    expect(ours.format).toBe('pcm16');
    expect(decoded[2 * 1000 + 1] / 2 ** 31).toBe(ours.channels[1][1000]);
    const flacA = await encodeExport(programme, RATE, { format: 'flac', provenance: RECORD }, ENCODERS);
    const flacB = await encodeExport(programme, RATE, { format: 'flac', provenance: RECORD }, ENCODERS);
    expect(Buffer.from(flacA).equals(Buffer.from(flacB))).toBe(true);
  });
});

if (!ffmpeg.mustRun) {
  describe('encodeExport, decoded by ffmpeg', () => {
    it.skip(ffmpeg.skipReason, () => undefined);
  });
}
