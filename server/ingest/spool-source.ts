import { open, rm } from 'node:fs/promises';
import type { AudioSource } from './audio-source';
import { PcmSource } from './pcm-source';
import { RandomAccessFile } from './random-access-file';

/**
 * Decodes `source` to raw interleaved float32 at `path` and returns a source reading it back, with
 * its exact frame count. Used for streams whose length only a full decode tells (MP3, FLAC
 * without a total), because the canonical WAV's header, and so its hash, needs the length first.
 * Closes `source`; the returned source removes the spool file when closed.
 */
export async function spoolSource(source: AudioSource, path: string): Promise<AudioSource> {
  const { channels } = source.info;
  let frames = 0;
  let bytes = Buffer.alloc(0);
  const handle = await open(path, 'w');
  try {
    for await (const block of source.blocks()) {
      const n = block[0].length;
      if (bytes.length < n * channels * 4) bytes = Buffer.alloc(n * channels * 4);
      for (let ch = 0; ch < channels; ch++) {
        const plane = block[ch];
        for (let i = 0; i < n; i++) bytes.writeFloatLE(plane[i], (i * channels + ch) * 4);
      }
      await handle.write(bytes, 0, n * channels * 4);
      frames += n;
    }
  } catch (err) {
    await handle.close();
    await rm(path, { force: true });
    throw err;
  } finally {
    await source.close();
  }
  await handle.close();
  const file = await RandomAccessFile.open(path);
  const layout = { encoding: 'float', bytesPerSample: 4, littleEndian: true, channels, sampleRate: source.info.sampleRate, bitDepth: 32, dataOffset: 0, frames } as const;
  return new PcmSource(file, layout, { ...source.info, frames }, true, () => rm(path, { force: true }));
}
