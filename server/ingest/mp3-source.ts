import type { AudioSource, SourceInfo } from './audio-source';
import { unprocessable } from './ingest-errors';
import type { IngestLimits } from './ingest-options';
import { id3v2Size, parseMpegFrameHeader, sameStream, xingFrameCount, type MpegFrameHeader } from './mpeg-frame-header';
import { checkLength, validateStreamParams } from './pcm-layout';
import type { RandomAccessFile } from './random-access-file';

/** Bytes read per step; a frame is at most 2881 bytes (layer II/III at 320/384 kbps, 32 kHz, padded). */
const READ_BYTES = 128 * 1024;
const MAX_FRAME_BYTES = 4096;
/** How far past the tags to look for the first frame. */
const SYNC_SEARCH_BYTES = 64 * 1024;

/**
 * MP3 (MPEG-1/2/2.5 layers I-III) through mpg123's WASM build, streamed. We walk the frames
 * ourselves and feed the decoder only whole, valid frames of one stream: the decode stops at the
 * first bytes that are not such a frame (an ID3v1/APE tag, or a garbage tail), so junk after the
 * audio is never decoded into noise. mpg123 runs in gapless mode: with a LAME/Xing header the
 * encoder delay and padding are trimmed (a 1.000 s file decodes to exactly 1.000 s). Without one
 * (rare) the decoder's own delay stays in.
 */
export class Mp3Source implements AudioSource {
  readonly nonFiniteSamples = 0;

  private constructor(
    private readonly file: RandomAccessFile,
    private readonly firstFrame: number,
    private readonly header: MpegFrameHeader,
    private readonly limits: IngestLimits,
    readonly info: SourceInfo,
  ) {}

  static async open(file: RandomAccessFile, limits: IngestLimits): Promise<Mp3Source> {
    let start = 0;
    for (let tag = id3v2Size(await file.read(0, 10)); tag > 0; tag = id3v2Size(await file.read(start, 10))) start += tag;
    const head = await file.read(start, SYNC_SEARCH_BYTES + MAX_FRAME_BYTES);
    for (let i = 0; i < Math.min(head.length, SYNC_SEARCH_BYTES); i++) {
      const header = parseMpegFrameHeader(head, i);
      if (!header) continue;
      const next = parseMpegFrameHeader(head, i + header.frameBytes);
      const endsFile = start + i + header.frameBytes === file.size;
      if (!endsFile && !(next && sameStream(header, next))) continue;
      const xing = xingFrameCount(head, i, header);
      const declared = xing === null ? null : xing * header.samplesPerFrame;
      validateStreamParams({ channels: header.channels, sampleRate: header.sampleRate, frames: declared }, limits);
      const info: SourceInfo = { format: 'mp3', sampleRate: header.sampleRate, channels: header.channels, frames: null, sourceBitDepth: null };
      return new Mp3Source(file, start + i, header, limits, info);
    }
    throw unprocessable('no MPEG audio frames could be decoded: no valid frame header was found');
  }

  async *blocks(): AsyncIterable<Float32Array[]> {
    // Loaded on first use: the WASM decoder is large, and WAV and AIFF (or `mixroom --help`) never need it.
    const { MPEGDecoder } = await import('mpg123-decoder');
    const decoder = new MPEGDecoder({ enableGapless: true });
    await decoder.ready;
    try {
      const buffer = Buffer.alloc(READ_BYTES + MAX_FRAME_BYTES);
      let filePosition = this.firstFrame;
      let carried = 0;
      let total = 0;
      let ended = false;
      while (!ended) {
        const read = await this.file.readInto(buffer.subarray(carried), filePosition, READ_BYTES);
        filePosition += read;
        const length = carried + read;
        const atEnd = filePosition >= this.file.size;
        let i = 0;
        while (true) {
          const header = i + 4 <= length ? parseMpegFrameHeader(buffer, i) : null;
          if (header && sameStream(this.header, header) && i + header.frameBytes <= length) {
            i += header.frameBytes;
            continue;
          }
          // Not a whole frame here: either the buffer ends inside one, or the stream ends.
          const incomplete = (header && sameStream(this.header, header)) || length - i < 4;
          if (!incomplete || atEnd) ended = true;
          break;
        }
        if (i > 0) {
          const decoded = decoder.decode(buffer.subarray(0, i));
          if (decoded.samplesDecoded > 0) {
            total += decoded.samplesDecoded;
            checkLength(total, this.info.channels, this.info.sampleRate, this.limits, 'decoded');
            yield decoded.channelData.slice(0, this.info.channels).map((c) => c.subarray(0, decoded.samplesDecoded));
          }
        }
        carried = length - i;
        buffer.copyWithin(0, i, length);
        if (read === 0) ended = true;
      }
      if (total === 0) throw unprocessable('no MPEG audio frames could be decoded');
    } finally {
      decoder.free();
    }
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
