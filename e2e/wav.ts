import { plainWavHeader } from '../lib/audio/wav';
import { sungNote } from '../lib/dsp/test-support/signals';

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

/** A 16-bit mono WAV of a sung-like note (lib/dsp's test signal: harmonics under a vowel, vibrato). */
export function sungWav({ seconds = 4, sampleRate = 48_000, hz = 440, vibratoCents = 8 } = {}): Buffer {
  const samples = sungNote(seconds, hz, vibratoCents, sampleRate);
  const buf = Buffer.alloc(44 + samples.length * 2);
  buf.set(plainWavHeader({ float: false, bitsPerSample: 16, channels: 1, sampleRate, frames: samples.length }));
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767), 44 + i * 2);
  return buf;
}
