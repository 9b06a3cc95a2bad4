import { BIQUAD_COEFFICIENT_COUNT, biquadCoefficients, biquadMagnitude, type BiquadType } from './biquad-coefficients';
import { BUTTERWORTH_4_Q } from './pass-filter';
import { DENORMAL_FLOOR, dbToGain, type Decibels, type GainFactor, type Hertz } from './units';

/** The playback systems a master can be checked on (monitoring only: never rendered). */
export const TRANSLATION_DEVICES = { phone: 'phone', earbuds: 'earbuds', laptop: 'laptop', car: 'car' } as const;
export type TranslationDevice = (typeof TRANSLATION_DEVICES)[keyof typeof TRANSLATION_DEVICES];

/** One section of a device curve: an RBJ biquad (Audio EQ Cookbook). */
export interface TranslationSection {
  type: BiquadType;
  frequency: Hertz;
  q: number;
  gainDb: Decibels;
}

export interface TranslationCurve {
  device: TranslationDevice;
  label: string;
  /** Fold to mono before filtering (one small speaker). */
  mono: boolean;
  /** The filter sections, in order. */
  sections: readonly TranslationSection[];
  /** Level after the filters, in dB: how much quieter the device plays at the same volume setting. */
  levelDb: Decibels;
  /** What the curve stands for, in words (shown in the UI). */
  description: string;
}

const hp4 = (frequency: Hertz): TranslationSection[] => BUTTERWORTH_4_Q.map((q) => ({ type: 'highpass', frequency, q, gainDb: 0 }));
const hp2 = (frequency: Hertz): TranslationSection => ({ type: 'highpass', frequency, q: Math.SQRT1_2, gainDb: 0 });
const lp2 = (frequency: Hertz): TranslationSection => ({ type: 'lowpass', frequency, q: Math.SQRT1_2, gainDb: 0 });
const peak = (frequency: Hertz, gainDb: Decibels, q: number): TranslationSection => ({ type: 'peaking', frequency, q, gainDb });
const shelf = (type: 'lowshelf' | 'highshelf', frequency: Hertz, gainDb: Decibels): TranslationSection => ({ type, frequency, q: Math.SQRT1_2, gainDb });

/**
 * Device curves for translation checks. They are deliberately simple, typical responses (not one
 * model's measurement): what matters is hearing whether the master survives a speaker without bass,
 * a mid-forward earbud, a boomy cabin.
 *
 * - **phone**: one small speaker in mono. 24 dB/oct high-pass at 400 Hz (nothing below the speaker's
 *   resonance), +6 dB presence at 2.5 kHz (Q 1), 12 dB/oct low-pass at 8 kHz; -6 dB level.
 * - **earbuds**: stereo; the seal lost, so 12 dB/oct high-pass at 60 Hz; +4 dB at 3 kHz (Q 1.4, the
 *   open ear-canal resonance); a -3 dB high shelf at 9 kHz; 0 dB level.
 * - **laptop**: stereo speakers 30 cm apart: 24 dB/oct high-pass at 200 Hz, a -4 dB dip at 700 Hz
 *   (Q 1.2, the chassis), +4 dB at 4 kHz (Q 1.2), 12 dB/oct low-pass at 12 kHz; -4 dB level.
 * - **car**: stereo in a cabin: 12 dB/oct high-pass at 35 Hz, +6 dB low shelf at 90 Hz (cabin
 *   gain), a -4 dB dip at 250 Hz (Q 1.4, a seat-position null), a -4 dB high shelf at 7 kHz (road
 *   noise masking, absorbent seats); -2 dB level.
 */
export const TRANSLATION_CURVES: Readonly<Record<TranslationDevice, TranslationCurve>> = {
  phone: {
    device: 'phone',
    label: 'Phone speaker',
    mono: true,
    sections: [...hp4(400), peak(2500, 6, 1), lp2(8000)],
    levelDb: -6,
    description: 'mono, nothing below 400 Hz, forward at 2.5 kHz, dull above 8 kHz',
  },
  earbuds: {
    device: 'earbuds',
    label: 'Earbuds',
    mono: false,
    sections: [hp2(60), peak(3000, 4, 1.4), shelf('highshelf', 9000, -3)],
    levelDb: 0,
    description: 'little below 60 Hz, forward at 3 kHz, softer top',
  },
  laptop: {
    device: 'laptop',
    label: 'Laptop',
    mono: false,
    sections: [...hp4(200), peak(700, -4, 1.2), peak(4000, 4, 1.2), lp2(12000)],
    levelDb: -4,
    description: 'nothing below 200 Hz, boxy dip at 700 Hz, bright at 4 kHz',
  },
  car: {
    device: 'car',
    label: 'Car',
    mono: false,
    sections: [hp2(35), shelf('lowshelf', 90, 6), peak(250, -4, 1.4), shelf('highshelf', 7000, -4)],
    levelDb: -2,
    description: 'cabin gain under 100 Hz, a dip at 250 Hz, a dull top',
  },
};

function sectionCoefficients(curve: TranslationCurve, sampleRate: Hertz): Float64Array {
  const out = new Float64Array(curve.sections.length * BIQUAD_COEFFICIENT_COUNT);
  const top = 0.49 * sampleRate;
  curve.sections.forEach((s, k) => biquadCoefficients(s.type, Math.min(top, s.frequency), s.q, s.gainDb, sampleRate, out, k * BIQUAD_COEFFICIENT_COUNT));
  return out;
}

/**
 * The magnitude of a device curve at `frequency` (filters and level; a mono fold of a centred
 * signal changes nothing), as `TranslationFilter` applies it.
 */
export function translationMagnitude(device: TranslationDevice, frequency: Hertz, sampleRate: Hertz): GainFactor {
  const curve = TRANSLATION_CURVES[device];
  const c = sectionCoefficients(curve, sampleRate);
  let m = dbToGain(curve.levelDb);
  for (let k = 0; k < curve.sections.length; k++) m *= biquadMagnitude(c.subarray(k * BIQUAD_COEFFICIENT_COUNT), frequency, sampleRate);
  return m;
}

/**
 * A device curve as a stereo processor: optional mono fold ((L + R) / 2 on both), the biquad
 * cascade (transposed direct form II, double state), the level. Used only for monitoring.
 */
export class TranslationFilter {
  readonly curve: TranslationCurve;
  private readonly coefficients: Float64Array;
  private readonly state: Float64Array;
  private readonly level: number;

  constructor(device: TranslationDevice, sampleRate: Hertz) {
    this.curve = TRANSLATION_CURVES[device];
    this.coefficients = sectionCoefficients(this.curve, sampleRate);
    this.state = new Float64Array(this.curve.sections.length * 4);
    this.level = dbToGain(this.curve.levelDb);
  }

  reset(): void {
    this.state.fill(0);
  }

  /** Filters `frames` samples of the two channels from `inputs` into `outputs` (may be the same). */
  process(inputs: readonly [Float32Array, Float32Array], outputs: readonly [Float32Array, Float32Array], frames: number): void {
    const c = this.coefficients;
    const st = this.state;
    const sections = this.curve.sections.length;
    const mono = this.curve.mono;
    for (let i = 0; i < frames; i++) {
      let l = inputs[0][i];
      let r = inputs[1][i];
      if (mono) l = r = (l + r) * 0.5;
      for (let k = 0; k < sections; k++) {
        const o = k * BIQUAD_COEFFICIENT_COUNT;
        const b0 = c[o], b1 = c[o + 1], b2 = c[o + 2], a1 = c[o + 3], a2 = c[o + 4];
        const s = k * 4;
        const yl = b0 * l + st[s];
        st[s] = b1 * l - a1 * yl + st[s + 1];
        st[s + 1] = b2 * l - a2 * yl;
        l = yl;
        const yr = b0 * r + st[s + 2];
        st[s + 2] = b1 * r - a1 * yr + st[s + 3];
        st[s + 3] = b2 * r - a2 * yr;
        r = yr;
      }
      outputs[0][i] = l * this.level;
      outputs[1][i] = r * this.level;
    }
    for (let k = 0; k < st.length; k++) if (Math.abs(st[k]) < DENORMAL_FLOOR) st[k] = 0;
  }
}
