import { plainWavHeader } from '../lib/audio/wav';

/** A 16-bit PCM WAV of a sine: small test files built in the spec rather than committed. */
export function sineWav({ seconds = 0.5, sampleRate = 48_000, channels = 2, hz = 440, amplitude = 0.5 } = {}): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const buf = Buffer.alloc(44 + frames * channels * 2);
  buf.set(plainWavHeader({ float: false, bitsPerSample: 16, channels, sampleRate, frames }));
  for (let i = 0; i < frames; i++) {
    const v = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * hz * i) / sampleRate));
    for (let c = 0; c < channels; c++) buf.writeInt16LE(v, 44 + (i * channels + c) * 2);
  }
  return buf;
}
