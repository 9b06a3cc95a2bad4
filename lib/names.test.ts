import { describe, expect, it } from 'vitest';
import { displayText, hasControlChars } from './names';

describe('names', () => {
  it('L13: finds control characters (NUL, C0, DEL, C1, line separators) and nothing else', () => {
    for (const bad of ['a\u0000', 'tab\there', 'new\nline', 'del\u007f', 'c1\u0085', 'ls\u2028']) expect(hasControlChars(bad), JSON.stringify(bad)).toBe(true);
    for (const good of ['Bass', 'Bässe – 低音 🎸', 'עברית', 'mix\u202Egnp.exe']) expect(hasControlChars(good), good).toBe(false);
  });

  it('L13: shows a name without the characters that reorder text, keeping right-to-left letters', () => {
    expect(displayText('mix\u202Egnp.exe')).toBe('mixgnp.exe');
    expect(displayText('\u2066a\u2069\u200Fb\u061C')).toBe('ab');
    expect(displayText('שלום Bass')).toBe('שלום Bass');
  });
});
