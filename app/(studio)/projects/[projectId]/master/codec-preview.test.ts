import { describe, expect, it } from 'vitest';
import { alignmentLag } from './codec-preview';

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
