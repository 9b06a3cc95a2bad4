import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from './linkify';

const links = (text: string) => linkify(text).filter((p) => p.kind === 'link');

describe('linkify', () => {
  it('turns http and https URLs into links and leaves the rest as text', () => {
    expect(linkify('see https://example.com/a?b=1 and http://x.org.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('never links javascript:, data:, vbscript:, file: or scheme-less addresses', () => {
    for (const text of ['javascript:alert(1)', 'JaVaScRiPt:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'file:///etc/passwd', 'www.example.com', '//evil.example/x']) {
      expect(links(text)).toEqual([]);
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('does not take a URL hidden behind another scheme or inside a word', () => {
    expect(links('javascript:https://example.com')).toEqual([]);
    expect(links('xhttps://example.com')).toEqual([]);
  });

  it('keeps markdown and HTML as the text they are, linking only the URL inside', () => {
    expect(linkify('[click](javascript:alert(1))')).toEqual([{ kind: 'text', text: '[click](javascript:alert(1))' }]);
    expect(linkify('<a href="https://e.com">x</a>')).toEqual([
      { kind: 'text', text: '<a href="' },
      { kind: 'link', text: 'https://e.com', href: 'https://e.com/' },
      { kind: 'text', text: '">x</a>' },
    ]);
    expect(links('[here](https://e.com/page)')).toEqual([{ kind: 'link', text: 'https://e.com/page', href: 'https://e.com/page' }]);
  });

  it('keeps a closing bracket the URL opened and drops one the sentence opened', () => {
    expect(links('https://en.wikipedia.org/wiki/Mix_(music)')[0]).toMatchObject({ text: 'https://en.wikipedia.org/wiki/Mix_(music)' });
    expect(links('(see https://e.com/x)')[0]).toMatchObject({ text: 'https://e.com/x' });
  });

  it('refuses URLs that do not parse or have no host', () => {
    expect(safeHref('https://')).toBeNull();
    expect(safeHref('http://exa mple.com')).toBeNull();
    expect(safeHref('https://example.com')).toBe('https://example.com/');
  });

  it('returns nothing for empty text and one text part for text without URLs', () => {
    expect(linkify('')).toEqual([]);
    expect(linkify('kick is too loud at 0:42')).toEqual([{ kind: 'text', text: 'kick is too loud at 0:42' }]);
  });
});
