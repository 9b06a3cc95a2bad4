import { noteDuration, type NoteDivision } from './note-duration';
import { clampParam, type Bpm, type Hertz } from './units';

export const LFO_WAVEFORMS = { sine: 'sine', triangle: 'triangle' } as const;
export type LfoWaveform = (typeof LFO_WAVEFORMS)[keyof typeof LFO_WAVEFORMS];

/** A rate free in Hz, or one note division at a tempo (one cycle per note). */
export type LfoRate = { hz: Hertz } | { bpm: Bpm; division: NoteDivision };

/** The LFO frequency of a rate. @min hz 0.01 @max hz 20 */
export function lfoHz(rate: LfoRate): Hertz {
  return 'hz' in rate ? clampParam('rate', rate.hz, 0.01, 20) : clampParam('rate', 1 / noteDuration(rate.bpm, rate.division), 0.01, 20);
}

/** The LFO's value at `phase` (cycles, any real): -1..1, starting at 0 and rising. */
export function lfoValue(waveform: LfoWaveform, phase: number): number {
  const p = phase - Math.floor(phase);
  if (waveform === 'sine') return Math.sin(2 * Math.PI * p);
  return p < 0.25 ? 4 * p : p < 0.75 ? 2 - 4 * p : 4 * p - 4;
}

/**
 * The modulation effects' LFO on the timeline: the sample at timeline frame n has the phase
 * `n * hz / sampleRate` (cycles), so the phase is a function of the position alone. A tempo-synced
 * rate is then the bar and beat phase (0 on every start of its note value, counted from the song's
 * start), and seeking, looping or rendering a range modulates exactly as playing through does. The
 * phase is computed from the frame number, never accumulated, so no block split changes a bit. A
 * rate change moves the phase to where the new rate has it at that position.
 */
export class Lfo {
  /** The timeline frame of the next sample. */
  private frame = 0;
  private hz: Hertz;

  constructor(
    rate: LfoRate,
    readonly sampleRate: Hertz,
  ) {
    this.hz = lfoHz(rate);
  }

  get rateHz(): Hertz {
    return this.hz;
  }
  set rate(rate: LfoRate) {
    this.hz = lfoHz(rate);
  }

  /** Phase increment per sample. */
  get step(): number {
    return this.hz / this.sampleRate;
  }

  /** Where the next block starts on the timeline (a seek, or each block from the engine). @min 0 */
  seek(frame: number): void {
    this.frame = frame;
  }

  /** Moves on by `frames`; returns the timeline frame they start at: sample i has the phase `(start + i) * step`. */
  advance(frames: number): number {
    const start = this.frame;
    this.frame += frames;
    return start;
  }
}
