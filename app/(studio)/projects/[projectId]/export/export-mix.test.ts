import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-mix';

describe('exportFileName', () => {
  it('names the file after the project', () => {
    expect(exportFileName('Demo song')).toBe('Demo song.wav');
    expect(exportFileName('Été — take 2')).toBe('Été — take 2.wav');
  });

  it('replaces characters file systems refuse, and never gives a hidden or empty name', () => {
    expect(exportFileName('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j.wav');
    expect(exportFileName('..hidden')).toBe('hidden.wav');
    expect(exportFileName(' \u0000 ')).toBe('mix.wav');
    expect(exportFileName('x'.repeat(300))).toBe(`${'x'.repeat(120)}.wav`);
  });
});
