import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../../lib/dsp/test-support/tools';
import { readExtended, writeExtended } from './read-aiff-header';
import { aiff, chunk, floatPcm, intPcm, save, sine, sox, tool } from './test-support/fixtures';
import { expectIngestError, ingest, readCanonical } from './test-support/ingest-helpers';

let folder: { path: string; remove: () => void };
beforeAll(() => (folder = temporaryFolder('mixroom-aiff-')));
afterAll(() => folder.remove());

const left = sine(4410, 440, 44100, 0.5);
const right = sine(4410, 660, 44100, -0.25);

describe('AIFF and AIFF-C', () => {
  it('reads the 80-bit extended sample rate', () => {
    const b = Buffer.alloc(10);
    for (const rate of [8000, 44100, 48000, 96000, 352800, 11025.5]) {
      writeExtended(b, 0, rate);
      expect(readExtended(b, 0)).toBe(rate);
    }
    // 44100 Hz as written by Apple tools.
    expect(readExtended(Buffer.from('400EAC44000000000000', 'hex'), 0)).toBe(44100);
  });

  const cases: Array<{ name: string; file: () => Buffer; tolerance: number; bits: number }> = [
    { name: 'AIFF 16-bit big-endian', file: () => aiff({ frames: 4410, samples: intPcm([left, right], 16, false) }), tolerance: 2 ** -15, bits: 16 },
    { name: 'AIFF 24-bit with an SSND offset and a chunk before COMM', file: () => aiff({ frames: 4410, bits: 24, ssndOffset: 6, samples: intPcm([left, right], 24, false), before: [chunk('NAME', Buffer.from('abc'), true)] }), tolerance: 2 ** -23, bits: 24 },
    { name: 'AIFF 8-bit (signed)', file: () => aiff({ frames: 4410, bits: 8, samples: intPcm([left, right], 8, false, true) }), tolerance: 2 ** -7, bits: 8 },
    { name: "AIFF-C 'NONE'", file: () => aiff({ frames: 4410, compression: 'NONE', samples: intPcm([left, right], 16, false) }), tolerance: 2 ** -15, bits: 16 },
    { name: "AIFF-C 'sowt' (little-endian)", file: () => aiff({ frames: 4410, compression: 'sowt', samples: intPcm([left, right], 16, true) }), tolerance: 2 ** -15, bits: 16 },
    { name: "AIFF-C 'fl32'", file: () => aiff({ frames: 4410, bits: 32, compression: 'fl32', samples: floatPcm([left, right], 32, false) }), tolerance: 1e-7, bits: 32 },
  ];
  for (const c of cases) {
    it(`reads ${c.name}`, async () => {
      const result = await ingest(folder.path, save(folder.path, 'good.aiff', c.file()), { projectSampleRate: 44100 });
      expect(result.metadata).toMatchObject({ format: 'aiff', sourceSampleRate: 44100, channels: 2, frames: 4410, sourceBitDepth: c.bits });
      const { channels } = readCanonical(result);
      for (let n = 0; n < 4410; n++) {
        expect(Math.abs(channels[0][n] - left[n])).toBeLessThanOrEqual(c.tolerance);
        expect(Math.abs(channels[1][n] - right[n])).toBeLessThanOrEqual(c.tolerance);
      }
    });
  }

  it.skipIf(!sox.mustRun)('reads an AIFF written by sox and resamples it to 48 kHz', async () => {
    const path = `${folder.path}/sox.aiff`;
    tool(sox, ['-n', '-r', '44100', '-b', '16', '-c', '2', path, 'synth', '1', 'sine', '1000', 'vol', '0.5']);
    const result = await ingest(folder.path, path);
    expect(result.metadata).toMatchObject({ format: 'aiff', sourceSampleRate: 44100, sampleRate: 48000, channels: 2, frames: 48000 });
  });

  const pcm = intPcm([left, right], 16, false);
  const bad: Array<{ name: string; file: () => Buffer; message: string | RegExp }> = [
    { name: 'a missing COMM chunk', file: () => aiff({ frames: 4410, samples: pcm }).subarray(0, 12), message: 'the COMM chunk is missing' },
    {
      name: 'a truncated SSND chunk',
      file: () => aiff({ frames: 4410, samples: pcm }).subarray(0, 2000),
      message: /^the SSND chunk runs past the end of the file \(declares 17648 bytes, \d+ remain\)/,
    },
    { name: 'more frames declared than the SSND chunk holds', file: () => aiff({ frames: 9000, samples: pcm }), message: 'the SSND chunk holds 17640 bytes of samples but the COMM chunk declares 9000 frames' },
    { name: 'zero channels', file: () => aiff({ channels: 0, frames: 4410, samples: pcm }), message: 'zero channels' },
    { name: 'a 3 Hz rate', file: () => aiff({ sampleRate: 3, frames: 4410, samples: pcm }), message: 'sample rate 3 Hz is not plausible (8000-384000)' },
    { name: 'compressed AIFF-C', file: () => aiff({ frames: 4410, compression: 'ima4', samples: pcm }), message: "unsupported AIFF-C compression 'ima4'" },
    { name: 'a declared length of 9 hours', file: () => aiff({ frames: 9 * 3600 * 44100, samples: pcm }), message: 'declared length of 9 hours exceeds the limit of 20 minutes' },
  ];
  for (const c of bad) {
    it(`rejects ${c.name} with 422`, async () => {
      await expectIngestError(folder.path, save(folder.path, 'bad.aiff', c.file()), 'unprocessable', c.message);
    });
  }
});
