import { describe, expect, it } from 'vitest';
import { reviewShortcutFor } from './review-shortcuts';

function key(k: string, target: unknown = null, extra: Partial<{ ctrlKey: boolean; repeat: boolean }> = {}) {
  return { key: k, ctrlKey: false, metaKey: false, altKey: false, repeat: false, target: target as EventTarget | null, ...extra };
}

function element(tag: string, attrs: Record<string, string> = {}, insideReviewKeys = false) {
  return {
    tagName: tag,
    type: attrs.type,
    isContentEditable: false,
    getAttribute: (name: string) => attrs[name] ?? null,
    closest: (selector: string) => (selector === '[data-review-keys]' && insideReviewKeys ? {} : null),
    matches: () => false,
  };
}

describe('revision page shortcuts', () => {
  it('maps Space, the arrows, C, J, K, Escape and F', () => {
    expect([' ', 'ArrowLeft', 'ArrowRight', 'c', 'J', 'k', 'Escape', 'f'].map((k) => reviewShortcutFor(key(k)))).toEqual([
      'playPause', 'back', 'forward', 'comment', 'nextComment', 'previousComment', 'leaveFollow', 'leaveFollow',
    ]);
    expect(reviewShortcutFor(key('x'))).toBeNull();
  });

  it('leaves keys to a text field, but Escape still leaves follow mode', () => {
    const textarea = element('TEXTAREA');
    expect(reviewShortcutFor(key('c', textarea))).toBeNull();
    expect(reviewShortcutFor(key(' ', textarea))).toBeNull();
    expect(reviewShortcutFor(key('Escape', textarea))).toBe('leaveFollow');
  });

  it('takes every key on the waveform slider, and none with a modifier', () => {
    const slider = element('INPUT', { type: 'range' }, true);
    expect(reviewShortcutFor(key('ArrowRight', slider))).toBe('forward');
    expect(reviewShortcutFor(key(' ', slider))).toBe('playPause');
    expect(reviewShortcutFor(key('ArrowRight', element('INPUT', { type: 'range' })))).toBeNull();
    expect(reviewShortcutFor(key('c', null, { ctrlKey: true }))).toBeNull();
    expect(reviewShortcutFor(key('c', null, { repeat: true }))).toBeNull();
  });
});
