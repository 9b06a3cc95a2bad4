import { Lfo, type LfoRate, type LfoWaveform } from './lfo';
import { assertRange, clampParam, type Hertz, type NormalRange } from './units';

/** The settings every LFO-driven effect has (chorus, flanger, phaser, tremolo; auto-pan uses depth and the LFO). */
export interface ModulationOptions {
  /** Share of the effect's sweep used. @min 0 @max 1 */
  depth: NormalRange;
  rate: LfoRate;
  waveform: LfoWaveform;
  /** Share of the output fed back (negative inverts it). @min -maxFeedback @max maxFeedback @default 0 */
  feedback: number;
  /** Wet share: out = (1 - mix) * dry + mix * wet. @min 0 @max 1 */
  mix: NormalRange;
  /** LFO phase offset between channels, in cycles (0.25 = 90°: a wide stereo image). @min 0 @max 0.5 */
  stereoPhase: number;
  /** @min 1 @max 8 */
  channels: number;
  /** @min 8000 @max 384000 */
  sampleRate: Hertz;
}

export type ModulationSettings = Omit<ModulationOptions, 'channels' | 'sampleRate' | 'rate'>;

/**
 * The shared part of the modulation effects: the checked channel count and rate, the common
 * settings clamped to their ranges, and the LFO on the timeline (`seek`). Subclasses add their own
 * settings and the inner loop, which computes the LFO phase of every sample from its timeline frame,
 * `(start + i) * step + phaseOffset(ch)`, so the output does not depend on the block size.
 */
export abstract class ModulationEffect {
  readonly sampleRate: Hertz;
  readonly channels: number;
  protected readonly lfo: Lfo;
  protected readonly common: ModulationSettings;
  private readonly maxFeedback: number;

  /** `maxFeedback`: the effect's feedback bound (0: it has none). */
  protected constructor(options: Pick<ModulationOptions, 'rate' | 'waveform' | 'channels' | 'sampleRate'>, maxFeedback: number) {
    assertRange('sampleRate', options.sampleRate, 8000, 384000);
    assertRange('channels', options.channels, 1, 8);
    this.sampleRate = options.sampleRate;
    this.channels = Math.floor(options.channels);
    this.maxFeedback = maxFeedback;
    this.lfo = new Lfo(options.rate, options.sampleRate);
    this.common = { depth: 0, waveform: options.waveform, feedback: 0, mix: 0, stereoPhase: 0 };
  }

  /** Changes any common setting (clamped to its range); takes effect at the next block. */
  set(options: Partial<Omit<ModulationOptions, 'channels' | 'sampleRate'>>): void {
    const o = this.common;
    if (options.depth !== undefined) o.depth = clampParam('depth', options.depth, 0, 1);
    if (options.feedback !== undefined) o.feedback = clampParam('feedback', options.feedback, -this.maxFeedback, this.maxFeedback);
    if (options.mix !== undefined) o.mix = clampParam('mix', options.mix, 0, 1);
    if (options.stereoPhase !== undefined) o.stereoPhase = clampParam('stereoPhase', options.stereoPhase, 0, 0.5);
    if (options.waveform !== undefined) o.waveform = options.waveform;
    if (options.rate !== undefined) this.lfo.rate = options.rate;
  }

  get rateHz(): Hertz {
    return this.lfo.rateHz;
  }

  /** Where the next block starts on the timeline: the LFO's phase follows the position (lfo.ts). */
  seek(frame: number): void {
    this.lfo.seek(frame);
  }

  /** How far channel `ch`'s LFO runs ahead, in cycles: odd channels by `stereoPhase`. */
  protected phaseOffset(ch: number): number {
    return (ch % 2) * this.common.stereoPhase;
  }

  abstract process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void;
  abstract reset(): void;
}
