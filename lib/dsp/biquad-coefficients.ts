import type { Decibels, GainFactor, Hertz } from './units';

/** The RBJ filter shapes (Audio EQ Cookbook). */
export const BiquadType = {
  lowpass: 'lowpass',
  highpass: 'highpass',
  lowshelf: 'lowshelf',
  highshelf: 'highshelf',
  peaking: 'peaking',
} as const;
export type BiquadType = (typeof BiquadType)[keyof typeof BiquadType];

/** Number of doubles per coefficient set: b0, b1, b2, a1, a2 (normalised so that a0 = 1). */
export const BIQUAD_COEFFICIENT_COUNT = 5;

/**
 * Writes the RBJ Audio EQ Cookbook coefficients of one section into `out[offset..offset+5)`
 * as [b0, b1, b2, a1, a2], divided by a0. `q` is the cookbook's Q for every shape (for shelves,
 * Q = 1/sqrt(2) is the cookbook's steepest monotonic slope S = 1). `gainDb` only affects
 * shelves and peaking. Callers clamp `frequency` to (0, sampleRate / 2).
 */
export function biquadCoefficients(
  type: BiquadType,
  frequency: Hertz,
  q: number,
  gainDb: Decibels,
  sampleRate: Hertz,
  out: Float64Array,
  offset = 0,
): void {
  const w0 = (2 * Math.PI * frequency) / sampleRate;
  const cosW0 = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a = Math.pow(10, gainDb / 40);
  let b0: number, b1: number, b2: number, a0: number, a1: number, a2: number;
  switch (type) {
    case 'lowpass':
      b1 = 1 - cosW0;
      b0 = b1 / 2;
      b2 = b0;
      a0 = 1 + alpha;
      a1 = -2 * cosW0;
      a2 = 1 - alpha;
      break;
    case 'highpass':
      b1 = -(1 + cosW0);
      b0 = -b1 / 2;
      b2 = b0;
      a0 = 1 + alpha;
      a1 = -2 * cosW0;
      a2 = 1 - alpha;
      break;
    case 'peaking':
      b0 = 1 + alpha * a;
      b1 = -2 * cosW0;
      b2 = 1 - alpha * a;
      a0 = 1 + alpha / a;
      a1 = -2 * cosW0;
      a2 = 1 - alpha / a;
      break;
    case 'lowshelf': {
      const k = 2 * Math.sqrt(a) * alpha;
      b0 = a * (a + 1 - (a - 1) * cosW0 + k);
      b1 = 2 * a * (a - 1 - (a + 1) * cosW0);
      b2 = a * (a + 1 - (a - 1) * cosW0 - k);
      a0 = a + 1 + (a - 1) * cosW0 + k;
      a1 = -2 * (a - 1 + (a + 1) * cosW0);
      a2 = a + 1 + (a - 1) * cosW0 - k;
      break;
    }
    case 'highshelf': {
      const k = 2 * Math.sqrt(a) * alpha;
      b0 = a * (a + 1 + (a - 1) * cosW0 + k);
      b1 = -2 * a * (a - 1 + (a + 1) * cosW0);
      b2 = a * (a + 1 + (a - 1) * cosW0 - k);
      a0 = a + 1 - (a - 1) * cosW0 + k;
      a1 = 2 * (a - 1 - (a + 1) * cosW0);
      a2 = a + 1 - (a - 1) * cosW0 - k;
      break;
    }
  }
  out[offset] = b0 / a0;
  out[offset + 1] = b1 / a0;
  out[offset + 2] = b2 / a0;
  out[offset + 3] = a1 / a0;
  out[offset + 4] = a2 / a0;
}

/**
 * |H(e^jw)| of the section stored at `coefficients[offset..offset+5)`, at `frequency`. Written in
 * phi = sin^2(w / 2) (the cookbook's form) rather than cos(w): near DC the cosine form cancels
 * catastrophically and a high-pass stopband would be off by 1e-5 dB.
 */
export function biquadMagnitude(
  coefficients: Float64Array,
  frequency: Hertz,
  sampleRate: Hertz,
  offset = 0,
): GainFactor {
  const b0 = coefficients[offset];
  const b1 = coefficients[offset + 1];
  const b2 = coefficients[offset + 2];
  const a1 = coefficients[offset + 3];
  const a2 = coefficients[offset + 4];
  const s = Math.sin((Math.PI * frequency) / sampleRate);
  const phi = s * s;
  const bSum = b0 + b1 + b2;
  const aSum = 1 + a1 + a2;
  const numerator = bSum * bSum - 4 * (b0 * b1 + 4 * b0 * b2 + b1 * b2) * phi + 16 * b0 * b2 * phi * phi;
  const denominator = aSum * aSum - 4 * (a1 + 4 * a2 + a1 * a2) * phi + 16 * a2 * phi * phi;
  return Math.sqrt(Math.max(0, numerator) / denominator);
}
