import type { AudioSource, SourceInfo } from './audio-source';
import { decodePcm } from './decode-pcm';
import { unprocessable } from './ingest-errors';
import type { PcmLayout } from './pcm-layout';
import type { RandomAccessFile } from './random-access-file';

/** Frames per block read from disk: 8192 stereo 24-bit frames are 48 KiB. */
export const PCM_BLOCK_FRAMES = 8192;

/** Streams the samples of a WAV or AIFF (or a decoder's spool) block by block. */
export class PcmSource implements AudioSource {
  private nonFinite = 0;

  constructor(
    private readonly file: RandomAccessFile,
    private readonly layout: PcmLayout,
    readonly info: SourceInfo,
    private readonly ownsFile = true,
    private readonly onClose?: () => Promise<void>,
  ) {}

  get nonFiniteSamples(): number {
    return this.nonFinite;
  }

  async *blocks(): AsyncIterable<Float32Array[]> {
    const { layout } = this;
    const frameBytes = layout.channels * layout.bytesPerSample;
    const bytes = Buffer.alloc(PCM_BLOCK_FRAMES * frameBytes);
    const planes = Array.from({ length: layout.channels }, () => new Float32Array(PCM_BLOCK_FRAMES));
    for (let done = 0; done < layout.frames; ) {
      const frames = Math.min(PCM_BLOCK_FRAMES, layout.frames - done);
      const read = await this.file.readInto(bytes, layout.dataOffset + done * frameBytes, frames * frameBytes);
      if (read < frames * frameBytes) throw unprocessable('the file ended while its samples were being read (was it changed during the upload?)');
      this.nonFinite += decodePcm(bytes, layout, frames, planes);
      done += frames;
      yield frames === PCM_BLOCK_FRAMES ? planes : planes.map((p) => p.subarray(0, frames));
    }
  }

  async close(): Promise<void> {
    if (this.ownsFile) await this.file.close();
    await this.onClose?.();
  }
}
