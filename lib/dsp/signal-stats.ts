import { assertRange, gainToDb, type Decibels, type GainFactor } from './units';

export interface SignalStatsOptions {
  /** @min 1 @max 64 @default 2 */
  channels: number;
  /**
   * A sample counts as clipped when its magnitude reaches this level. The default is the largest
   * positive 16-bit value, so that full-scale integer samples decoded to float count as clipped.
   * @min 0.5 @max 2 @default 32767 / 32768
   */
  clipLevel: GainFactor;
}

/** Streaming per-channel DC offset (mean), sample peak and clipped-sample count, for stem analysis. */
export class SignalStats {
  static getDefaults(): SignalStatsOptions {
    return { channels: 2, clipLevel: 32767 / 32768 };
  }

  readonly channels: number;
  readonly clipLevel: GainFactor;
  private readonly sums: Float64Array;
  private readonly peaks: Float64Array;
  private readonly clipped: Float64Array;
  private frames = 0;

  constructor(options: Partial<SignalStatsOptions> = {}) {
    const o = { ...SignalStats.getDefaults(), ...options };
    assertRange('channels', o.channels, 1, 64);
    assertRange('clipLevel', o.clipLevel, 0.5, 2);
    this.channels = Math.floor(o.channels);
    this.clipLevel = o.clipLevel;
    this.sums = new Float64Array(this.channels);
    this.peaks = new Float64Array(this.channels);
    this.clipped = new Float64Array(this.channels);
  }

  /** Frames seen so far. */
  get frameCount(): number {
    return this.frames;
  }
  /** Mean sample value of a channel (linear, full scale = 1). */
  dcOffset(channel: number): GainFactor {
    return this.frames === 0 ? 0 : this.sums[channel] / this.frames;
  }
  /** DC offset of a channel in dBFS (floored at -144). */
  dcOffsetDb(channel: number): Decibels {
    return gainToDb(this.dcOffset(channel));
  }
  clippedSamples(channel: number): number {
    return this.clipped[channel];
  }
  /** Clipped samples over all channels. */
  get totalClippedSamples(): number {
    let total = 0;
    for (let ch = 0; ch < this.channels; ch++) total += this.clipped[ch];
    return total;
  }
  samplePeak(channel: number): GainFactor {
    return this.peaks[channel];
  }

  reset(): void {
    this.sums.fill(0);
    this.peaks.fill(0);
    this.clipped.fill(0);
    this.frames = 0;
  }

  process(inputs: ReadonlyArray<Float32Array>, frames: number, from = 0): void {
    const channels = Math.min(inputs.length, this.channels);
    const level = this.clipLevel;
    for (let ch = 0; ch < channels; ch++) {
      const input = inputs[ch];
      let sum = 0;
      let peak = this.peaks[ch];
      let clipped = 0;
      for (let i = from; i < from + frames; i++) {
        const x = input[i];
        sum += x;
        const m = x < 0 ? -x : x;
        if (m > peak) peak = m;
        if (m >= level) clipped++;
      }
      this.sums[ch] += sum;
      this.peaks[ch] = peak;
      this.clipped[ch] += clipped;
    }
    this.frames += frames;
  }
}
