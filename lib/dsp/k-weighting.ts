import type { Hertz } from './units';

/**
 * BS.1770-4 K-weighting at 48 kHz, as printed in the standard (Tables 1 and 2):
 * stage 1 (the "pre-filter", a high shelf of about +4 dB) and stage 2 (the RLB high-pass),
 * each [b0, b1, b2, a1, a2] with a0 = 1.
 */
export const K_WEIGHTING_48K: readonly number[] = [
  1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585,
  1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621,
];

/** Analog prototype of the two stages, fitted to the 48 kHz tables (as in libebur128 and pyloudnorm). */
const SHELF_FREQUENCY: Hertz = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
const SHELF_VB_EXPONENT = 0.4996667741545416;
const HIGHPASS_FREQUENCY: Hertz = 38.13547087602444;
const HIGHPASS_Q = 0.5003270373238773;

/**
 * Writes the 10 K-weighting coefficients for `sampleRate` into `out` (stage 1 then stage 2,
 * [b0, b1, b2, a1, a2] each). At 48 kHz they are the standard's table; at other rates they come
 * from the bilinear transform of the analog prototype that reproduces that table.
 */
export function kWeightingCoefficients(sampleRate: Hertz, out: Float64Array): void {
  if (sampleRate === 48000) {
    for (let i = 0; i < 10; i++) out[i] = K_WEIGHTING_48K[i];
    return;
  }
  kWeightingFromPrototype(sampleRate, out);
}

/** The general formula, exported so that a test can hold it against the 48 kHz table. */
export function kWeightingFromPrototype(sampleRate: Hertz, out: Float64Array): void {
  let k = Math.tan((Math.PI * SHELF_FREQUENCY) / sampleRate);
  const vh = Math.pow(10, SHELF_GAIN_DB / 20);
  const vb = Math.pow(vh, SHELF_VB_EXPONENT);
  let a0 = 1 + k / SHELF_Q + k * k;
  out[0] = (vh + (vb * k) / SHELF_Q + k * k) / a0;
  out[1] = (2 * (k * k - vh)) / a0;
  out[2] = (vh - (vb * k) / SHELF_Q + k * k) / a0;
  out[3] = (2 * (k * k - 1)) / a0;
  out[4] = (1 - k / SHELF_Q + k * k) / a0;
  k = Math.tan((Math.PI * HIGHPASS_FREQUENCY) / sampleRate);
  a0 = 1 + k / HIGHPASS_Q + k * k;
  out[5] = 1;
  out[6] = -2;
  out[7] = 1;
  out[8] = (2 * (k * k - 1)) / a0;
  out[9] = (1 - k / HIGHPASS_Q + k * k) / a0;
}
