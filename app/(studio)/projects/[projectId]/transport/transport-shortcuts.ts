/** The global shortcuts of the mixer page. */
export type ShortcutAction = 'playPause' | 'toStart' | 'muteSelected' | 'soloSelected' | 'toggleLoop';

/** What `shortcutFor` needs of a keyboard event (a KeyboardEvent has all of it). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  target: EventTarget | null;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'password', 'number', 'tel', 'url', 'date', 'time']);
const SLIDER_ROLES = new Set(['slider', 'spinbutton', 'textbox', 'combobox', 'listbox', 'menu', 'menuitem', 'option']);

/** True when the focused element takes typing or slider keys itself. */
export function ownsKeys(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has((el as HTMLInputElement).type) || (el as HTMLInputElement).type === 'range';
  const role = el.getAttribute('role');
  return role !== null && SLIDER_ROLES.has(role);
}

/** Keys a slider marked `data-transport-keys` (the timeline ruler) leaves to the transport. */
const TRANSPORT_KEYS = new Set([' ', 'Enter', 'l', 'L']);

/**
 * The action of a key press on the mixer page, or null: Space plays or pauses, Return goes to the
 * start, M and S mute and solo the selected strip, L turns looping on or off. None applies while a
 * text field or a slider has focus (it owns those keys) or with Ctrl, Cmd or Alt held, except that
 * the timeline ruler (a slider of the playhead) leaves Space, Return and L to the transport. Space on a
 * button focused from the keyboard presses that button instead.
 */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (ownsKeys(event.target) && !(TRANSPORT_KEYS.has(event.key) && (event.target as Element).closest('[data-transport-keys]'))) return null;
  const target = event.target as HTMLElement | null;
  const keyboardFocusedButton = target?.tagName === 'BUTTON' && typeof target.matches === 'function' && target.matches(':focus-visible');
  switch (event.key) {
    case ' ':
      return keyboardFocusedButton || event.repeat ? null : 'playPause';
    case 'Enter':
      return keyboardFocusedButton || target?.tagName === 'A' ? null : 'toStart';
    case 'm':
    case 'M':
      return event.repeat ? null : 'muteSelected';
    case 's':
    case 'S':
      return event.repeat ? null : 'soloSelected';
    case 'l':
    case 'L':
      return event.repeat ? null : 'toggleLoop';
    default:
      return null;
  }
}
