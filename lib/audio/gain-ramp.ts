/**
 * A control-rate value (a gain factor or a fade position) that moves to its target by a linear
 * ramp across one block: sample i of a block of n takes `from + (to - from) / n * (i + 1)`, the
 * last sample exactly `to`. While the value is steady, `next` returns it as a constant and callers
 * multiply by that constant, so a steady gain of exactly 1 changes no bits.
 */
export class GainRamp {
  /** The value reached at the end of the last block. */
  value: number;
  target: number;
  /** Per-sample values of the current block, valid after `next` returned NaN. */
  readonly values: Float64Array;
  /**
   * Largest change per frame: Infinity reaches any target within one block; a 5 ms mute fade
   * uses 1 / (0.005 * sampleRate).
   */
  private readonly maxDeltaPerFrame: number;

  constructor(initial: number, blockSize: number, maxDeltaPerFrame = Infinity) {
    this.value = initial;
    this.target = initial;
    this.values = new Float64Array(blockSize);
    this.maxDeltaPerFrame = maxDeltaPerFrame;
  }

  /** Jumps to the target (fresh start or seek: no earlier sample to be continuous with). */
  settle(): void {
    this.value = this.target;
  }

  /**
   * Advances by one block. Returns the constant value when steady; otherwise fills `values` with
   * the ramp and returns NaN.
   */
  next(frames: number): number {
    const from = this.value;
    if (from === this.target || frames <= 0) return from;
    const limit = this.maxDeltaPerFrame * frames;
    const delta = this.target - from;
    const to = delta > limit ? from + limit : delta < -limit ? from - limit : this.target;
    const step = (to - from) / frames;
    const values = this.values;
    for (let i = 0; i < frames - 1; i++) values[i] = from + step * (i + 1);
    values[frames - 1] = to;
    this.value = to;
    return NaN;
  }
}

/**
 * The product of two block gains (each a constant, or NaN with its per-sample `values`). Returns
 * the constant product, or NaN after writing the per-sample product into `out`.
 */
export function multiplyGains(a: number, aValues: Float64Array, b: number, bValues: Float64Array, out: Float64Array, frames: number): number {
  const aConst = a === a;
  const bConst = b === b;
  if (aConst && bConst) return a * b;
  for (let i = 0; i < frames; i++) out[i] = (aConst ? a : aValues[i]) * (bConst ? b : bValues[i]);
  return NaN;
}
