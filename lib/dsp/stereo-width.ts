import { clampParam, type NormalRange } from './units';

export interface StereoWidthOptions {
  /** Side gain: 0 folds to mono, 1 leaves the signal unchanged, 2 doubles the side signal. @min 0 @max 2 @default 1 */
  width: NormalRange;
}

/**
 * Mid/side width: M = (L + R) / 2, S = (L - R) / 2, L' = M + width * S, R' = M - width * S.
 * A width change ramps linearly across the next block.
 */
export class StereoWidth {
  static getDefaults(): StereoWidthOptions {
    return { width: 1 };
  }

  private widthValue: number;
  private current: number;

  constructor(options: Partial<StereoWidthOptions> = {}) {
    const o = { ...StereoWidth.getDefaults(), ...options };
    this.widthValue = clampParam('width', o.width, 0, 2);
    this.current = this.widthValue;
  }

  get width(): number {
    return this.widthValue;
  }
  set width(value: number) {
    this.widthValue = clampParam('width', value, 0, 2);
  }

  /** Processes the first two channels of `inputs` into `outputs` (may alias); anything else is left alone. */
  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    if (inputs.length < 2 || outputs.length < 2) return;
    const inL = inputs[0];
    const inR = inputs[1];
    const outL = outputs[0];
    const outR = outputs[1];
    const from = this.current;
    const to = this.widthValue;
    const step = from === to ? 0 : (to - from) / frames;
    if (to === 1 && step === 0) {
      if (outL !== inL) for (let i = 0; i < frames; i++) outL[i] = inL[i];
      if (outR !== inR) for (let i = 0; i < frames; i++) outR[i] = inR[i];
      return;
    }
    for (let i = 0; i < frames; i++) {
      const w = step === 0 || i === frames - 1 ? to : from + step * (i + 1);
      const l = inL[i];
      const r = inR[i];
      const mid = (l + r) * 0.5;
      const side = (l - r) * 0.5 * w;
      outL[i] = mid + side;
      outR[i] = mid - side;
    }
    if (frames > 0) this.current = to;
  }
}
