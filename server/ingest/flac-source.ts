import type { AudioSource, SourceInfo } from './audio-source';
import { unprocessable } from './ingest-errors';
import type { IngestLimits } from './ingest-options';
import { id3v2Size } from './mpeg-frame-header';
import { checkLength, validateStreamParams } from './pcm-layout';
import type { RandomAccessFile } from './random-access-file';

const READ_BYTES = 64 * 1024;

/**
 * FLAC through libFLAC's WASM build, fed 64 KiB at a time. The decoder scales integers by
 * 1/(2^(bits-1) - 1); we undo that and rescale by 1/2^(bits-1) (like WAV), so a 16- or 24-bit
 * FLAC gives exactly the samples of the same WAV. The total in STREAMINFO is enforced: fewer
 * decoded samples is a truncated file (422), more are cut.
 */
export class FlacSource implements AudioSource {
  readonly nonFiniteSamples = 0;

  private constructor(
    private readonly file: RandomAccessFile,
    private readonly start: number,
    private readonly limits: IngestLimits,
    readonly info: SourceInfo,
  ) {}

  static async open(file: RandomAccessFile, limits: IngestLimits): Promise<FlacSource> {
    const start = id3v2Size(await file.read(0, 10));
    const head = await file.read(start, 42);
    if (head.length < 42) throw unprocessable(`truncated header: the file ends inside the FLAC STREAMINFO block`);
    if ((head[4] & 0x7f) !== 0 || head.readUIntBE(5, 3) < 34) throw unprocessable('the FLAC STREAMINFO block is missing');
    const si = head.subarray(8);
    const sampleRate = (si[10] << 12) | (si[11] << 4) | (si[12] >> 4);
    const channels = ((si[12] >> 1) & 7) + 1;
    const bits = (((si[12] & 1) << 4) | (si[13] >> 4)) + 1;
    const total = (si[13] & 0x0f) * 2 ** 32 + si.readUInt32BE(14);
    validateStreamParams({ channels, sampleRate, frames: total || null }, limits);
    const info: SourceInfo = { format: 'flac', sampleRate, channels, frames: total || null, sourceBitDepth: bits }; // total 0: unknown (a streamed encode)
    return new FlacSource(file, start, limits, info);
  }

  async *blocks(): AsyncIterable<Float32Array[]> {
    const { channels, sampleRate, frames: declared, sourceBitDepth } = this.info;
    const bits = sourceBitDepth ?? 24;
    // Loaded on first use: the WASM decoder is large, and WAV and AIFF (or `mixroom --help`) never need it.
    const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
    const decoder = new FLACDecoder();
    await decoder.ready;
    let total = 0;
    try {
      const buffer = Buffer.alloc(READ_BYTES);
      for (let position = this.start; ; ) {
        const read = await this.file.readInto(buffer, position, READ_BYTES);
        position += read;
        const decoded = read > 0 ? await decoder.decode(buffer.subarray(0, read)) : await decoder.flush();
        let n = decoded.samplesDecoded;
        if (declared !== null) n = Math.min(n, declared - total);
        if (n > 0) {
          if (decoded.channelData.length !== channels || decoded.sampleRate !== sampleRate) {
            throw unprocessable(`the FLAC stream changes format: STREAMINFO declares ${channels} channels at ${sampleRate} Hz, a frame has ${decoded.channelData.length} at ${decoded.sampleRate} Hz`);
          }
          total += n;
          checkLength(total, channels, sampleRate, this.limits, 'decoded');
          const planes = decoded.channelData.map((c) => c.subarray(0, n));
          if (bits <= 24) for (const plane of planes) rescale(plane, bits);
          yield planes;
        }
        if (read === 0) break;
      }
    } finally {
      decoder.free();
    }
    if (total === 0) throw unprocessable('no FLAC frames could be decoded');
    if (declared !== null && total < declared) {
      throw unprocessable(`the FLAC stream ends after ${total} of the ${declared} samples per channel it declares: the file is truncated`, { declared, decoded: total });
    }
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

/** Integer value v·(2^(bits-1) - 1) back to v / 2^(bits-1), exactly (float32 holds 24 bits). */
function rescale(plane: Float32Array, bits: number): void {
  const decoderScale = 2 ** (bits - 1) - 1;
  const scale = 2 ** (bits - 1);
  for (let i = 0; i < plane.length; i++) {
    const v = Math.round(plane[i] * decoderScale);
    plane[i] = (v < -scale ? -scale : v > scale - 1 ? scale - 1 : v) / scale;
  }
}
