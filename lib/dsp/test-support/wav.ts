import { readFileSync, writeFileSync } from 'node:fs';
import { plainWavHeader } from '../../audio/wav';

/** Writes a 32-bit IEEE float WAV (format tag 3) with interleaved channels. Test-only. */
export function writeFloatWav(path: string, channels: ReadonlyArray<Float32Array>, sampleRate: number): void {
  const count = channels.length;
  const frames = channels[0].length;
  const buffer = Buffer.alloc(44 + frames * count * 4);
  buffer.set(plainWavHeader({ float: true, bitsPerSample: 32, channels: count, sampleRate, frames }));
  let offset = 44;
  for (let n = 0; n < frames; n++) {
    for (let c = 0; c < count; c++) {
      buffer.writeFloatLE(channels[c][n], offset);
      offset += 4;
    }
  }
  writeFileSync(path, buffer);
}

/** Reads a 32-bit float WAV (plain or WAVE_FORMAT_EXTENSIBLE, any chunk order) into channels. */
export function readFloatWav(path: string): { sampleRate: number; channels: Float32Array[] } {
  const buffer = readFileSync(path);
  if (buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a WAV file`);
  let offset = 12;
  let count = 0;
  let sampleRate = 0;
  let bits = 0;
  let format = 0;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = buffer.readUInt16LE(body);
      count = buffer.readUInt16LE(body + 2);
      sampleRate = buffer.readUInt32LE(body + 4);
      bits = buffer.readUInt16LE(body + 14);
      if (format === 0xfffe) format = buffer.readUInt16LE(body + 24);
    } else if (id === 'data') {
      if (format !== 3 || bits !== 32) throw new Error(`${path}: expected 32-bit float, got format ${format}, ${bits} bits`);
      const frames = Math.floor(Math.min(size, buffer.length - body) / (4 * count));
      const channels = Array.from({ length: count }, () => new Float32Array(frames));
      for (let n = 0; n < frames; n++) {
        for (let c = 0; c < count; c++) channels[c][n] = buffer.readFloatLE(body + (n * count + c) * 4);
      }
      return { sampleRate, channels };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}
