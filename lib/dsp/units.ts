/** Level relative to full scale (dBFS) or a gain change, in decibels. */
export type Decibels = number;
/** Frequency in hertz. */
export type Hertz = number;
/** Time in seconds. */
export type Seconds = number;
/** Time in milliseconds. */
export type Milliseconds = number;
/** Linear amplitude factor: 1 is unity, 0 is silence, negative inverts. */
export type GainFactor = number;
/** Loudness in LUFS (loudness units relative to full scale, ITU-R BS.1770). */
export type Lufs = number;
/** A loudness difference in LU (1 LU = 1 dB). */
export type LoudnessUnits = number;
/** Beats per minute. */
export type Bpm = number;
/** Pan position: -1 is hard left, 0 is centre, 1 is hard right. */
export type Pan = number;
/** A unitless value in [0, 1]. */
export type NormalRange = number;

/**
 * The level that stands for silence: faders and trims at or below it give a gain of exactly 0.
 * -144 dB is below the noise floor of 24-bit audio, so nothing audible is lost.
 */
export const SILENCE_DB: Decibels = -144;

/** dB to linear gain; at or below {@link SILENCE_DB} (and for NaN) the gain is exactly 0. */
export function dbToGain(db: Decibels): GainFactor {
  return db > SILENCE_DB ? Math.pow(10, db / 20) : 0;
}

/** Linear gain (or amplitude) to dB, floored at {@link SILENCE_DB}; the sign is ignored. */
export function gainToDb(gain: GainFactor): Decibels {
  const magnitude = Math.abs(gain);
  const db = magnitude > 0 ? 20 * Math.log10(magnitude) : SILENCE_DB;
  return db > SILENCE_DB ? db : SILENCE_DB;
}

/**
 * Validates an audio parameter at a setter: NaN throws (it would poison filter state for good),
 * anything else, infinities included, is clamped to the documented range.
 */
export function clampParam(name: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new RangeError(`${name} must be a number, got ${String(value)}`);
  }
  return value < min ? min : value > max ? max : value;
}

/** Throws a RangeError at an API edge when a required option is not a finite number in range. */
export function assertRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a number in [${min}, ${max}], got ${value}`);
  }
}

/**
 * Filter and feedback state below this magnitude (-600 dB) is set to 0 once per block: decaying
 * state would otherwise reach subnormal doubles, which are ~100x slower on x86. Because the flush
 * happens at block ends, the block size can change output at that level and nowhere above it.
 */
export const DENORMAL_FLOOR = 1e-30;
