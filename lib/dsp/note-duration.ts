import { assertRange, type Bpm, type Seconds } from './units';

/** Straight note values as a fraction of a whole note. */
export const NOTE_VALUES = ['1/1', '1/2', '1/4', '1/8', '1/16', '1/32'] as const;
export type NoteValue = (typeof NOTE_VALUES)[number];
/** A note value, optionally dotted (x 3/2) or triplet (x 2/3): '1/4', '1/8d', '1/16t'. */
export type NoteDivision = NoteValue | `${NoteValue}d` | `${NoteValue}t`;

const DIVISION_PATTERN = /^1\/(1|2|4|8|16|32)([dt]?)$/;

export function isNoteDivision(value: string): value is NoteDivision {
  return DIVISION_PATTERN.test(value);
}

/** The duration of a note division at a tempo, where a beat is a quarter note. @min bpm 20 @max bpm 999 */
export function noteDuration(bpm: Bpm, division: NoteDivision): Seconds {
  assertRange('bpm', bpm, 20, 999);
  const match = DIVISION_PATTERN.exec(division);
  if (match === null) throw new RangeError(`not a note division: ${String(division)}`);
  const whole = (4 * 60) / bpm;
  const modifier = match[2] === 'd' ? 1.5 : match[2] === 't' ? 2 / 3 : 1;
  return (whole / Number(match[1])) * modifier;
}
