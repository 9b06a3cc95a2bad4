import { peakOfScaled } from './block-ops';

/**
 * The peak (linear) of what a strip adds to its output since the meter was last read. Off by
 * default: offline renders do not meter; the live worklet switches it on.
 */
export class PeakMeter {
  on = false;
  private peak = 0;

  /** Takes in a block: `src` (1 or 2 channels) times the gain (a constant, or NaN with `gains`). */
  add(src: ReadonlyArray<Float32Array>, g: number, gains: Float64Array, frames: number): void {
    if (this.on) this.peak = peakOfScaled(src, g, gains, frames, this.peak);
  }

  /** The peak since the last call, and starts a new one. */
  take(): number {
    const peak = this.peak;
    this.peak = 0;
    return peak;
  }
}
