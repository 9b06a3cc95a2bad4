import { assertRange, gainToDb, type Decibels, type GainFactor } from './units';

/**
 * The 4x oversampling interpolator of ITU-R BS.1770-4 Annex 2 (48 taps, as 4 phases of 12).
 * Phase p interpolates a point p/4 of a sample period along; phase 0 is almost the identity.
 */
const PHASES: readonly (readonly number[])[] = [
  [0.0017089843750, 0.0109863281250, -0.0196533203125, 0.0332031250000, -0.0594482421875, 0.1373291015625,
    0.9721679687500, -0.1022949218750, 0.0476074218750, -0.0266113281250, 0.0148925781250, -0.0083007812500],
  [-0.0291748046875, 0.0292968750000, -0.0517578125000, 0.0891113281250, -0.1665039062500, 0.4650878906250,
    0.7797851562500, -0.2003173828125, 0.1015625000000, -0.0582275390625, 0.0330810546875, -0.0189208984375],
  [-0.0189208984375, 0.0330810546875, -0.0582275390625, 0.1015625000000, -0.2003173828125, 0.7797851562500,
    0.4650878906250, -0.1665039062500, 0.0891113281250, -0.0517578125000, 0.0292968750000, -0.0291748046875],
  [-0.0083007812500, 0.0148925781250, -0.0266113281250, 0.0476074218750, -0.1022949218750, 0.9721679687500,
    0.1373291015625, -0.0594482421875, 0.0332031250000, -0.0196533203125, 0.0109863281250, 0.0017089843750],
];
const TAPS = 12;
/** The Annex 2 interpolator as 4 phases x 12 taps; phase p, tap t multiplies x[n - t]. */
export const ANNEX2_COEFFICIENTS: Readonly<Float64Array> = Float64Array.from(PHASES.flat());
const COEFFICIENTS = ANNEX2_COEFFICIENTS;
/**
 * No interpolated point exceeds this times the largest magnitude under the filter (the largest
 * sum of |taps| of a phase, with a margin for rounding): a stretch whose samples are all below
 * truePeak / PEAK_BOUND cannot raise the true peak and is not interpolated. The result is exact.
 */
const PEAK_BOUND = Math.max(...PHASES.map((phase) => phase.reduce((sum, c) => sum + Math.abs(c), 0))) * (1 + 1e-9);
/** Samples checked against PEAK_BOUND at once. */
const SKIP_CHUNK = 64;

/**
 * Streaming sample peak and true peak per channel. The true peak is the largest magnitude of the
 * 4x oversampled signal, or of the samples themselves when larger: the interpolator's phase 0 has
 * a gain of 0.972 at its centre tap, and a true peak below the sample peak would be wrong.
 * 4x is what the Annex specifies for 48 kHz; at 96 kHz and above it over-delivers.
 */
export class TruePeakMeter {
  readonly channels: number;
  /** Per channel: the previous samples x[n-1] .. x[n-11] at indices 1 .. 11 (index 0 unused). */
  private readonly history: Float64Array;
  private readonly samplePeaks: Float64Array;
  private readonly truePeaks: Float64Array;

  constructor(channels: number) {
    assertRange('channels', channels, 1, 64);
    this.channels = Math.floor(channels);
    this.history = new Float64Array(this.channels * TAPS);
    this.samplePeaks = new Float64Array(this.channels);
    this.truePeaks = new Float64Array(this.channels);
  }

  /** Largest sample magnitude over all channels (linear). */
  get samplePeak(): GainFactor {
    let max = 0;
    for (let ch = 0; ch < this.channels; ch++) if (this.samplePeaks[ch] > max) max = this.samplePeaks[ch];
    return max;
  }
  /** Largest true-peak magnitude over all channels (linear). */
  get truePeak(): GainFactor {
    let max = 0;
    for (let ch = 0; ch < this.channels; ch++) if (this.truePeaks[ch] > max) max = this.truePeaks[ch];
    return max;
  }
  get samplePeakDb(): Decibels {
    return gainToDb(this.samplePeak);
  }
  /** In dBTP. */
  get truePeakDb(): Decibels {
    return gainToDb(this.truePeak);
  }
  channelTruePeak(channel: number): GainFactor {
    return this.truePeaks[channel];
  }
  channelSamplePeak(channel: number): GainFactor {
    return this.samplePeaks[channel];
  }

  reset(): void {
    this.history.fill(0);
    this.samplePeaks.fill(0);
    this.truePeaks.fill(0);
  }

  /**
   * Unrolled: the last 12 samples live in locals and the 48 taps in constants (several times faster
   * than loops over arrays). Stretches that cannot raise the peak are skipped (PEAK_BOUND).
   */
  process(inputs: ReadonlyArray<Float32Array>, frames: number, from = 0): void {
    const channels = Math.min(inputs.length, this.channels);
    const c = COEFFICIENTS;
    const p0t0 = c[0], p0t1 = c[1], p0t2 = c[2], p0t3 = c[3], p0t4 = c[4], p0t5 = c[5], p0t6 = c[6], p0t7 = c[7], p0t8 = c[8], p0t9 = c[9], p0t10 = c[10], p0t11 = c[11];
    const p1t0 = c[12], p1t1 = c[13], p1t2 = c[14], p1t3 = c[15], p1t4 = c[16], p1t5 = c[17], p1t6 = c[18], p1t7 = c[19], p1t8 = c[20], p1t9 = c[21], p1t10 = c[22], p1t11 = c[23];
    const p2t0 = c[24], p2t1 = c[25], p2t2 = c[26], p2t3 = c[27], p2t4 = c[28], p2t5 = c[29], p2t6 = c[30], p2t7 = c[31], p2t8 = c[32], p2t9 = c[33], p2t10 = c[34], p2t11 = c[35];
    const p3t0 = c[36], p3t1 = c[37], p3t2 = c[38], p3t3 = c[39], p3t4 = c[40], p3t5 = c[41], p3t6 = c[42], p3t7 = c[43], p3t8 = c[44], p3t9 = c[45], p3t10 = c[46], p3t11 = c[47];
    for (let ch = 0; ch < channels; ch++) {
      const input = inputs[ch];
      const h = this.history;
      const base = ch * TAPS;
      let samplePeak = this.samplePeaks[ch];
      let truePeak = this.truePeaks[ch];
      const end = from + frames;
      for (let start = from; start < end; start += SKIP_CHUNK) {
        const stop = start + SKIP_CHUNK < end ? start + SKIP_CHUNK : end;
        let chunkPeak = 0;
        for (let i = start; i < stop; i++) {
          const x = input[i];
          const m = x < 0 ? -x : x;
          if (m > chunkPeak) chunkPeak = m;
        }
        if (chunkPeak > samplePeak) samplePeak = chunkPeak;
        let reach = chunkPeak;
        for (let k = 1; k < TAPS; k++) {
          const m = h[base + k] < 0 ? -h[base + k] : h[base + k];
          if (m > reach) reach = m;
        }
        if (reach * PEAK_BOUND <= truePeak) {
          // Nothing here can raise the true peak: only the history moves on.
          const n = stop - start;
          for (let k = TAPS - 1; k >= 1; k--) h[base + k] = k <= n ? input[stop - k] : h[base + k - n];
          continue;
        }
        let x1 = h[base + 1], x2 = h[base + 2], x3 = h[base + 3], x4 = h[base + 4], x5 = h[base + 5], x6 = h[base + 6], x7 = h[base + 7], x8 = h[base + 8], x9 = h[base + 9], x10 = h[base + 10], x11 = h[base + 11];
        for (let i = start; i < stop; i++) {
          const x0 = input[i];
          const y0 =
            p0t0 * x0 + p0t1 * x1 + p0t2 * x2 + p0t3 * x3 + p0t4 * x4 + p0t5 * x5 +
            p0t6 * x6 + p0t7 * x7 + p0t8 * x8 + p0t9 * x9 + p0t10 * x10 + p0t11 * x11;
          const y1 =
            p1t0 * x0 + p1t1 * x1 + p1t2 * x2 + p1t3 * x3 + p1t4 * x4 + p1t5 * x5 +
            p1t6 * x6 + p1t7 * x7 + p1t8 * x8 + p1t9 * x9 + p1t10 * x10 + p1t11 * x11;
          const y2 =
            p2t0 * x0 + p2t1 * x1 + p2t2 * x2 + p2t3 * x3 + p2t4 * x4 + p2t5 * x5 +
            p2t6 * x6 + p2t7 * x7 + p2t8 * x8 + p2t9 * x9 + p2t10 * x10 + p2t11 * x11;
          const y3 =
            p3t0 * x0 + p3t1 * x1 + p3t2 * x2 + p3t3 * x3 + p3t4 * x4 + p3t5 * x5 +
            p3t6 * x6 + p3t7 * x7 + p3t8 * x8 + p3t9 * x9 + p3t10 * x10 + p3t11 * x11;
          const a = y0 < 0 ? -y0 : y0;
          const b = y1 < 0 ? -y1 : y1;
          const d = y2 < 0 ? -y2 : y2;
          const e = y3 < 0 ? -y3 : y3;
          const ab = a > b ? a : b;
          const de = d > e ? d : e;
          const y = ab > de ? ab : de;
          if (y > truePeak) truePeak = y;
          x11 = x10; x10 = x9; x9 = x8; x8 = x7; x7 = x6;
          x6 = x5; x5 = x4; x4 = x3; x3 = x2; x2 = x1;
          x1 = x0;
        }
        h[base + 1] = x1; h[base + 2] = x2; h[base + 3] = x3; h[base + 4] = x4; h[base + 5] = x5; h[base + 6] = x6;
        h[base + 7] = x7; h[base + 8] = x8; h[base + 9] = x9; h[base + 10] = x10; h[base + 11] = x11;
      }
      if (samplePeak > truePeak) truePeak = samplePeak;
      this.samplePeaks[ch] = samplePeak;
      this.truePeaks[ch] = truePeak;
    }
  }
}
