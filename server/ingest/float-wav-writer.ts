import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { plainWavHeader } from '../../lib/audio/wav';

const MAX_DATA_BYTES = 0xffffffff - 36;

/**
 * The canonical-copy header: a plain 44-byte RIFF/WAVE with format tag 3 (IEEE float), 32 bits.
 * 44 bytes keep the samples 4-byte aligned, so a browser can view them as a Float32Array
 * without copying.
 */
export function floatWavHeader(channels: number, sampleRate: number, frames: number): Buffer {
  return Buffer.from(plainWavHeader({ float: true, bitsPerSample: 32, channels, sampleRate, frames }));
}

/**
 * Streams planar float32 blocks into a 32-bit float WAV whose length is known up front, hashing
 * every byte (header first) with SHA-256 as it is written, so the content address costs no
 * second read.
 */
export class FloatWavWriter {
  private written = 0;
  private bytes = Buffer.alloc(0);

  private constructor(
    private readonly handle: FileHandle,
    private readonly hash: Hash,
    readonly channels: number,
    readonly frames: number,
  ) {}

  static async create(path: string, channels: number, sampleRate: number, frames: number): Promise<FloatWavWriter> {
    const dataBytes = frames * channels * 4;
    if (dataBytes > MAX_DATA_BYTES) throw new RangeError(`FloatWavWriter: ${dataBytes} bytes of samples do not fit a RIFF file`);
    const header = floatWavHeader(channels, sampleRate, frames);
    const handle = await open(path, 'w');
    const writer = new FloatWavWriter(handle, createHash('sha256'), channels, frames);
    await writer.append(header);
    return writer;
  }

  /** Appends `frames` frames of each channel of `planes`. */
  async write(planes: ReadonlyArray<Float32Array>, frames: number): Promise<void> {
    if (this.written + frames > this.frames) throw new Error(`FloatWavWriter: more than the ${this.frames} frames declared`);
    const { channels } = this;
    const size = frames * channels * 4;
    if (this.bytes.length < size) this.bytes = Buffer.alloc(size);
    const out = new Float32Array(this.bytes.buffer, this.bytes.byteOffset, frames * channels);
    for (let ch = 0; ch < channels; ch++) {
      const plane = planes[ch];
      for (let i = 0, j = ch; i < frames; i++, j += channels) out[j] = plane[i];
    }
    this.written += frames;
    await this.append(this.bytes.subarray(0, size));
  }

  /** Closes the file and returns the SHA-256 (hex); throws if fewer frames came than declared. */
  async finish(): Promise<string> {
    await this.handle.close();
    if (this.written !== this.frames) throw new Error(`FloatWavWriter: ${this.written} frames written, ${this.frames} declared`);
    return this.hash.digest('hex');
  }

  /** Closes without finishing (after a failure). */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  private async append(bytes: Buffer): Promise<void> {
    this.hash.update(bytes);
    let done = 0;
    while (done < bytes.length) done += (await this.handle.write(bytes, done, bytes.length - done)).bytesWritten;
  }
}
