import { unprocessable } from './ingest-errors';
import type { IngestLimits } from './ingest-options';
import { checkLength, validateStreamParams, type PcmLayout } from './pcm-layout';
import type { RandomAccessFile } from './random-access-file';
import { findChunk, walkChunks } from './riff-chunks';

type Encoding = Pick<PcmLayout, 'encoding' | 'littleEndian'> & { bytes?: PcmLayout['bytesPerSample'] };
/** AIFF-C compression types that are plain samples. */
const AIFC_ENCODINGS: Record<string, Encoding> = {
  NONE: { encoding: 'int', littleEndian: false },
  twos: { encoding: 'int', littleEndian: false },
  sowt: { encoding: 'int', littleEndian: true },
  in24: { encoding: 'int', littleEndian: false, bytes: 3 },
  in32: { encoding: 'int', littleEndian: false, bytes: 4 },
  fl32: { encoding: 'float', littleEndian: false, bytes: 4 },
  FL32: { encoding: 'float', littleEndian: false, bytes: 4 },
  fl64: { encoding: 'float', littleEndian: false, bytes: 8 },
  FL64: { encoding: 'float', littleEndian: false, bytes: 8 },
  'raw ': { encoding: 'uint', littleEndian: false, bytes: 1 },
};

/** Parses a FORM/AIFF or FORM/AIFC header (big-endian, chunks in any order) and validates it against `limits`. */
export async function readAiffHeader(file: RandomAccessFile, limits: IngestLimits): Promise<PcmLayout> {
  if (file.size < 12) throw unprocessable(`truncated header: the file ends after ${file.size} bytes, inside the FORM header`);
  const aifc = (await file.read(8, 4)).toString('latin1') === 'AIFC';
  const chunks = await walkChunks(file, { littleEndian: false, dataId: 'SSND' });

  const commChunk = findChunk(chunks, 'COMM');
  if (!commChunk) throw unprocessable('the COMM chunk is missing');
  const minimum = aifc ? 22 : 18;
  if (commChunk.size < minimum) throw unprocessable(`truncated header: the COMM chunk is ${commChunk.size} bytes, at least ${minimum} are needed`);
  const comm = await file.read(commChunk.body, minimum);
  const channels = comm.readInt16BE(0);
  const frames = comm.readUInt32BE(2);
  const sampleSize = comm.readInt16BE(6);
  const sampleRate = readExtended(comm, 8);
  const compression = aifc ? comm.toString('latin1', 18, 22) : 'NONE';
  const format = AIFC_ENCODINGS[compression];
  if (!format) throw unprocessable(`unsupported AIFF-C compression '${compression}': convert the stem to uncompressed AIFF or WAV`, { compression });
  validateStreamParams({ channels: Math.max(0, channels), sampleRate, frames: null }, limits);
  if (format.encoding !== 'float' && (sampleSize < 1 || sampleSize > 32)) throw unprocessable(`unsupported AIFF sample size of ${sampleSize} bits`);
  const bytesPerSample = (format.bytes ?? Math.ceil(sampleSize / 8)) as PcmLayout['bytesPerSample'];
  checkLength(frames, channels, sampleRate, limits, 'declared');
  if (frames === 0) throw unprocessable('the COMM chunk declares no sample frames');

  const ssnd = findChunk(chunks, 'SSND');
  if (!ssnd) throw unprocessable('the SSND chunk is missing');
  if (ssnd.size > ssnd.remaining) {
    throw unprocessable(`the SSND chunk runs past the end of the file (declares ${ssnd.size} bytes, ${ssnd.remaining} remain): the file is truncated`, {
      declared: ssnd.size,
      remaining: ssnd.remaining,
    });
  }
  if (ssnd.size < 8) throw unprocessable('truncated header: the SSND chunk is shorter than its 8-byte header');
  const offset = (await file.read(ssnd.body, 4)).readUInt32BE(0);
  const needed = frames * channels * bytesPerSample;
  const available = ssnd.size - 8 - offset;
  if (available < needed) {
    throw unprocessable(`the SSND chunk holds ${Math.max(0, available)} bytes of samples but the COMM chunk declares ${frames} frames (${needed} bytes)`, {
      declared: needed,
      available,
    });
  }
  return {
    encoding: format.encoding,
    bytesPerSample,
    littleEndian: format.littleEndian,
    channels,
    sampleRate,
    bitDepth: format.encoding === 'float' ? bytesPerSample * 8 : sampleSize,
    dataOffset: ssnd.body + 8 + offset,
    frames,
  };
}

/** IEEE 754 80-bit extended (big-endian), as AIFF stores its sample rate. */
export function readExtended(b: Buffer, at: number): number {
  const exponent = b.readUInt16BE(at) & 0x7fff;
  const sign = b[at] & 0x80 ? -1 : 1;
  const mantissa = b.readUInt32BE(at + 2) * 2 ** 32 + b.readUInt32BE(at + 6);
  if (exponent === 0 && mantissa === 0) return 0;
  if (exponent === 0x7fff) return NaN;
  return sign * mantissa * 2 ** (exponent - 16383 - 63);
}

/** Writes `value` as an 80-bit extended at `at` (for tests and fixtures). */
export function writeExtended(b: Buffer, at: number, value: number): void {
  if (value === 0) return void b.fill(0, at, at + 10);
  const exponent = Math.floor(Math.log2(value));
  const mantissa = value / 2 ** (exponent - 63);
  b.writeUInt16BE(exponent + 16383, at);
  b.writeUInt32BE(Math.floor(mantissa / 2 ** 32), at + 2);
  b.writeUInt32BE(mantissa % 2 ** 32, at + 6);
}
