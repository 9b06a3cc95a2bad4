/**
 * WAV (RIFF) codec, pure: bytes in, bytes out, so it runs in a worker and in Node alike.
 * Writers: 32-bit IEEE float (format 3, with the `fact` chunk non-PCM formats require) and 24-bit
 * PCM. Reader: those two plus 16-bit PCM, plain or WAVE_FORMAT_EXTENSIBLE, any chunk order.
 */

export const WAV_FORMATS = { f32: 'f32', pcm24: 'pcm24', pcm16: 'pcm16' } as const;
export type WavFormat = (typeof WAV_FORMATS)[keyof typeof WAV_FORMATS];

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

/**
 * 24-bit scale: a sample x is stored as round(x * 2^23), clamped to [-8388608, 8388607]. Scaling by
 * 2^23 (not 2^23 - 1) makes int -> float -> int lossless and -1.0 exactly representable, and is
 * what ffmpeg and the Web Audio decoders use; the cost is that +1.0 clips to 8388607, i.e. by
 * 1.04e-6 dB. Rounding is half to even, as lrint in ffmpeg.
 */
export const PCM24_SCALE = 8388608;
const PCM24_MAX = 8388607;
const PCM24_MIN = -8388608;
/** 16-bit PCM is read as int / 2^15, the same convention. */
export const PCM16_SCALE = 32768;

export interface WavData {
  sampleRate: number;
  channels: Float32Array[];
}

export interface DecodedWav extends WavData {
  format: WavFormat;
}

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** A float sample as 24-bit PCM: scaled by 2^23, rounded half to even, clamped (NaN gives 0). */
export function toPcm24(x: number): number {
  const v = roundHalfEven(x * PCM24_SCALE);
  return v > PCM24_MAX ? PCM24_MAX : v < PCM24_MIN ? PCM24_MIN : v === v ? v : 0;
}

/** The size of `plainWavHeader`: 44 bytes keep 32-bit samples 4-byte aligned after it. */
export const PLAIN_WAV_HEADER_BYTES = 44;

/**
 * The 44-byte header of a plain RIFF/WAVE file with no other chunk: PCM (format tag 1) or IEEE
 * float (tag 3), `bitsPerSample` bits, interleaved `channels`, `frames` frames of data after it.
 * For writers that stream the samples themselves (the canonical copy, test fixtures).
 */
export function plainWavHeader(options: { float: boolean; bitsPerSample: number; channels: number; sampleRate: number; frames: number }): Uint8Array {
  const { float, bitsPerSample, channels, sampleRate, frames } = options;
  const blockAlign = channels * (bitsPerSample / 8);
  const dataBytes = frames * blockAlign;
  const bytes = new Uint8Array(PLAIN_WAV_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let k = 0; k < 4; k++) bytes[offset + k] = text.charCodeAt(k);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, float ? FORMAT_FLOAT : FORMAT_PCM, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bitsPerSample, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return bytes;
}

/** A chunk written between `fmt ` and `data`, e.g. the provenance chunk. */
export interface WavChunk {
  /** Four ASCII characters. */
  id: string;
  body: Uint8Array;
}

/**
 * Encodes interleaved WAV bytes. `f32` writes the float32 samples as they are (never clamped:
 * values above full scale, infinities and NaN survive); `pcm24` clamps as `toPcm24`.
 */
export function writeWav(data: WavData, format: 'f32' | 'pcm24', chunks: readonly WavChunk[] = []): Uint8Array {
  const frames = data.channels[0]?.length ?? 0;
  if (data.channels.some((c) => c.length !== frames)) throw new RangeError('WAV channels must have equal length');
  const float = format === 'f32';
  return writeWavBytes({ sampleRate: data.sampleRate, channels: data.channels.length, frames, bits: float ? 32 : 24, float, chunks }, (view, offset, n, c) => {
    const x = data.channels[c][n];
    if (float) view.setFloat32(offset, x, true);
    else writeInt24(view, offset, toPcm24(x));
  });
}

/** Encodes integer PCM (interleaved, already quantised to `bits`: 16 or 24, e.g. by lib/dsp `Dither`) as WAV bytes. */
export function writePcmWav(options: { sampleRate: number; channels: number; bits: 16 | 24; samples: Int32Array; chunks?: readonly WavChunk[] }): Uint8Array {
  const { channels, bits, samples } = options;
  const frames = Math.floor(samples.length / channels);
  return writeWavBytes({ sampleRate: options.sampleRate, channels, frames, bits, float: false, chunks: options.chunks ?? [] }, (view, offset, n, c) => {
    const v = samples[n * channels + c];
    if (bits === 16) view.setInt16(offset, v, true);
    else writeInt24(view, offset, v);
  });
}

function writeInt24(view: DataView, offset: number, v: number): void {
  view.setUint8(offset, v & 0xff);
  view.setUint8(offset + 1, (v >> 8) & 0xff);
  view.setUint8(offset + 2, (v >> 16) & 0xff);
}

/** RIFF/WAVE with `fmt ` (plus `fact` for float), the given chunks, then `data` filled by `sample`. */
function writeWavBytes(
  layout: { sampleRate: number; channels: number; frames: number; bits: number; float: boolean; chunks: readonly WavChunk[] },
  sample: (view: DataView, offset: number, frame: number, channel: number) => void,
): Uint8Array {
  const { sampleRate, channels: count, frames, bits, float, chunks } = layout;
  if (count < 1 || count > 65535) throw new RangeError(`WAV needs 1-65535 channels, got ${count}`);
  const bytesPerSample = bits / 8;
  const dataBytes = frames * count * bytesPerSample;
  const fmtBytes = float ? 18 : 16;
  const chunkBytes = chunks.reduce((sum, c) => sum + 8 + c.body.length + (c.body.length % 2), 0);
  const header = 12 + 8 + fmtBytes + (float ? 12 : 0) + chunkBytes + 8;
  if (header + dataBytes - 8 > 0xffffffff) throw new RangeError('WAV data exceeds 4 GiB');
  const bytes = new Uint8Array(header + dataBytes + (dataBytes % 2));
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let k = 0; k < 4; k++) bytes[offset + k] = text.charCodeAt(k);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtBytes, true);
  view.setUint16(20, float ? FORMAT_FLOAT : FORMAT_PCM, true);
  view.setUint16(22, count, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * count * bytesPerSample, true);
  view.setUint16(32, count * bytesPerSample, true);
  view.setUint16(34, bits, true);
  let offset = 36;
  if (float) {
    view.setUint16(offset, 0, true);
    ascii(offset + 2, 'fact');
    view.setUint32(offset + 6, 4, true);
    view.setUint32(offset + 10, frames, true);
    offset += 14;
  }
  for (const chunk of chunks) {
    if (!/^[\x20-\x7e]{4}$/.test(chunk.id)) throw new RangeError(`WAV chunk id must be 4 ASCII characters, got ${chunk.id}`);
    ascii(offset, chunk.id);
    view.setUint32(offset + 4, chunk.body.length, true);
    bytes.set(chunk.body, offset + 8);
    offset += 8 + chunk.body.length + (chunk.body.length % 2);
  }
  ascii(offset, 'data');
  view.setUint32(offset + 4, dataBytes, true);
  offset += 8;
  for (let n = 0; n < frames; n++) {
    for (let c = 0; c < count; c++) {
      sample(view, offset, n, c);
      offset += bytesPerSample;
    }
  }
  return bytes;
}

/** The body of a chunk `id` of a WAV file, or undefined. */
export function readWavChunk(bytes: Uint8Array, id: string): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const size = view.getUint32(offset + 4, true);
    if (String.fromCharCode(...bytes.subarray(offset, offset + 4)) === id) return bytes.subarray(offset + 8, offset + 8 + size);
    offset += 8 + size + (size % 2);
  }
  return undefined;
}

/** Decodes a 32-bit float, 24-bit or 16-bit PCM WAV into float channels (PCM divided by 2^23 or 2^15). */
export function readWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (offset: number) => String.fromCharCode(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
  if (bytes.length < 12 || text(0) !== 'RIFF' || text(8) !== 'WAVE') throw new RangeError('not a RIFF/WAVE file');
  let format = 0;
  let count = 0;
  let sampleRate = 0;
  let bits = 0;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = text(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = view.getUint16(body, true);
      count = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      if (format === FORMAT_EXTENSIBLE && size >= 40) format = view.getUint16(body + 24, true);
    } else if (id === 'data') {
      const kind: WavFormat | null =
        format === FORMAT_FLOAT && bits === 32 ? 'f32' : format === FORMAT_PCM && bits === 24 ? 'pcm24' : format === FORMAT_PCM && bits === 16 ? 'pcm16' : null;
      if (kind === null || count === 0) throw new RangeError(`unsupported WAV: format ${format}, ${bits} bits, ${count} channels`);
      const width = bits / 8;
      const frames = Math.floor(Math.min(size, bytes.length - body) / (width * count));
      const channels = Array.from({ length: count }, () => new Float32Array(frames));
      let at = body;
      for (let n = 0; n < frames; n++) {
        for (let c = 0; c < count; c++) {
          if (kind === 'f32') channels[c][n] = view.getFloat32(at, true);
          else if (kind === 'pcm16') channels[c][n] = view.getInt16(at, true) / PCM16_SCALE;
          else channels[c][n] = ((bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) << 8 >> 8) / PCM24_SCALE;
          at += width;
        }
      }
      return { sampleRate, channels, format: kind };
    }
    offset = body + size + (size % 2);
  }
  throw new RangeError('WAV has no data chunk');
}
