import { clampParam, dbToGain, SILENCE_DB, type Decibels, type GainFactor } from './units';

export interface GainStageOptions {
  /** Trim or fader level in dB; at or below -144 (or -Infinity) the stage is silent. @min -144 @max 24 @default 0 */
  gain: Decibels;
  /** Polarity (phase) invert. @default false */
  invert: boolean;
}

export const MAX_GAIN_DB: Decibels = 24;

/**
 * Trim, fader and polarity in one multiply. A change of gain or polarity is applied as a linear
 * ramp of the factor across the next block (no zipper noise; a polarity flip crossfades through
 * zero), after which the factor is constant, so a static stage multiplies by exactly
 * 10^(gain / 20).
 */
export class GainStage {
  static getDefaults(): GainStageOptions {
    return { gain: 0, invert: false };
  }

  private gainValue: Decibels;
  private invertValue: boolean;
  private current: GainFactor;
  private target: GainFactor;

  constructor(options: Partial<GainStageOptions> = {}) {
    const o = { ...GainStage.getDefaults(), ...options };
    this.gainValue = clampParam('gain', o.gain, -Infinity, MAX_GAIN_DB);
    this.invertValue = o.invert;
    this.target = this.computeTarget();
    this.current = this.target;
  }

  get gain(): Decibels {
    return this.gainValue;
  }
  set gain(value: Decibels) {
    this.gainValue = clampParam('gain', value, -Infinity, MAX_GAIN_DB);
    this.target = this.computeTarget();
  }
  get invert(): boolean {
    return this.invertValue;
  }
  set invert(value: boolean) {
    this.invertValue = value;
    this.target = this.computeTarget();
  }
  /** The factor the stage converges to (negative when inverted). */
  get factor(): GainFactor {
    return this.target;
  }

  /** Jumps to the target factor without a ramp (for a fresh start or a seek). */
  settle(): void {
    this.current = this.target;
  }

  /** Multiplies `inputs` into `outputs` (may be the same arrays). */
  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const channels = Math.min(inputs.length, outputs.length);
    const from = this.current;
    const to = this.target;
    if (from === to) {
      for (let ch = 0; ch < channels; ch++) {
        const input = inputs[ch];
        const output = outputs[ch];
        for (let i = 0; i < frames; i++) output[i] = input[i] * to;
      }
      return;
    }
    const step = (to - from) / frames;
    for (let ch = 0; ch < channels; ch++) {
      const input = inputs[ch];
      const output = outputs[ch];
      for (let i = 0; i < frames; i++) output[i] = input[i] * (from + step * (i + 1));
      if (frames > 0) output[frames - 1] = input[frames - 1] * to;
    }
    if (frames > 0) this.current = to;
  }

  private computeTarget(): GainFactor {
    const gain = this.gainValue <= SILENCE_DB ? 0 : dbToGain(this.gainValue);
    return this.invertValue ? -gain : gain;
  }
}
