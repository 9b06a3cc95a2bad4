import { plainWavHeader } from '../../lib/audio/wav';

/** Test WAV files written by hand: 24-bit PCM with a sine, so content and layout are known. */
export function wav24(options: { sampleRate: number; channels: number; frames: number; freqHz?: number; amplitude?: number; seed?: number }): Buffer {
  const { sampleRate, channels, frames } = options;
  const b = Buffer.alloc(44 + frames * channels * 3);
  b.set(plainWavHeader({ float: false, bitsPerSample: 24, channels, sampleRate, frames }));
  const f = options.freqHz ?? 440;
  const a = options.amplitude ?? 0.5;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      const v = Math.round(a * Math.sin((2 * Math.PI * f * (c + 1) * i) / sampleRate + (options.seed ?? 0)) * 8388607);
      b.writeIntLE(v, 44 + (i * channels + c) * 3, 3);
    }
  }
  return b;
}

/** The 24-bit samples of a wav24() file, as floats (value / 2^23). */
export function wav24Samples(file: Buffer, channels: number): Float32Array[] {
  const frames = (file.length - 44) / (3 * channels);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) for (let c = 0; c < channels; c++) out[c][i] = file.readIntLE(44 + (i * channels + c) * 3, 3) / 8388608;
  return out;
}
