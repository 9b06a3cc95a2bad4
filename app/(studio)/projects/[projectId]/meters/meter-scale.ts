/** Level meters show -60..+6 dBFS, linear in dB, with a mark at 0 dBFS. */
export const METER_MIN_DB = -60;
export const METER_MAX_DB = 6;
export const METER_MARKS_DB: readonly number[] = [6, 0, -6, -12, -18, -24, -36, -48, -60];
/** Gain-reduction meters show 0..-24 dB, growing down from the top (or left from the right). */
export const GR_RANGE_DB = 24;

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
/** One decimal, without -0. */
const round1 = (v: number) => Math.round(v * 10) / 10 || 0;

/** Height of the lit bar, 0..1; silence (-Infinity) and anything below -60 dBFS is 0. */
export function meterFraction(db: number): number {
  if (!(db > METER_MIN_DB)) return 0;
  return clamp((db - METER_MIN_DB) / (METER_MAX_DB - METER_MIN_DB), 0, 1);
}

/** `aria-valuenow`: the level rounded to 0.1 dB and clamped to the meter's range (-60 when silent). */
export function meterAriaValue(db: number): number {
  return Number.isFinite(db) ? clamp(round1(db), METER_MIN_DB, METER_MAX_DB) : METER_MIN_DB;
}

/** `data-level-db`: the level rounded to 0.1 dB, unclamped, or '-inf' when silent. */
export function meterDataValue(db: number): string {
  return Number.isFinite(db) ? String(round1(db)) : '-inf';
}

/** Length of a gain-reduction bar, 0..1, for `grDb` (0 or negative). */
export function grFraction(grDb: number): number {
  return Number.isFinite(grDb) ? clamp(-grDb / GR_RANGE_DB, 0, 1) : 0;
}

/** `aria-valuenow` of a gain-reduction meter: rounded to 0.1 dB, within -24..0. */
export function grAriaValue(grDb: number): number {
  return Number.isFinite(grDb) ? clamp(round1(grDb), -GR_RANGE_DB, 0) : 0;
}
