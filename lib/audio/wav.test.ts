import { describe, expect, it } from 'vitest';
import { PCM24_SCALE, PLAIN_WAV_HEADER_BYTES, plainWavHeader, readWav, toPcm24, writeWav } from './wav';

describe('WAV codec', () => {
  const left = Float32Array.from([0, 0.5, -0.5, 1, -1, 1.75, -3.5, 1e-9, Infinity]);
  const right = Float32Array.from([0.25, -0.25, 2, -2, 0.125, 0, 8, -8, NaN]);

  it('32-bit float round-trips every value bit for bit, above full scale and non-finite included', () => {
    const decoded = readWav(writeWav({ sampleRate: 48000, channels: [left, right] }, 'f32'));
    expect(decoded.format).toBe('f32');
    expect(decoded.sampleRate).toBe(48000);
    expect([...decoded.channels[0]]).toEqual([...left]);
    expect(Object.is(decoded.channels[1][8], NaN)).toBe(true);
    expect([...decoded.channels[1].slice(0, 8)]).toEqual([...right.slice(0, 8)]);
  });

  it('writes a float WAV header with format 3, a fact chunk and the byte counts', () => {
    const bytes = writeWav({ sampleRate: 44100, channels: [left, right] }, 'f32');
    const view = new DataView(bytes.buffer);
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(view.getUint16(20, true)).toBe(3);
    expect(view.getUint32(24, true)).toBe(44100);
    expect(new TextDecoder().decode(bytes.slice(38, 42))).toBe('fact');
    expect(view.getUint32(46, true)).toBe(left.length);
    expect(bytes.length).toBe(58 + left.length * 8);
  });

  it('24-bit PCM scales by 2^23, rounds half to even and clamps at full scale', () => {
    expect(toPcm24(-1)).toBe(-8388608);
    expect(toPcm24(1)).toBe(8388607);
    expect(toPcm24(1.75)).toBe(8388607);
    expect(toPcm24(-3.5)).toBe(-8388608);
    expect(toPcm24(0.5 / PCM24_SCALE)).toBe(0);
    expect(toPcm24(1.5 / PCM24_SCALE)).toBe(2);
    expect(toPcm24(-1.5 / PCM24_SCALE)).toBe(-2);
    expect(toPcm24(NaN)).toBe(0);
    const decoded = readWav(writeWav({ sampleRate: 48000, channels: [left] }, 'pcm24'));
    expect(decoded.format).toBe('pcm24');
    expect([...decoded.channels[0]]).toEqual([0, 0.5, -0.5, 8388607 / PCM24_SCALE, -1, 8388607 / PCM24_SCALE, -1, 0, 8388607 / PCM24_SCALE]);
  });

  it('24-bit int -> float -> int is lossless for every code', () => {
    const codes = Float32Array.from({ length: 4097 }, (_, k) => (k * 4096 - 8388608) / PCM24_SCALE);
    const decoded = readWav(writeWav({ sampleRate: 48000, channels: [codes] }, 'pcm24')).channels[0];
    expect([...decoded]).toEqual([...codes].map((x) => Math.min(x, 8388607 / PCM24_SCALE)));
  });

  it('reads 16-bit PCM as int / 32768', () => {
    const bytes = new Uint8Array(44 + 8);
    const view = new DataView(bytes.buffer);
    bytes.set(new TextEncoder().encode('RIFF'), 0);
    view.setUint32(4, 44, true);
    bytes.set(new TextEncoder().encode('WAVEfmt '), 8);
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 2, true);
    view.setUint32(24, 44100, true);
    view.setUint32(28, 44100 * 4, true);
    view.setUint16(32, 4, true);
    view.setUint16(34, 16, true);
    bytes.set(new TextEncoder().encode('data'), 36);
    view.setUint32(40, 8, true);
    [16384, -32768, 32767, -1].forEach((v, k) => view.setInt16(44 + 2 * k, v, true));
    const decoded = readWav(bytes);
    expect(decoded.format).toBe('pcm16');
    expect([...decoded.channels[0]]).toEqual([0.5, 32767 / 32768]);
    expect([...decoded.channels[1]]).toEqual([-1, -1 / 32768]);
  });

  it('rejects files that are not RIFF/WAVE or have an unsupported format', () => {
    expect(() => readWav(new Uint8Array(20))).toThrow(RangeError);
    const bytes = writeWav({ sampleRate: 48000, channels: [left] }, 'f32');
    new DataView(bytes.buffer).setUint16(34, 64, true);
    expect(() => readWav(bytes)).toThrow(/unsupported/);
  });

  it('writes a plain 44-byte header that readWav takes, for float32, 24-bit and 16-bit data', () => {
    const frames = 3;
    for (const [float, bits, write] of [
      [true, 32, (v: DataView, o: number, x: number) => v.setFloat32(o, x, true)],
      [false, 24, (v: DataView, o: number, x: number) => { const n = Math.round(x * 8388608); v.setUint16(o, n & 0xffff, true); v.setInt8(o + 2, n >> 16); }],
      [false, 16, (v: DataView, o: number, x: number) => v.setInt16(o, Math.round(x * 32768), true)],
    ] as const) {
      const bytes = new Uint8Array(PLAIN_WAV_HEADER_BYTES + frames * 2 * (bits / 8));
      bytes.set(plainWavHeader({ float, bitsPerSample: bits, channels: 2, sampleRate: 44100, frames }));
      const view = new DataView(bytes.buffer);
      const samples = [0.5, -0.25, 0.125, -0.5, 0.25, -0.125];
      samples.forEach((x, k) => write(view, PLAIN_WAV_HEADER_BYTES + k * (bits / 8), x));
      const wav = readWav(bytes);
      expect(wav.sampleRate).toBe(44100);
      expect(wav.format).toBe(float ? 'f32' : bits === 24 ? 'pcm24' : 'pcm16');
      expect(Array.from(wav.channels[0])).toEqual([0.5, 0.125, 0.25]);
      expect(Array.from(wav.channels[1])).toEqual([-0.25, -0.5, -0.125]);
    }
  });
});
