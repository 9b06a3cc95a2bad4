import { describe, expect, it } from 'vitest';
import { alignmentLag, previewRegion } from './codec-preview';

function noise(n: number, seed: number): Float32Array {
  let x = seed;
  return Float32Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 30 - 1;
  });
}

describe('alignmentLag', () => {
  it('finds the encoder and decoder delay of a decoded file (a delayed, slightly changed copy)', () => {
    const source = noise(48_000, 7);
    for (const lag of [0, 1105, 2257, 4000]) {
      const decoded = new Float32Array(source.length + lag);
      const blur = noise(source.length, 3);
      for (let i = 0; i < source.length; i++) decoded[i + lag] = 0.9 * source[i] + 0.05 * blur[i];
      expect(alignmentLag(source, decoded)).toBe(lag);
    }
  });

  it('looks for the lag where the source has signal, not in its silent start', () => {
    const source = new Float32Array(60_000);
    source.set(noise(20_000, 5), 30_000);
    const decoded = new Float32Array(62_000);
    decoded.set(source, 1500);
    expect(alignmentLag(source, decoded)).toBe(1500);
  });
});

describe('previewRegion', () => {
  const sine = (rate: number, seconds: number, hz: number) => Float32Array.from({ length: rate * seconds }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));

  it('takes the region at the master\'s own rate and places it on the timeline in playback frames', () => {
    const pcm = { sampleRate: 48_000, channels: [sine(48_000, 4, 440), sine(48_000, 4, 660)] as [Float32Array, Float32Array] };
    const region = previewRegion(pcm, 48_000, 1, 3);
    expect(region.source.map((c) => c.length)).toEqual([96_000, 96_000]);
    expect(region.source[1][0]).toBe(pcm.channels[1][48_000]);
    expect(region).toMatchObject({ startFrame: 48_000, frames: 96_000 });
    expect(region.reference).toEqual(region.source[0]);
  });

  it('a CD master (44.1 kHz) in a 48 kHz project: encoded at 44.1 kHz, aligned and heard at 48 kHz, where it was', () => {
    const pcm = { sampleRate: 44_100, channels: [sine(44_100, 4, 440), sine(44_100, 4, 440)] as [Float32Array, Float32Array] };
    const region = previewRegion(pcm, 48_000, 1, 3);
    expect(region.source[0].length).toBe(88_200);
    expect(region).toMatchObject({ startFrame: 48_000, frames: 96_000 });
    // The reference is the same 440 Hz at the playback rate: compare with a 48 kHz sine from the same start.
    const expected = sine(48_000, 4, 440).subarray(48_000, 144_000);
    let worst = 0;
    for (let i = 1000; i < 95_000; i++) worst = Math.max(worst, Math.abs(region.reference[i] - expected[i]));
    expect(worst).toBeLessThan(1e-3);
  });
});
