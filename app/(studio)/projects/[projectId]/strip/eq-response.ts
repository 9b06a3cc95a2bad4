import type { EqBandName, EqData, Hertz } from '../../../../../lib/doc';
import { BIQUAD_COEFFICIENT_COUNT, type BiquadType, biquadCoefficients, biquadMagnitude, BUTTERWORTH_4_Q } from '../../../../../lib/dsp';

/** The bands in the order of the signal path (lib/audio/insert-chain.ts). */
export const EQ_BAND_NAMES = ['highpass', 'lowpass', 'lowShelf', 'peak1', 'peak2', 'highShelf'] as const satisfies readonly EqBandName[];

const SHAPES: Record<EqBandName, BiquadType> = {
  highpass: 'highpass',
  lowpass: 'lowpass',
  lowShelf: 'lowshelf',
  peak1: 'peaking',
  peak2: 'peaking',
  highShelf: 'highshelf',
};

export type EqBand = EqData[EqBandName];

export const isPassBand = (name: EqBandName): name is 'highpass' | 'lowpass' => name === 'highpass' || name === 'lowpass';

/**
 * Whether a band changes the sound, as the engine decides (insert-chain.ts): a pass filter while
 * it is on, a shelf or peak while it is on with a gain other than 0 dB.
 */
export function bandActive(name: EqBandName, band: EqBand): boolean {
  if (!band.on) return false;
  return isPassBand(name) || ('gainDb' in band && band.gainDb !== 0);
}

/** As lib/dsp/biquad.ts clamps it: a cutoff at or above Nyquist has no biquad. */
const clampFrequency = (f: Hertz, sampleRate: Hertz) => Math.min(0.49 * sampleRate, Math.max(10, f));

/**
 * The biquad sections of one band, as the engine builds them: a 12 dB/oct pass filter is one
 * Butterworth section (Q 1/sqrt 2, PassFilter's default), 24 dB/oct two cascaded sections with the
 * 4th-order Butterworth Qs; a shelf or peak is one RBJ section with the band's gain and Q.
 */
export function bandSections(name: EqBandName, band: EqBand, sampleRate: Hertz): Float64Array {
  const f = clampFrequency(band.freqHz, sampleRate);
  if ('slope' in band) {
    const qs = band.slope === 24 ? BUTTERWORTH_4_Q : [Math.SQRT1_2];
    const out = new Float64Array(qs.length * BIQUAD_COEFFICIENT_COUNT);
    qs.forEach((q, k) => biquadCoefficients(SHAPES[name], f, q, 0, sampleRate, out, k * BIQUAD_COEFFICIENT_COUNT));
    return out;
  }
  const out = new Float64Array(BIQUAD_COEFFICIENT_COUNT);
  biquadCoefficients(SHAPES[name], f, band.q, band.gainDb, sampleRate, out);
  return out;
}

/** |H| in dB of a set of cascaded sections at `frequency`. */
export function sectionsResponseDb(sections: Float64Array, frequency: Hertz, sampleRate: Hertz): number {
  let gain = 1;
  for (let offset = 0; offset < sections.length; offset += BIQUAD_COEFFICIENT_COUNT) gain *= biquadMagnitude(sections, frequency, sampleRate, offset);
  return 20 * Math.log10(Math.max(gain, 1e-12));
}

/** One band's response in dB at `frequency` (0 dB when the band is not active). */
export function bandResponseDb(name: EqBandName, band: EqBand, frequency: Hertz, sampleRate: Hertz): number {
  return bandActive(name, band) ? sectionsResponseDb(bandSections(name, band, sampleRate), frequency, sampleRate) : 0;
}

/**
 * The whole EQ's response in dB at each of `frequencies`, written into `out` (the sum of the
 * active bands' responses, as they are in series). Coefficients are computed once per call.
 */
export function eqResponseDb(eq: EqData, sampleRate: Hertz, frequencies: ArrayLike<Hertz>, out: Float32Array): Float32Array {
  out.fill(0, 0, frequencies.length);
  for (const name of EQ_BAND_NAMES) {
    const band = eq[name];
    if (!bandActive(name, band)) continue;
    const sections = bandSections(name, band, sampleRate);
    for (let i = 0; i < frequencies.length; i++) out[i] += sectionsResponseDb(sections, frequencies[i], sampleRate);
  }
  return out;
}

/** `count` frequencies spaced evenly on a log axis from `from` to `to`, both included. */
export function logFrequencies(count: number, from: Hertz = 20, to: Hertz = 20_000): Float64Array {
  const out = new Float64Array(count);
  const ratio = Math.log(to / from);
  for (let i = 0; i < count; i++) out[i] = from * Math.exp((ratio * i) / Math.max(1, count - 1));
  return out;
}
