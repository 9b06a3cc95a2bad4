import { describe, expect, it } from 'vitest';
import { formatPosition } from './format-position';

describe('formatPosition', () => {
  it('shows minutes, seconds and milliseconds', () => {
    expect(formatPosition(0)).toBe('0:00.000');
    expect(formatPosition(65.25)).toBe('1:05.250');
    expect(formatPosition(59.9996)).toBe('1:00.000');
    expect(formatPosition(-3)).toBe('0:00.000');
  });
});
