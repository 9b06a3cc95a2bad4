import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyLike } from './transport-shortcuts';

/** Just what shortcutFor reads of a focused element (the unit tests run without a DOM). */
function el(tagName: string, { type = '', role = null as string | null, editable = false, focusVisible = false, transportKeys = false } = {}): EventTarget {
  return {
    tagName,
    type,
    isContentEditable: editable,
    getAttribute: (name: string) => (name === 'role' ? role : null),
    closest: (selector: string) => (selector === '[data-transport-keys]' && transportKeys ? {} : null),
    matches: (selector: string) => selector === ':focus-visible' && focusVisible,
  } as unknown as EventTarget;
}

const body = el('BODY');
const press = (key: string, target: EventTarget = body, extra: Partial<KeyLike> = {}): KeyLike => ({
  key, ctrlKey: false, metaKey: false, altKey: false, repeat: false, target, ...extra,
});

describe('shortcutFor', () => {
  it('maps Space, Return, M, S and L when nothing owns the keys', () => {
    expect(shortcutFor(press(' '))).toBe('playPause');
    expect(shortcutFor(press('Enter'))).toBe('toStart');
    expect(shortcutFor(press('m'))).toBe('muteSelected');
    expect(shortcutFor(press('S'))).toBe('soloSelected');
    expect(shortcutFor(press('l'))).toBe('toggleLoop');
    expect(shortcutFor(press('x'))).toBeNull();
  });

  it('leaves keys to text fields and sliders', () => {
    const owners = [el('INPUT', { type: 'text' }), el('INPUT', { type: 'range' }), el('TEXTAREA'), el('SELECT'), el('DIV', { role: 'slider' }), el('DIV', { editable: true })];
    for (const owner of owners) {
      expect(shortcutFor(press(' ', owner))).toBeNull();
      expect(shortcutFor(press('m', owner))).toBeNull();
      expect(shortcutFor(press('Enter', owner))).toBeNull();
    }
  });

  it('lets the timeline ruler pass Space, Return and L to the transport, but not M and S', () => {
    const ruler = el('DIV', { role: 'slider', transportKeys: true });
    expect(shortcutFor(press(' ', ruler))).toBe('playPause');
    expect(shortcutFor(press('Enter', ruler))).toBe('toStart');
    expect(shortcutFor(press('l', ruler))).toBe('toggleLoop');
    expect(shortcutFor(press('m', ruler))).toBeNull();
  });

  it('lets a keyboard-focused button take Space and Return, but not one clicked with the mouse', () => {
    expect(shortcutFor(press(' ', el('BUTTON', { focusVisible: true })))).toBeNull();
    expect(shortcutFor(press('Enter', el('BUTTON', { focusVisible: true })))).toBeNull();
    expect(shortcutFor(press(' ', el('BUTTON')))).toBe('playPause');
    expect(shortcutFor(press('m', el('INPUT', { type: 'checkbox' })))).toBe('muteSelected');
  });

  it('ignores modifiers and auto-repeat', () => {
    expect(shortcutFor(press(' ', body, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('s', body, { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('m', body, { altKey: true }))).toBeNull();
    expect(shortcutFor(press(' ', body, { repeat: true }))).toBeNull();
  });
});
