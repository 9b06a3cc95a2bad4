import { unprocessable } from './ingest-errors';
import type { IngestLimits } from './ingest-options';
import { checkLength, validateStreamParams, type PcmLayout } from './pcm-layout';
import type { RandomAccessFile } from './random-access-file';
import { findChunk, walkChunks } from './riff-chunks';

const WAVE_FORMAT = { pcm: 0x0001, float: 0x0003, extensible: 0xfffe } as const;
const KNOWN_ENCODINGS: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG',
  0x0055: 'MPEG Layer III',
  0x00ff: 'AAC',
  0x0161: 'Windows Media Audio',
};
/** Bytes 2-15 of KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: {0000xxxx-0000-0010-8000-00AA00389B71}. */
const KSDATAFORMAT_TAIL = Buffer.from([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71]);
const UNKNOWN_SIZE = 0xffffffff;

/** Parses a RIFF/WAVE or RF64 header (chunks in any order) and validates it against `limits`. */
export async function readWavHeader(file: RandomAccessFile, limits: IngestLimits): Promise<PcmLayout> {
  if (file.size < 12) throw unprocessable(`truncated header: the file ends after ${file.size} bytes, inside the RIFF header`);
  const head = await file.read(0, 12);
  const rf64 = head.toString('latin1', 0, 4) !== 'RIFF';
  let ds64DataSize = -1;
  if (rf64) {
    // RF64 (EBU Tech 3306): the first chunk is ds64, with the 64-bit sizes the 32-bit fields cannot hold.
    const ds64 = await file.read(12, 32);
    if (ds64.length < 32 || ds64.toString('latin1', 0, 4) !== 'ds64') throw unprocessable('truncated header: the RF64 file does not start with a ds64 chunk');
    ds64DataSize = ds64.readUInt32LE(16) + ds64.readUInt32LE(20) * 2 ** 32;
  }
  const chunks = await walkChunks(file, {
    littleEndian: true,
    dataId: 'data',
    resolveSize: (chunk) => {
      if (chunk.size !== UNKNOWN_SIZE || chunk.id !== 'data') return chunk.size;
      // RF64 takes the size from ds64; a plain RIFF with 0xFFFFFFFF was written by a streaming
      // encoder that never came back to fill it in: the data runs to the end of the file.
      return rf64 ? ds64DataSize : chunk.remaining;
    },
  });
  const fmtChunk = findChunk(chunks, 'fmt ');
  if (!fmtChunk) throw unprocessable('the fmt chunk is missing');
  if (fmtChunk.size < 16) throw unprocessable(`truncated header: the fmt chunk is ${fmtChunk.size} bytes, at least 16 are needed`);
  const fmt = await file.read(fmtChunk.body, Math.min(fmtChunk.size, 40));
  let tag = fmt.readUInt16LE(0);
  const channels = fmt.readUInt16LE(2);
  const sampleRate = fmt.readUInt32LE(4);
  const blockAlign = fmt.readUInt16LE(12);
  const containerBits = fmt.readUInt16LE(14);
  let validBits = containerBits;
  if (tag === WAVE_FORMAT.extensible) {
    if (fmt.length < 40) throw unprocessable(`truncated header: a WAVE_FORMAT_EXTENSIBLE fmt chunk needs 40 bytes, this one has ${fmt.length}`);
    validBits = fmt.readUInt16LE(18) || containerBits;
    tag = fmt.readUInt16LE(24);
    if (!fmt.subarray(26, 40).equals(KSDATAFORMAT_TAIL)) {
      throw unprocessable(`unsupported WAVE_FORMAT_EXTENSIBLE subformat ${formatGuid(fmt.subarray(24, 40))}`);
    }
  }
  if (tag !== WAVE_FORMAT.pcm && tag !== WAVE_FORMAT.float) {
    const hex = `0x${tag.toString(16).padStart(4, '0')}`;
    const name = KNOWN_ENCODINGS[tag] ? ` (${KNOWN_ENCODINGS[tag]})` : '';
    throw unprocessable(`unsupported WAV encoding ${hex}${name}: convert the stem to PCM or float WAV`, { encoding: hex });
  }
  validateStreamParams({ channels, sampleRate, frames: null }, limits);

  const float = tag === WAVE_FORMAT.float;
  const supported = float ? containerBits === 32 || containerBits === 64 : [8, 16, 24, 32].includes(containerBits);
  if (!supported || validBits > containerBits || validBits === 0) {
    throw unprocessable(`unsupported WAV sample format: ${validBits}-bit ${float ? 'float' : 'integer'} in ${containerBits}-bit containers`);
  }
  const bytesPerSample = (containerBits / 8) as PcmLayout['bytesPerSample'];
  if (blockAlign !== channels * bytesPerSample) {
    throw unprocessable(`the fmt chunk's block align of ${blockAlign} bytes does not match ${channels} channels of ${containerBits}-bit samples`);
  }

  const data = findChunk(chunks, 'data');
  if (!data) throw unprocessable('the data chunk is missing');
  const frames = Math.floor(data.size / blockAlign);
  checkLength(frames, channels, sampleRate, limits, 'declared');
  if (data.size > data.remaining) {
    throw unprocessable(`the data chunk runs past the end of the file (declares ${data.size} bytes, ${data.remaining} remain): the file is truncated`, {
      declared: data.size,
      remaining: data.remaining,
    });
  }
  if (frames === 0) throw unprocessable('the data chunk holds no samples');
  return {
    encoding: float ? 'float' : containerBits === 8 ? 'uint' : 'int',
    bytesPerSample,
    littleEndian: true,
    channels,
    sampleRate,
    bitDepth: validBits,
    dataOffset: data.body,
    frames,
  };
}

function formatGuid(b: Buffer): string {
  const hex = (x: Buffer) => x.toString('hex');
  const le = (x: Buffer) => hex(Buffer.from(x).reverse());
  return `{${le(b.subarray(0, 4))}-${le(b.subarray(4, 6))}-${le(b.subarray(6, 8))}-${hex(b.subarray(8, 10))}-${hex(b.subarray(10, 16))}}`.toUpperCase();
}
