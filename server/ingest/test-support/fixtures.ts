/** Test-only builders of WAV/AIFF files with odd layouts, and runners of the reference encoders. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertAvailable, externalTool, run, type ExternalTool } from '../../../lib/dsp/test-support/tools';
import { writeExtended } from '../read-aiff-header';

export const sox = externalTool('sox');
export const ffmpeg = externalTool('ffmpeg');

export function chunk(id: string, body: Buffer, bigEndian = false): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  if (bigEndian) header.writeUInt32BE(body.length, 4);
  else header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body, Buffer.alloc(body.length % 2)]);
}

export interface FmtOptions {
  tag?: number;
  channels?: number;
  sampleRate?: number;
  bits?: number;
  blockAlign?: number;
  /** Write WAVE_FORMAT_EXTENSIBLE with this subformat tag (1 PCM, 3 float). */
  extensible?: { subformat: number; validBits?: number; guidTail?: Buffer };
}

export function fmt(o: FmtOptions = {}): Buffer {
  const channels = o.channels ?? 2;
  const sampleRate = o.sampleRate ?? 48000;
  const bits = o.bits ?? 16;
  const blockAlign = o.blockAlign ?? channels * Math.ceil(bits / 8);
  const body = Buffer.alloc(o.extensible ? 40 : 16);
  body.writeUInt16LE(o.extensible ? 0xfffe : (o.tag ?? 1), 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(sampleRate, 4);
  body.writeUInt32LE(sampleRate * blockAlign, 8);
  body.writeUInt16LE(blockAlign, 12);
  body.writeUInt16LE(bits, 14);
  if (o.extensible) {
    body.writeUInt16LE(22, 16);
    body.writeUInt16LE(o.extensible.validBits ?? bits, 18);
    body.writeUInt32LE(channels === 1 ? 4 : 3, 20);
    body.writeUInt16LE(o.extensible.subformat, 24);
    (o.extensible.guidTail ?? Buffer.from([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71])).copy(body, 26);
  }
  return chunk('fmt ', body);
}

/** A RIFF/WAVE file of the given chunks, in the given order. */
export function riff(chunks: Buffer[], form = 'WAVE'): Buffer {
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write(form, 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** A data chunk header that declares `declared` bytes, followed by `actual` bytes of samples. */
export function dataChunkDeclaring(declared: number, actual: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write('data', 0, 'latin1');
  header.writeUInt32LE(declared, 4);
  return Buffer.concat([header, actual]);
}

/** Interleaves planar values in [-1, 1) as little-endian integers of `bits` (8 = unsigned). */
export function intPcm(planes: ReadonlyArray<ArrayLike<number>>, bits: 8 | 16 | 24 | 32, littleEndian = true, signed8 = false): Buffer {
  const bytes = bits / 8;
  const frames = planes[0].length;
  const out = Buffer.alloc(frames * planes.length * bytes);
  for (let n = 0; n < frames; n++) {
    for (let c = 0; c < planes.length; c++) {
      const at = (n * planes.length + c) * bytes;
      const v = Math.max(-(2 ** (bits - 1)), Math.min(2 ** (bits - 1) - 1, Math.round(planes[c][n] * 2 ** (bits - 1))));
      if (bits === 8) out.writeUInt8(signed8 ? v & 0xff : v + 128, at);
      else if (littleEndian) out.writeIntLE(v, at, bytes);
      else out.writeIntBE(v, at, bytes);
    }
  }
  return out;
}

export function floatPcm(planes: ReadonlyArray<ArrayLike<number>>, bits: 32 | 64, littleEndian = true): Buffer {
  const bytes = bits / 8;
  const frames = planes[0].length;
  const out = Buffer.alloc(frames * planes.length * bytes);
  for (let n = 0; n < frames; n++) {
    for (let c = 0; c < planes.length; c++) {
      const at = (n * planes.length + c) * bytes;
      const v = planes[c][n];
      if (bits === 32) littleEndian ? out.writeFloatLE(v, at) : out.writeFloatBE(v, at);
      else littleEndian ? out.writeDoubleLE(v, at) : out.writeDoubleBE(v, at);
    }
  }
  return out;
}

export interface AiffOptions {
  channels?: number;
  frames: number;
  bits?: number;
  sampleRate?: number;
  /** AIFC compression type; AIFF when absent. */
  compression?: string;
  ssndOffset?: number;
  samples: Buffer;
  /** Extra chunks before COMM. */
  before?: Buffer[];
}

export function aiff(o: AiffOptions): Buffer {
  const comm = Buffer.alloc(o.compression ? 24 : 18);
  comm.writeInt16BE(o.channels ?? 2, 0);
  comm.writeUInt32BE(o.frames, 2);
  comm.writeInt16BE(o.bits ?? 16, 6);
  writeExtended(comm, 8, o.sampleRate ?? 44100);
  if (o.compression) {
    comm.write(o.compression, 18, 'latin1');
    comm.writeUInt16BE(0, 22); // empty pascal string + pad
  }
  const offset = o.ssndOffset ?? 0;
  const ssnd = Buffer.alloc(8 + offset);
  ssnd.writeUInt32BE(offset, 0);
  const chunks = [...(o.before ?? []), chunk('COMM', comm, true), chunk('SSND', Buffer.concat([ssnd, o.samples]), true)];
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('FORM', 0, 'latin1');
  header.writeUInt32BE(4 + body.length, 4);
  header.write(o.compression ? 'AIFC' : 'AIFF', 8, 'latin1');
  return Buffer.concat([header, body]);
}

export function sine(frames: number, frequency: number, rate: number, amplitude: number, offset = 0): Float64Array {
  const x = new Float64Array(frames);
  for (let n = 0; n < frames; n++) x[n] = offset + amplitude * Math.sin((2 * Math.PI * frequency * n) / rate);
  return x;
}

export function save(folder: string, name: string, bytes: Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

/** Runs a reference tool (sox/ffmpeg) that must exist here; with CI=true its absence fails. */
export function tool(t: ExternalTool, args: string[]): void {
  assertAvailable(t);
  run(t, args);
}

/** A sine from ffmpeg's lavfi source, encoded with `codecArgs`. */
export function ffmpegSine(path: string, o: { rate: number; seconds: number; channels?: number; frequency?: number; codecArgs: string[] }): string {
  tool(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${o.frequency ?? 1000}:sample_rate=${o.rate}:duration=${o.seconds}`, '-ac', String(o.channels ?? 2), ...o.codecArgs, path]);
  return path;
}
