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
 * The phase of the modulation effects' LFO, counted in samples: the phase of sample n is
 * `origin + (n - start) * step`, computed the same way whatever the block size (an accumulated
 * phase would round differently for other block splits, and the output would differ by a bit).
 * A rate change starts a new count from the phase reached.
 */
export class Lfo {
  private origin = 0;
  private counted = 0;
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
    const hz = lfoHz(rate);
    if (hz === this.hz) return;
    const phase = this.origin + this.counted * this.step;
    this.origin = phase - Math.floor(phase);
    this.counted = 0;
    this.hz = hz;
  }

  /** Phase increment per sample. */
  get step(): number {
    return this.hz / this.sampleRate;
  }

  /**
   * Moves on by `frames`; returns where they start: sample i of the block has the phase
   * `origin + (offset + i) * step`.
   */
  advance(frames: number): { origin: number; offset: number } {
    const at = { origin: this.origin, offset: this.counted };
    this.counted += frames;
    return at;
  }

  reset(): void {
    this.origin = 0;
    this.counted = 0;
  }
}
