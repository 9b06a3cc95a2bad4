import fs from 'node:fs';
import { once } from 'node:events';
import { floatWavHeader } from '../ingest/float-wav-writer';
import type { DemoStem } from './demo-song';

const BLOCK_FRAMES = 4096;

/**
 * Renders a demo stem block by block into a float WAV file. `signal` stops it between blocks
 * (shutdown); the partial file is the caller's to remove.
 */
export async function writeDemoStem(
  stem: DemoStem,
  file: string,
  options: { sampleRate: number; lengthSec: number; signal?: AbortSignal },
): Promise<void> {
  const frames = Math.round(options.lengthSec * options.sampleRate);
  const out = fs.createWriteStream(file);
  try {
    out.write(floatWavHeader(stem.channels, options.sampleRate, frames));
    const channels = Array.from({ length: stem.channels }, () => new Float32Array(BLOCK_FRAMES));
    for (let start = 0; start < frames; start += BLOCK_FRAMES) {
      options.signal?.throwIfAborted();
      const n = Math.min(BLOCK_FRAMES, frames - start);
      const views = channels.map((c) => c.subarray(0, n));
      stem.render(start, views);
      // Interleaved float32; WAV is little-endian, as is every platform Node runs on here.
      const block = new Float32Array(n * stem.channels);
      for (let i = 0; i < n; i++) for (let c = 0; c < stem.channels; c++) block[i * stem.channels + c] = views[c][i];
      if (!out.write(Buffer.from(block.buffer))) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
}
