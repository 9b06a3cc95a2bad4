import { describe, expect, it } from 'vitest';
import { formatTimecode, parseTimecode } from './timecode';

describe('timecodes', () => {
  it('formats to a tenth of a second', () => {
    expect(formatTimecode(0)).toBe('0:00.0');
    expect(formatTimecode(42)).toBe('0:42.0');
    expect(formatTimecode(83.25)).toBe('1:23.3');
    expect(formatTimecode(59.96)).toBe('1:00.0');
    expect(formatTimecode(-1)).toBe('0:00.0');
  });

  it('reads seconds and minutes:seconds, and nothing else', () => {
    expect(parseTimecode('83.2')).toBeCloseTo(83.2);
    expect(parseTimecode('1:23.2')).toBeCloseTo(83.2);
    expect(parseTimecode(' 0:42 ')).toBe(42);
    expect(parseTimecode('.5')).toBe(0.5);
    for (const bad of ['', '-3', '1:75', 'abc', '1e3', '1:2:3', 'Infinity']) expect(parseTimecode(bad)).toBeNull();
  });
});
