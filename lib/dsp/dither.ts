import { assertRange } from './units';

export interface DitherOptions {
  /** Bits of the integer samples written. @min 8 @max 24 @default 16 */
  bits: number;
  /**
   * Shape the requantisation noise away from where hearing is most sensitive (2-5 kHz) towards
   * the top of the band (the E-weighted 5-tap filter of Lipshitz, Vanderkooy and Wannamaker,
   * "Minimally Audible Noise Shaping", JAES 39(11), 1991). @default false
   */
  noiseShaping: boolean;
  /** @min 1 @max 8 @default 2 */
  channels: number;
  /** PRNG seed: the same seed and input give the same output everywhere. @default 1 */
  seed: number;
}

const SHAPING = [2.033, -2.165, 1.959, -1.59, 0.6149] as const;

/**
 * Requantisation to `bits`-bit integers with TPDF dither: two independent uniform values of one
 * LSB each are added before rounding, which makes the error's mean and variance independent of
 * the signal (total error power LSB^2 / 4). With noise shaping, the error is fed back through
 * SHAPING. Float full scale maps to 2^(bits - 1), as `toPcm24` does; results are clamped. The
 * PRNG is a 32-bit xorshift, so output is deterministic in any JavaScript engine.
 */
export class Dither {
  static getDefaults(): DitherOptions {
    return { bits: 16, noiseShaping: false, channels: 2, seed: 1 };
  }

  readonly bits: number;
  readonly noiseShaping: boolean;
  readonly channels: number;
  private readonly scale: number;
  private readonly max: number;
  private readonly min: number;
  private state: number;
  /** Per channel: the last SHAPING.length errors, newest first. */
  private readonly errors: Float64Array;

  constructor(options: Partial<DitherOptions> = {}) {
    const o = { ...Dither.getDefaults(), ...options };
    assertRange('bits', o.bits, 8, 24);
    assertRange('channels', o.channels, 1, 8);
    this.bits = Math.floor(o.bits);
    this.noiseShaping = o.noiseShaping;
    this.channels = Math.floor(o.channels);
    this.scale = Math.pow(2, this.bits - 1);
    this.max = this.scale - 1;
    this.min = -this.scale;
    this.state = o.seed >>> 0 || 1;
    this.errors = new Float64Array(this.channels * SHAPING.length);
  }

  /**
   * Quantises `frames` frames of `inputs` into `output` as interleaved integers, starting at frame
   * `outputFrame` of `output`.
   */
  process(inputs: ReadonlyArray<Float32Array>, frames: number, output: Int32Array, outputFrame = 0, from = 0): void {
    const channels = Math.min(inputs.length, this.channels);
    const stride = inputs.length;
    const e = this.errors;
    const taps = SHAPING.length;
    for (let i = 0; i < frames; i++) {
      for (let ch = 0; ch < channels; ch++) {
        let v = inputs[ch][from + i] * this.scale;
        const base = ch * taps;
        if (this.noiseShaping) v -= SHAPING[0] * e[base] + SHAPING[1] * e[base + 1] + SHAPING[2] * e[base + 2] + SHAPING[3] * e[base + 3] + SHAPING[4] * e[base + 4];
        const d = this.uniform() - this.uniform();
        let q = Math.round(v + d);
        if (q > this.max) q = this.max;
        else if (q < this.min) q = this.min;
        else if (q !== q) q = 0;
        if (this.noiseShaping) {
          for (let k = taps - 1; k > 0; k--) e[base + k] = e[base + k - 1];
          // Clamped, so that a clipped sample cannot drive the feedback loop unstable.
          const err = q - v;
          e[base] = err > 2 ? 2 : err < -2 ? -2 : err;
        }
        output[(outputFrame + i) * stride + ch] = q;
      }
    }
  }

  /** Uniform in [0, 1) from xorshift32. */
  private uniform(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }
}
