import { Fft } from './fft';
import { assertRange } from './units';

export interface FirConvolverOptions {
  /** Longest kernel `setKernel` accepts, in taps. @min 1 @max 65536 @default 4095 */
  maxTaps: number;
  /** @min 1 @max 8 @default 2 */
  channels: number;
}

/** Partition length: the convolver buffers this many samples before each FFT step. */
export const FIR_PARTITION_FRAMES = 128;

/**
 * A long FIR filter by uniformly partitioned overlap-save convolution (FFT size 2 x 128). Input is
 * buffered per partition inside, so the output is the same however the audio is cut into blocks;
 * the price is `FIR_PARTITION_FRAMES` of latency on top of the kernel's own delay.
 *
 * The input spectra are kept apart from the kernel (a frequency-domain delay line), so a new
 * kernel can start at once: the partition after `setKernel` is computed with the old and the new
 * kernel from the same history and crossfaded linearly, without a click.
 */
export class FirConvolver {
  static getDefaults(): FirConvolverOptions {
    return { maxTaps: 4095, channels: 2 };
  }

  readonly channels: number;
  readonly maxTaps: number;
  /** Input to output delay of the partitioning alone (a kernel [1] passes the signal delayed by this). */
  readonly latencyFrames = FIR_PARTITION_FRAMES;
  private readonly partitions: number;
  private readonly bins = FIR_PARTITION_FRAMES + 1;
  private readonly fft = new Fft(2 * FIR_PARTITION_FRAMES);
  /** Two kernel spectra (re, im per partition and bin): the active one and the one being faded in. */
  private readonly kernelRe: [Float64Array, Float64Array];
  private readonly kernelIm: [Float64Array, Float64Array];
  private active = 0;
  private pending = false;
  /** Per channel: spectra of the last `partitions` input windows, newest at `slot`. */
  private readonly historyRe: Float64Array;
  private readonly historyIm: Float64Array;
  private slot = 0;
  /** Per channel: the previous and the current input partition, and the output partition being played. */
  private readonly input: Float64Array;
  private readonly output: Float64Array;
  private fill = 0;
  private readonly re = new Float64Array(2 * FIR_PARTITION_FRAMES);
  private readonly im = new Float64Array(2 * FIR_PARTITION_FRAMES);
  private readonly accRe: Float64Array;
  private readonly accIm: Float64Array;
  private readonly faded = new Float64Array(FIR_PARTITION_FRAMES);

  constructor(options: Partial<FirConvolverOptions> = {}) {
    const o = { ...FirConvolver.getDefaults(), ...options };
    assertRange('maxTaps', o.maxTaps, 1, 65536);
    assertRange('channels', o.channels, 1, 8);
    this.channels = Math.floor(o.channels);
    this.maxTaps = Math.floor(o.maxTaps);
    this.partitions = Math.ceil(this.maxTaps / FIR_PARTITION_FRAMES);
    const kernelSize = this.partitions * this.bins;
    this.kernelRe = [new Float64Array(kernelSize), new Float64Array(kernelSize)];
    this.kernelIm = [new Float64Array(kernelSize), new Float64Array(kernelSize)];
    this.historyRe = new Float64Array(this.channels * kernelSize);
    this.historyIm = new Float64Array(this.channels * kernelSize);
    this.input = new Float64Array(this.channels * 2 * FIR_PARTITION_FRAMES);
    this.output = new Float64Array(this.channels * FIR_PARTITION_FRAMES);
    this.accRe = new Float64Array(this.bins);
    this.accIm = new Float64Array(this.bins);
    this.kernelRe[0][0] = 1; // a unit impulse until a kernel is set
  }

  /**
   * Loads a kernel (at most `maxTaps` taps). It takes over from the next partition on, crossfaded
   * against the previous kernel across that partition; after `reset` it applies at once.
   */
  setKernel(taps: ArrayLike<number>): void {
    if (taps.length > this.maxTaps) throw new RangeError(`kernel of ${taps.length} taps exceeds maxTaps ${this.maxTaps}`);
    const target = 1 - this.active;
    const kRe = this.kernelRe[target];
    const kIm = this.kernelIm[target];
    for (let p = 0; p < this.partitions; p++) {
      this.re.fill(0);
      this.im.fill(0);
      for (let n = 0; n < FIR_PARTITION_FRAMES; n++) {
        const t = p * FIR_PARTITION_FRAMES + n;
        if (t < taps.length) this.re[n] = taps[t];
      }
      this.fft.forward(this.re, this.im);
      for (let b = 0; b < this.bins; b++) {
        kRe[p * this.bins + b] = this.re[b];
        kIm[p * this.bins + b] = this.im[b];
      }
    }
    this.pending = true;
  }

  reset(): void {
    this.historyRe.fill(0);
    this.historyIm.fill(0);
    this.input.fill(0);
    this.output.fill(0);
    this.fill = 0;
    this.slot = 0;
    if (this.pending) {
      this.active = 1 - this.active;
      this.pending = false;
    }
  }

  /** Filters `inputs` into `outputs` (may alias), delayed by `latencyFrames` plus the kernel's delay. */
  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const channels = Math.min(inputs.length, outputs.length, this.channels);
    const P = FIR_PARTITION_FRAMES;
    let i = 0;
    while (i < frames) {
      const n = Math.min(P - this.fill, frames - i);
      for (let ch = 0; ch < channels; ch++) {
        const input = inputs[ch];
        const output = outputs[ch];
        const inBase = ch * 2 * P + P + this.fill;
        const outBase = ch * P + this.fill;
        for (let k = 0; k < n; k++) {
          const x = input[i + k];
          output[i + k] = this.output[outBase + k];
          this.input[inBase + k] = x;
        }
      }
      this.fill += n;
      i += n;
      if (this.fill === P) {
        for (let ch = 0; ch < channels; ch++) this.step(ch);
        if (this.pending) {
          this.active = 1 - this.active;
          this.pending = false;
        }
        this.slot = (this.slot + 1) % this.partitions;
        this.fill = 0;
      }
    }
  }

  /** One partition of one channel: spectrum of [previous, current], multiply-accumulate, inverse. */
  private step(ch: number): void {
    const P = FIR_PARTITION_FRAMES;
    const bins = this.bins;
    const re = this.re;
    const im = this.im;
    const inBase = ch * 2 * P;
    for (let n = 0; n < 2 * P; n++) {
      re[n] = this.input[inBase + n];
      im[n] = 0;
    }
    for (let n = 0; n < P; n++) this.input[inBase + n] = this.input[inBase + P + n];
    this.fft.forward(re, im);
    const hBase = ch * this.partitions * bins;
    const slotBase = hBase + this.slot * bins;
    for (let b = 0; b < bins; b++) {
      this.historyRe[slotBase + b] = re[b];
      this.historyIm[slotBase + b] = im[b];
    }
    this.convolve(ch, this.active);
    const outBase = ch * P;
    if (!this.pending) {
      for (let n = 0; n < P; n++) this.output[outBase + n] = re[P + n];
      return;
    }
    for (let n = 0; n < P; n++) this.faded[n] = re[P + n];
    this.convolve(ch, 1 - this.active);
    for (let n = 0; n < P; n++) {
      const w = (n + 1) / P;
      this.output[outBase + n] = this.faded[n] + (re[P + n] - this.faded[n]) * w;
    }
  }

  /** re/im <- inverse FFT of the sum over partitions of history x kernel `set`. */
  private convolve(ch: number, set: number): void {
    const P = FIR_PARTITION_FRAMES;
    const bins = this.bins;
    const parts = this.partitions;
    const kRe = this.kernelRe[set];
    const kIm = this.kernelIm[set];
    const hRe = this.historyRe;
    const hIm = this.historyIm;
    const hBase = ch * parts * bins;
    const accRe = this.accRe;
    const accIm = this.accIm;
    accRe.fill(0);
    accIm.fill(0);
    for (let p = 0; p < parts; p++) {
      const h = hBase + ((this.slot - p + parts) % parts) * bins;
      const k = p * bins;
      for (let b = 0; b < bins; b++) {
        const xr = hRe[h + b];
        const xi = hIm[h + b];
        const yr = kRe[k + b];
        const yi = kIm[k + b];
        accRe[b] += xr * yr - xi * yi;
        accIm[b] += xr * yi + xi * yr;
      }
    }
    const re = this.re;
    const im = this.im;
    for (let b = 0; b < bins; b++) {
      re[b] = accRe[b];
      im[b] = accIm[b];
    }
    for (let b = 1; b < P; b++) {
      re[2 * P - b] = accRe[b];
      im[2 * P - b] = -accIm[b];
    }
    this.fft.inverse(re, im);
  }
}
