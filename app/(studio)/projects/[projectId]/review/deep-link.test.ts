import { describe, expect, it } from 'vitest';
import { parseDeepLink, revisionLink } from './deep-link';

describe('deep links', () => {
  it('reads ?t= and #comment-<id>', () => {
    expect(parseDeepLink('?t=83.2', '')).toEqual({ timeSec: 83.2, commentId: null });
    expect(parseDeepLink('?t=1:23.5&x=1', '#comment-3f2a-b_c')).toEqual({ timeSec: 83.5, commentId: '3f2a-b_c' });
    expect(parseDeepLink('', '#comment-abc')).toEqual({ timeSec: null, commentId: 'abc' });
  });

  it('ignores malformed times and anchors', () => {
    expect(parseDeepLink('?t=-4', '#comment-')).toEqual({ timeSec: null, commentId: null });
    expect(parseDeepLink('?t=soon', '#comment-a"onmouseover=x')).toEqual({ timeSec: null, commentId: null });
    expect(parseDeepLink('?t=', '#other')).toEqual({ timeSec: null, commentId: null });
  });

  it('builds links that read back to the same place', () => {
    const link = revisionLink('/projects/p/review/r', { timeSec: 83.24, commentId: 'c1' });
    expect(link).toBe('/projects/p/review/r?t=83.2#comment-c1');
    const url = new URL(link, 'http://x');
    expect(parseDeepLink(url.search, url.hash)).toEqual({ timeSec: 83.2, commentId: 'c1' });
  });
});
