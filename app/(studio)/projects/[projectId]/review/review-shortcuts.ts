import { type KeyLike, ownsKeys } from '../transport/transport-shortcuts';

/** The keys of the revision page. */
export type ReviewShortcut = 'playPause' | 'back' | 'forward' | 'comment' | 'nextComment' | 'previousComment' | 'leaveFollow';

/** How far ← and → move the playhead. */
export const SEEK_STEP_SEC = 5;

/**
 * The action of a key press on the revision page, or null: Space plays or pauses, ← and → seek
 * 5 s, C comments at the playhead, J and K go to the next and previous comment, Escape and F leave
 * follow mode. None applies while a text field has focus or with Ctrl, Cmd or Alt held. The seek
 * slider over the waveform (`data-review-keys`) leaves all of them to the page; Space on a button
 * focused from the keyboard presses the button.
 */
export function reviewShortcutFor(event: KeyLike): ReviewShortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as HTMLElement | null;
  if (ownsKeys(target) && !target?.closest('[data-review-keys]')) return event.key === 'Escape' ? 'leaveFollow' : null;
  const keyboardFocusedButton = target?.tagName === 'BUTTON' && typeof target.matches === 'function' && target.matches(':focus-visible');
  switch (event.key) {
    case ' ':
      return keyboardFocusedButton || event.repeat ? null : 'playPause';
    case 'ArrowLeft':
      return 'back';
    case 'ArrowRight':
      return 'forward';
    case 'c':
    case 'C':
      return event.repeat ? null : 'comment';
    case 'j':
    case 'J':
      return 'nextComment';
    case 'k':
    case 'K':
      return 'previousComment';
    case 'Escape':
    case 'f':
    case 'F':
      return event.repeat ? null : 'leaveFollow';
    default:
      return null;
  }
}
