import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../../lib/dsp/test-support/tools';
import { chunk, dataChunkDeclaring, floatPcm, fmt, intPcm, riff, save, sine } from './test-support/fixtures';
import { expectIngestError, ingest, readCanonical } from './test-support/ingest-helpers';

let folder: { path: string; remove: () => void };
beforeAll(() => (folder = temporaryFolder('mixroom-wav-')));
afterAll(() => folder.remove());

const left = sine(4800, 440, 48000, 0.5);
const right = sine(4800, 660, 48000, -0.25);

describe('WAV: good layouts decode to the right length, channels and samples', () => {
  const cases: Array<{ name: string; file: () => Buffer; tolerance: number; bits: number }> = [
    { name: '16-bit PCM', file: () => riff([fmt({ bits: 16 }), chunk('data', intPcm([left, right], 16))]), tolerance: 2 ** -15, bits: 16 },
    { name: '24-bit PCM', file: () => riff([fmt({ bits: 24 }), chunk('data', intPcm([left, right], 24))]), tolerance: 2 ** -23, bits: 24 },
    { name: '32-bit PCM', file: () => riff([fmt({ bits: 32 }), chunk('data', intPcm([left, right], 32))]), tolerance: 2 ** -24, bits: 32 },
    { name: '8-bit unsigned PCM', file: () => riff([fmt({ bits: 8 }), chunk('data', intPcm([left, right], 8))]), tolerance: 2 ** -7, bits: 8 },
    { name: '32-bit float', file: () => riff([fmt({ tag: 3, bits: 32 }), chunk('data', floatPcm([left, right], 32))]), tolerance: 1e-7, bits: 32 },
    { name: '64-bit float', file: () => riff([fmt({ tag: 3, bits: 64 }), chunk('data', floatPcm([left, right], 64))]), tolerance: 1e-7, bits: 64 },
    {
      name: 'WAVE_FORMAT_EXTENSIBLE 24-bit PCM',
      file: () => riff([fmt({ bits: 24, extensible: { subformat: 1 } }), chunk('data', intPcm([left, right], 24))]),
      tolerance: 2 ** -23,
      bits: 24,
    },
    {
      name: 'WAVE_FORMAT_EXTENSIBLE float',
      file: () => riff([fmt({ bits: 32, extensible: { subformat: 3 } }), chunk('data', floatPcm([left, right], 32))]),
      tolerance: 1e-7,
      bits: 32,
    },
    {
      name: 'data before fmt, with LIST, bext, fact and odd-sized JUNK chunks around them',
      file: () =>
        riff([
          chunk('JUNK', Buffer.alloc(27)),
          chunk('bext', Buffer.alloc(602)),
          chunk('data', intPcm([left, right], 16)),
          chunk('LIST', Buffer.from('INFOISFT\x05\x00\x00\x00test\x00\x00', 'latin1')),
          fmt({ bits: 16 }),
          chunk('fact', Buffer.alloc(4)),
          chunk('odd ', Buffer.alloc(3)),
        ]),
      tolerance: 2 ** -15,
      bits: 16,
    },
  ];
  for (const c of cases) {
    it(`reads ${c.name}`, async () => {
      const result = await ingest(folder.path, save(folder.path, 'good.wav', c.file()));
      expect(result.metadata).toMatchObject({ format: 'wav', sourceSampleRate: 48000, sampleRate: 48000, channels: 2, frames: 4800, sourceBitDepth: c.bits });
      const { channels } = readCanonical(result);
      for (let n = 0; n < 4800; n++) {
        expect(Math.abs(channels[0][n] - left[n])).toBeLessThanOrEqual(c.tolerance);
        expect(Math.abs(channels[1][n] - right[n])).toBeLessThanOrEqual(c.tolerance);
      }
    });
  }

  it('reads RF64 with the data size from its ds64 chunk', async () => {
    const samples = intPcm([left], 16);
    const ds64 = Buffer.alloc(28);
    ds64.writeUInt32LE(samples.length, 8);
    const file = riff([chunk('ds64', ds64), fmt({ channels: 1 }), dataChunkDeclaring(0xffffffff, samples)]);
    file.write('RF64', 0, 'latin1');
    file.writeUInt32LE(0xffffffff, 4);
    const result = await ingest(folder.path, save(folder.path, 'rf64.wav', file));
    expect(result.metadata).toMatchObject({ channels: 1, frames: 4800 });
  });

  it('reads mono and stores it as one channel', async () => {
    const result = await ingest(folder.path, save(folder.path, 'mono.wav', riff([fmt({ channels: 1 }), chunk('data', intPcm([left], 16))])));
    expect(result.metadata.channels).toBe(1);
    expect(readCanonical(result).channels).toHaveLength(1);
  });
});

describe('WAV: broken files get a 422 that says what is wrong', () => {
  const pcm = intPcm([left, right], 16);
  const cases: Array<{ name: string; file: () => Buffer; message: string | RegExp }> = [
    { name: 'no fmt chunk', file: () => riff([chunk('data', pcm)]), message: 'the fmt chunk is missing' },
    { name: 'no data chunk', file: () => riff([fmt()]), message: 'the data chunk is missing' },
    {
      name: 'a truncated file',
      file: () => riff([fmt(), dataChunkDeclaring(pcm.length, pcm.subarray(0, 1000))]),
      message: `the data chunk runs past the end of the file (declares ${pcm.length} bytes, 1000 remain)`,
    },
    {
      name: 'a chunk size past the end of the file',
      file: () => Buffer.concat([riff([fmt(), chunk('data', pcm)]), Buffer.from('LIST\xff\xff\x00\x00abc', 'latin1')]),
      message: /^a chunk size runs past the end of the file \(the 'LIST' chunk at byte \d+ declares 65535 bytes, 3 remain\)/,
    },
    { name: 'zero channels', file: () => riff([fmt({ channels: 0, blockAlign: 0 }), chunk('data', pcm)]), message: 'zero channels' },
    { name: 'a 3 Hz sample rate', file: () => riff([fmt({ sampleRate: 3 }), chunk('data', pcm)]), message: 'sample rate 3 Hz is not plausible (8000-384000)' },
    { name: 'a 1 MHz sample rate', file: () => riff([fmt({ sampleRate: 1_000_000 }), chunk('data', pcm)]), message: 'sample rate 1000000 Hz is not plausible' },
    {
      name: 'a header that claims 9 hours',
      file: () => riff([fmt({ channels: 1, bits: 16, sampleRate: 48000 }), dataChunkDeclaring(9 * 3600 * 48000 * 2, pcm)]),
      message: 'declared length of 9 hours exceeds the limit of 20 minutes',
    },
    { name: 'MP3 inside a WAV', file: () => riff([fmt({ tag: 0x0055 }), chunk('data', pcm)]), message: 'unsupported WAV encoding 0x0055 (MPEG Layer III)' },
    {
      name: 'an unknown extensible subformat',
      file: () => riff([fmt({ extensible: { subformat: 1, guidTail: Buffer.alloc(14, 7) } }), chunk('data', pcm)]),
      message: /^unsupported WAVE_FORMAT_EXTENSIBLE subformat \{/,
    },
    { name: 'six channels', file: () => riff([fmt({ channels: 6 }), chunk('data', intPcm([left, left, left, left, left, left], 16))]), message: '6 channels: stems must be mono or stereo' },
    { name: 'a block align that does not match', file: () => riff([fmt({ blockAlign: 3 }), chunk('data', pcm)]), message: "block align of 3 bytes does not match 2 channels of 16-bit samples" },
    { name: 'an empty data chunk', file: () => riff([fmt(), chunk('data', Buffer.alloc(0))]), message: 'the data chunk holds no samples' },
    { name: 'a header cut after 10 bytes', file: () => riff([fmt(), chunk('data', pcm)]).subarray(0, 10), message: 'truncated header' },
    { name: 'a fmt chunk of 8 bytes', file: () => riff([chunk('fmt ', Buffer.alloc(8)), chunk('data', pcm)]), message: 'truncated header: the fmt chunk is 8 bytes' },
  ];
  for (const c of cases) {
    it(`rejects ${c.name}`, async () => {
      await expectIngestError(folder.path, save(folder.path, 'bad.wav', c.file()), 'unprocessable', c.message);
    });
  }

  it('checks the declared length against maxDurationSec before reading any sample', async () => {
    const file = riff([fmt(), chunk('data', intPcm([left, right], 16))]);
    await expectIngestError(folder.path, save(folder.path, 'short.wav', file), 'unprocessable', 'declared length of 0.1 seconds exceeds the limit of 0.1 seconds', {
      maxDurationSec: 0.05,
    });
  });

  it('checks the declared sample count against maxDecodedSamples', async () => {
    const file = riff([fmt(), chunk('data', intPcm([left, right], 16))]);
    await expectIngestError(folder.path, save(folder.path, 'many.wav', file), 'unprocessable', 'declared size of 9600 samples exceeds the limit of 1000 samples', {
      maxDecodedSamples: 1000,
    });
  });
});
