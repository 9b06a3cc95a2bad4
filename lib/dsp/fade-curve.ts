import type { GainFactor, NormalRange } from './units';

/** Fade shapes; the document's `FADE_CURVES` (lib/doc) names the same set. */
export const FadeShape = {
  linear: 'linear',
  equal_power: 'equal_power',
  exponential: 'exponential',
  logarithmic: 'logarithmic',
  s_curve: 's_curve',
} as const;
export type FadeShape = (typeof FadeShape)[keyof typeof FadeShape];

/** The range of the exponential and logarithmic shapes: they start 60 dB down. */
const FADE_RANGE = 1000;

/**
 * Gain of a fade at position `p` (0 = the silent end, 1 = full level; clamped). Every shape gives
 * exactly 0 at 0 and exactly 1 at 1. Exponential is linear in dB from -60 dB (then 0 at p = 0),
 * so it sounds even; logarithmic rises fast and settles (its mirror image); equal power keeps the
 * power of a crossfade constant; the S-curve is a raised cosine.
 */
export function fadeGain(shape: FadeShape, p: NormalRange): GainFactor {
  if (!(p > 0)) return 0;
  if (p >= 1) return 1;
  switch (shape) {
    case 'linear':
      return p;
    case 'equal_power':
      return Math.sin((p * Math.PI) / 2);
    case 'exponential':
      return Math.pow(FADE_RANGE, p - 1);
    case 'logarithmic':
      return (1 - Math.pow(FADE_RANGE, -p)) / (1 - 1 / FADE_RANGE);
    case 's_curve':
      return (1 - Math.cos(p * Math.PI)) / 2;
  }
}
