import { truncateSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../../lib/dsp/test-support/tools';
import { PROGRAMME_LIMITS } from './measure-audio';
import { openAudioSource } from './open-audio-source';
import { PCM_BLOCK_FRAMES } from './pcm-source';
import { fmt, intPcm, riff, chunk, save } from './test-support/fixtures';

let folder: { path: string; remove: () => void };
beforeAll(() => (folder = temporaryFolder('mixroom-pcm-source-')));
afterAll(() => folder.remove());

/** Three and a half blocks of a ramp per channel, so every block (and the short last one) differs. */
const FRAMES = Math.floor(PCM_BLOCK_FRAMES * 3.5);
const ramp = (channel: number) => Float64Array.from({ length: FRAMES }, (_, n) => ((n * 7 + channel * 1_000_003) % 16_777_216) / 8_388_608 - 1);
const planes = [ramp(0), ramp(1)];
const open = (file: string) => openAudioSource(file, { limits: PROGRAMME_LIMITS, spoolDir: folder.path });
const wav = (name: string) =>
  save(folder.path, name, riff([fmt({ channels: 2, sampleRate: 48000, bits: 24 }), chunk('data', intPcm(planes, 24))]));

describe('PcmSource (one block read ahead)', () => {
  it('yields every frame of a 24-bit file in order, sample-exact, across blocks and a short last block', async () => {
    const source = await open(wav('whole.wav'));
    const got = [new Float32Array(FRAMES), new Float32Array(FRAMES)];
    let at = 0;
    let blocks = 0;
    for await (const block of source.blocks()) {
      got[0].set(block[0], at);
      got[1].set(block[1], at);
      at += block[0].length;
      blocks++;
    }
    await source.close();
    expect(at).toBe(FRAMES);
    expect(blocks).toBe(4);
    for (const ch of [0, 1]) {
      let worst = 0;
      for (let n = 0; n < FRAMES; n++) worst = Math.max(worst, Math.abs(got[ch][n] - planes[ch][n]));
      expect(worst).toBe(0);
    }
  });

  it('a consumer that stops after one block can close the file with the next read still in flight', async () => {
    const source = await open(wav('early.wav'));
    for await (const block of source.blocks()) {
      expect(block[0][1]).toBe(Math.fround(planes[0][1]));
      break;
    }
    await expect(source.close()).resolves.toBeUndefined();
  });

  it('a file cut short after its header was read fails with a clear error, not a hang or a crash', async () => {
    const file = wav('cut.wav');
    const source = await open(file);
    truncateSync(file, 44 + PCM_BLOCK_FRAMES * 6 * 2);
    const consume = async () => {
      for await (const _ of source.blocks());
    };
    await expect(consume()).rejects.toThrow(/file ended while its samples were being read/);
    await source.close();
  });
});
