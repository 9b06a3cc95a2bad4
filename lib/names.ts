/**
 * What a name typed by a user may hold, and how one is shown. Names are one line of text: control
 * characters (NUL included) are refused wherever a name enters (HTTP bodies, upload file names,
 * the document); bidirectional controls are allowed in (right-to-left scripts need marks) but
 * removed where a name is shown, so that "mix\u202Egnp.exe" cannot pose as another name.
 */

/** C0 and C1 controls, DEL, and the line and paragraph separators. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Embeddings, overrides, isolates and the directional marks. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** True when `text` holds a character no one-line name may hold. */
export function hasControlChars(text: string): boolean {
  return CONTROL_CHARS.test(text);
}

/** The message of a refused name, naming the field. */
export function controlCharsMessage(field: string): string {
  return `${field} must not contain control characters`;
}

/** `text` as it may be shown: without the characters that reorder what is around them. */
export function displayText(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
