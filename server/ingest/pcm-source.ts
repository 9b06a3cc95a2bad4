import type { AudioSource, SourceInfo } from './audio-source';
import { decodePcm } from './decode-pcm';
import { unprocessable } from './ingest-errors';
import type { PcmLayout } from './pcm-layout';
import type { RandomAccessFile } from './random-access-file';

/** Frames per block read from disk: 32768 stereo 24-bit frames are 192 KiB. */
export const PCM_BLOCK_FRAMES = 32768;

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

  /**
   * Reads one block ahead: the next block's read is in flight while the consumer works on this one
   * (without it the thread sat idle on every read, a fifth of `mixroom analyze`'s time).
   */
  async *blocks(): AsyncIterable<Float32Array[]> {
    const { layout } = this;
    const frameBytes = layout.channels * layout.bytesPerSample;
    const buffers = [Buffer.alloc(PCM_BLOCK_FRAMES * frameBytes), Buffer.alloc(PCM_BLOCK_FRAMES * frameBytes)];
    const planes = Array.from({ length: layout.channels }, () => new Float32Array(PCM_BLOCK_FRAMES));
    const readBlock = (done: number, buffer: Buffer) => {
      const frames = Math.min(PCM_BLOCK_FRAMES, layout.frames - done);
      return this.file.readInto(buffer, layout.dataOffset + done * frameBytes, frames * frameBytes).then((read) => ({ frames, read }));
    };
    let pending = layout.frames > 0 ? readBlock(0, buffers[0]) : undefined;
    try {
      for (let done = 0, turn = 0; pending; turn ^= 1) {
        const { frames, read } = await pending;
        if (read < frames * frameBytes) throw unprocessable('the file ended while its samples were being read (was it changed during the upload?)');
        const next = done + frames;
        pending = next < layout.frames ? readBlock(next, buffers[turn ^ 1]) : undefined;
        this.nonFinite += decodePcm(buffers[turn], layout, frames, planes);
        done = next;
        yield frames === PCM_BLOCK_FRAMES ? planes : planes.map((p) => p.subarray(0, frames));
      }
    } finally {
      // A consumer that stops early (or an error) leaves a read in flight: let it settle before the
      // file can be closed, and never as an unhandled rejection.
      await pending?.catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.ownsFile) await this.file.close();
    await this.onClose?.();
  }
}
