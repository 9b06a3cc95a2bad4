import { Biquad } from './biquad';
import { assertRange, clampParam, type GainFactor, type Hertz } from './units';

export const PassFilterType = { lowpass: 'lowpass', highpass: 'highpass' } as const;
export type PassFilterType = (typeof PassFilterType)[keyof typeof PassFilterType];

/** Slope in dB per octave: 12 is one biquad, 24 is two cascaded Butterworth sections. */
export type PassFilterSlope = 12 | 24;

/**
 * Q of the two sections of a 4th-order Butterworth: 1 / (2 cos(pi/8)) and 1 / (2 cos(3pi/8)).
 * Their product response is maximally flat and -3.01 dB at the cutoff.
 */
export const BUTTERWORTH_4_Q: readonly [number, number] = [
  1 / (2 * Math.cos(Math.PI / 8)),
  1 / (2 * Math.cos((3 * Math.PI) / 8)),
];

export interface PassFilterOptions {
  /** @default 'highpass' */
  type: PassFilterType;
  /** Cutoff frequency in Hz. @min 10 @max 22000 (and below 0.49 x sampleRate) @default 80 */
  frequency: Hertz;
  /** Roll-off in dB per octave. @default 12 */
  slope: PassFilterSlope;
  /** Resonance of the 12 dB/oct section; the 24 dB/oct cascade is always Butterworth. @min 0.1 @max 24 @default 0.7071 */
  q: number;
  /** @min 1 @max 32 @default 2 */
  channels: number;
  /** @min 8000 @max 384000 @default 48000 */
  sampleRate: Hertz;
}

/** High-pass or low-pass at 12 or 24 dB/oct, built from RBJ biquads. */
export class PassFilter {
  static getDefaults(): PassFilterOptions {
    return { type: 'highpass', frequency: 80, slope: 12, q: Math.SQRT1_2, channels: 2, sampleRate: 48000 };
  }

  private readonly first: Biquad;
  private readonly second: Biquad;
  private slopeValue: PassFilterSlope;
  private qValue: number;

  constructor(options: Partial<PassFilterOptions> = {}) {
    const o = { ...PassFilter.getDefaults(), ...options };
    assertSlope(o.slope);
    this.slopeValue = o.slope;
    this.qValue = clampParam('q', o.q, 0.1, 24);
    const common = { type: o.type, frequency: o.frequency, gain: 0, channels: o.channels, sampleRate: o.sampleRate };
    this.first = new Biquad({ ...common, q: this.firstQ() });
    this.second = new Biquad({ ...common, q: BUTTERWORTH_4_Q[1] });
  }

  get sampleRate(): Hertz {
    return this.first.sampleRate;
  }
  get type(): PassFilterType {
    return this.first.type as PassFilterType;
  }
  set type(value: PassFilterType) {
    this.first.type = value;
    this.second.type = value;
  }
  get frequency(): Hertz {
    return this.first.frequency;
  }
  set frequency(value: Hertz) {
    this.first.frequency = value;
    this.second.frequency = value;
  }
  get slope(): PassFilterSlope {
    return this.slopeValue;
  }
  /** Changing the slope clears the second section, whose state is stale. */
  set slope(value: PassFilterSlope) {
    assertSlope(value);
    if (value === this.slopeValue) return;
    this.slopeValue = value;
    this.first.q = this.firstQ();
    this.second.reset();
  }
  get q(): number {
    return this.qValue;
  }
  set q(value: number) {
    this.qValue = clampParam('q', value, 0.1, 24);
    this.first.q = this.firstQ();
  }

  magnitudeAt(frequency: Hertz): GainFactor {
    const first = this.first.magnitudeAt(frequency);
    return this.slopeValue === 24 ? first * this.second.magnitudeAt(frequency) : first;
  }

  reset(): void {
    this.first.reset();
    this.second.reset();
  }

  /** Filters `inputs` into `outputs` (which may be the same arrays). */
  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    this.first.process(inputs, outputs, frames);
    if (this.slopeValue === 24) this.second.process(outputs, outputs, frames);
  }

  private firstQ(): number {
    return this.slopeValue === 24 ? BUTTERWORTH_4_Q[0] : this.qValue;
  }
}

function assertSlope(slope: number): void {
  assertRange('slope', slope, 12, 24);
  if (slope !== 12 && slope !== 24) throw new RangeError(`slope must be 12 or 24, got ${slope}`);
}
