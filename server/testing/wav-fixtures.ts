/** Test WAV files written by hand: 24-bit PCM with a sine, so content and layout are known. */
export function wav24(options: { sampleRate: number; channels: number; frames: number; freqHz?: number; amplitude?: number; seed?: number }): Buffer {
  const { sampleRate, channels, frames } = options;
  const dataBytes = frames * channels * 3;
  const b = Buffer.alloc(44 + dataBytes);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write('WAVEfmt ', 8, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(channels, 22);
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * channels * 3, 28);
  b.writeUInt16LE(channels * 3, 32);
  b.writeUInt16LE(24, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(dataBytes, 40);
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
