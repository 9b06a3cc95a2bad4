import { PassFilter } from './pass-filter';
import { clampParam, type Hertz } from './units';

export interface MidSideWidthOptions {
  /** Side gain: 0 folds to mono, 1 leaves the side as it is, 2 doubles it. @min 0 @max 2 @default 1 */
  width: number;
  /** Remove the side signal below `monoBelowHz` (bass in mono). @default false */
  monoBass: boolean;
  /** Crossover of `monoBass`: a 24 dB/oct Butterworth high-pass on the side signal. @min 20 @max 500 @default 120 */
  monoBelowHz: Hertz;
  /** @min 8000 @max 384000 @default 48000 */
  sampleRate: Hertz;
}

/**
 * Mid/side width for the master: M = (L + R) / 2, S = (L - R) / 2 x width, the side high-passed
 * when `monoBass` is on, then L' = M + S, R' = M - S. A width change ramps across the next block.
 */
export class MidSideWidth {
  static getDefaults(): MidSideWidthOptions {
    return { width: 1, monoBass: false, monoBelowHz: 120, sampleRate: 48000 };
  }

  monoBass: boolean;
  private widthValue: number;
  private current: number;
  private readonly highpass: PassFilter;
  private readonly side: Float32Array[];

  constructor(options: Partial<MidSideWidthOptions> & { maxBlockFrames: number }) {
    const o = { ...MidSideWidth.getDefaults(), ...options };
    this.widthValue = clampParam('width', o.width, 0, 2);
    this.current = this.widthValue;
    this.monoBass = o.monoBass;
    this.highpass = new PassFilter({ type: 'highpass', slope: 24, frequency: clampParam('monoBelowHz', o.monoBelowHz, 20, 500), channels: 1, sampleRate: o.sampleRate });
    this.side = [new Float32Array(o.maxBlockFrames)];
  }

  get width(): number {
    return this.widthValue;
  }
  set width(value: number) {
    this.widthValue = clampParam('width', value, 0, 2);
  }
  get monoBelowHz(): Hertz {
    return this.highpass.frequency;
  }
  set monoBelowHz(value: Hertz) {
    this.highpass.frequency = clampParam('monoBelowHz', value, 20, 500);
  }

  /** Jumps to the set width without a ramp. */
  settle(): void {
    this.current = this.widthValue;
  }

  reset(): void {
    this.highpass.reset();
  }

  /** Processes the first two channels of `inputs` into `outputs` (may alias). */
  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    if (inputs.length < 2 || outputs.length < 2) return;
    const [inL, inR] = inputs;
    const [outL, outR] = outputs;
    const side = this.side[0];
    const from = this.current;
    const to = this.widthValue;
    const step = (to - from) / frames;
    for (let i = 0; i < frames; i++) {
      const w = step === 0 || i === frames - 1 ? to : from + step * (i + 1);
      side[i] = (inL[i] - inR[i]) * 0.5 * w;
    }
    if (this.monoBass) this.highpass.process(this.side, this.side, frames);
    for (let i = 0; i < frames; i++) {
      const mid = (inL[i] + inR[i]) * 0.5;
      const s = side[i];
      outL[i] = mid + s;
      outR[i] = mid - s;
    }
    if (frames > 0) this.current = to;
  }
}
