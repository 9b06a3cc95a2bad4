import { BIQUAD_COEFFICIENT_COUNT, biquadCoefficients, biquadMagnitude, type BiquadType } from './biquad-coefficients';
import { assertRange, clampParam, DENORMAL_FLOOR, type Decibels, type GainFactor, type Hertz } from './units';

export interface BiquadOptions {
  /** Filter shape. @default 'peaking' */
  type: BiquadType;
  /** Cutoff, centre or shelf midpoint frequency in Hz. @min 10 @max 22000 (and below 0.49 x sampleRate) @default 1000 */
  frequency: Hertz;
  /** Quality factor (bandwidth for peaking, resonance for pass filters, shelf slope for shelves). @min 0.1 @max 24 @default 0.7071 */
  q: number;
  /** Boost or cut in dB; shelves and peaking only. @min -30 @max 30 @default 0 */
  gain: Decibels;
  /** Number of channels with their own state. @min 1 @max 32 @default 2 */
  channels: number;
  /** Sample rate in Hz. @min 8000 @max 384000 @default 48000 */
  sampleRate: Hertz;
}

export const MIN_FILTER_FREQUENCY: Hertz = 10;
export const MAX_FILTER_FREQUENCY: Hertz = 22000;

/**
 * One RBJ biquad section per channel, transposed direct form II in float64.
 * A parameter change ramps the coefficients linearly over the next block: every coefficient
 * set on the segment between two stable sections is stable (the stability triangle of
 * (a1, a2) is convex), and the ramp removes the click of a sudden switch.
 */
export class Biquad {
  static getDefaults(): BiquadOptions {
    return { type: 'peaking', frequency: 1000, q: Math.SQRT1_2, gain: 0, channels: 2, sampleRate: 48000 };
  }

  readonly sampleRate: Hertz;
  readonly channels: number;
  /** [s1, s2] per channel. */
  private readonly state: Float64Array;
  private readonly current = new Float64Array(BIQUAD_COEFFICIENT_COUNT);
  private readonly target = new Float64Array(BIQUAD_COEFFICIENT_COUNT);
  private readonly step = new Float64Array(BIQUAD_COEFFICIENT_COUNT);
  private ramping = false;
  private typeValue: BiquadType;
  private frequencyValue: Hertz;
  private qValue: number;
  private gainValue: Decibels;

  constructor(options: Partial<BiquadOptions> = {}) {
    const o = { ...Biquad.getDefaults(), ...options };
    assertRange('sampleRate', o.sampleRate, 8000, 384000);
    assertRange('channels', o.channels, 1, 32);
    this.sampleRate = o.sampleRate;
    this.channels = Math.floor(o.channels);
    this.state = new Float64Array(this.channels * 2);
    this.typeValue = o.type;
    this.frequencyValue = this.clampFrequency(o.frequency);
    this.qValue = clampParam('q', o.q, 0.1, 24);
    this.gainValue = clampParam('gain', o.gain, -30, 30);
    this.updateTarget();
    this.current.set(this.target);
    this.ramping = false;
  }

  get type(): BiquadType {
    return this.typeValue;
  }
  set type(value: BiquadType) {
    this.typeValue = value;
    this.updateTarget();
  }
  get frequency(): Hertz {
    return this.frequencyValue;
  }
  set frequency(value: Hertz) {
    this.frequencyValue = this.clampFrequency(value);
    this.updateTarget();
  }
  get q(): number {
    return this.qValue;
  }
  set q(value: number) {
    this.qValue = clampParam('q', value, 0.1, 24);
    this.updateTarget();
  }
  get gain(): Decibels {
    return this.gainValue;
  }
  set gain(value: Decibels) {
    this.gainValue = clampParam('gain', value, -30, 30);
    this.updateTarget();
  }

  /** Sets every parameter at once and jumps to the new coefficients without a ramp (for a fresh start or a seek). */
  setImmediately(options: Partial<Pick<BiquadOptions, 'type' | 'frequency' | 'q' | 'gain'>>): void {
    if (options.type !== undefined) this.typeValue = options.type;
    if (options.frequency !== undefined) this.frequencyValue = this.clampFrequency(options.frequency);
    if (options.q !== undefined) this.qValue = clampParam('q', options.q, 0.1, 24);
    if (options.gain !== undefined) this.gainValue = clampParam('gain', options.gain, -30, 30);
    this.updateTarget();
    this.current.set(this.target);
    this.ramping = false;
  }

  /** The magnitude response of the target coefficients at `frequency`, for drawing curves. */
  magnitudeAt(frequency: Hertz): GainFactor {
    return biquadMagnitude(this.target, frequency, this.sampleRate);
  }

  /** Clears the filter memory of every channel. */
  reset(): void {
    this.state.fill(0);
  }

  /**
   * Filters `frames` samples of each channel from `inputs` into `outputs` (they may be the same
   * arrays). Channels beyond `this.channels` or missing on either side are left untouched.
   */
  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const channels = Math.min(inputs.length, outputs.length, this.channels);
    const c = this.current;
    if (this.ramping) {
      const t = this.target;
      const s = this.step;
      for (let k = 0; k < BIQUAD_COEFFICIENT_COUNT; k++) s[k] = (t[k] - c[k]) / frames;
      for (let ch = 0; ch < channels; ch++) {
        const input = inputs[ch];
        const output = outputs[ch];
        let s1 = this.state[ch * 2];
        let s2 = this.state[ch * 2 + 1];
        let b0 = c[0], b1 = c[1], b2 = c[2], a1 = c[3], a2 = c[4];
        for (let i = 0; i < frames; i++) {
          b0 += s[0]; b1 += s[1]; b2 += s[2]; a1 += s[3]; a2 += s[4];
          const x = input[i];
          const y = b0 * x + s1;
          s1 = b1 * x - a1 * y + s2;
          s2 = b2 * x - a2 * y;
          output[i] = y;
        }
        this.state[ch * 2] = Math.abs(s1) < DENORMAL_FLOOR ? 0 : s1;
        this.state[ch * 2 + 1] = Math.abs(s2) < DENORMAL_FLOOR ? 0 : s2;
      }
      c.set(t);
      this.ramping = false;
      return;
    }
    const b0 = c[0], b1 = c[1], b2 = c[2], a1 = c[3], a2 = c[4];
    for (let ch = 0; ch < channels; ch++) {
      const input = inputs[ch];
      const output = outputs[ch];
      let s1 = this.state[ch * 2];
      let s2 = this.state[ch * 2 + 1];
      for (let i = 0; i < frames; i++) {
        const x = input[i];
        const y = b0 * x + s1;
        s1 = b1 * x - a1 * y + s2;
        s2 = b2 * x - a2 * y;
        output[i] = y;
      }
      this.state[ch * 2] = Math.abs(s1) < DENORMAL_FLOOR ? 0 : s1;
      this.state[ch * 2 + 1] = Math.abs(s2) < DENORMAL_FLOOR ? 0 : s2;
    }
  }

  private clampFrequency(value: Hertz): Hertz {
    return clampParam('frequency', value, MIN_FILTER_FREQUENCY, Math.min(MAX_FILTER_FREQUENCY, 0.49 * this.sampleRate));
  }

  private updateTarget(): void {
    biquadCoefficients(this.typeValue, this.frequencyValue, this.qValue, this.gainValue, this.sampleRate, this.target);
    this.ramping = true;
  }
}
