import { kWeightingCoefficients } from './k-weighting';
import { energyToLufs, LoudnessHistogram } from './loudness-histogram';
import { TruePeakMeter } from './true-peak-meter';
import { assertRange, DENORMAL_FLOOR, gainToDb, type Decibels, type Hertz, type LoudnessUnits, type Lufs } from './units';

export interface LoudnessMeterOptions {
  /** @min 8000 @max 384000 @default 48000 */
  sampleRate: Hertz;
  /** @min 1 @max 24 @default 2 */
  channels: number;
  /**
   * BS.1770 channel weights G_i, one per channel: 1 for L, R, C; 1.41 for the surrounds; 0 for
   * LFE (5.1 in SMPTE order: [1, 1, 1, 0, 1.41, 1.41]). @default null (1 for every channel)
   */
  channelWeights: readonly number[] | null;
  /** Measure the true peak (4x oversampling costs about as much as the rest). @default true */
  truePeak: boolean;
  /**
   * With 2 channels, also measure the integrated loudness of their mono sum ((L + R) / 2 on both
   * speakers), from the same K-weighted samples. @default false
   */
  monoSum: boolean;
}

/** Sub-steps of 10 ms: the maxima of momentary and short-term loudness are read at this rate. */
const SUB_STEPS_PER_STEP = 10;
const MOMENTARY_SUB_STEPS = 40;
const SHORT_TERM_SUB_STEPS = 300;
const RELATIVE_GATE_LU: LoudnessUnits = -10;
const LRA_RELATIVE_GATE_LU: LoudnessUnits = -20;

/**
 * Streaming ITU-R BS.1770-4 / EBU R128 loudness meter. Feed blocks of any size; read at any time.
 * The K-weighted, channel-weighted mean squares are summed per 10 ms sub-step (counted from the
 * first sample): momentary (400 ms) and short-term (3 s) values and their maxima update every
 * 10 ms (EBU Tech 3341 cases 10 and 13 move their bursts in finer steps than 100 ms). Every
 * 100 ms step closes a 400 ms gating block with 75% overlap for the integrated loudness (absolute
 * gate -70 LUFS, relative gate -10 LU) and, from 3 s on, a short-term block for the loudness range
 * (EBU Tech 3342: relative gate -20 LU, 10th to 95th percentile). Before a window is full it
 * reads as if preceded by silence; a trailing partial sub-step is not counted.
 */
export class LoudnessMeter {
  static getDefaults(): LoudnessMeterOptions {
    return { sampleRate: 48000, channels: 2, channelWeights: null, truePeak: true, monoSum: false };
  }

  readonly sampleRate: Hertz;
  readonly channels: number;
  /** Samples per 100 ms step: 10 sub-steps of round(sampleRate / 100). */
  readonly stepFrames: number;
  private readonly subStepFrames: number;
  private readonly weights: Float64Array;
  private readonly coefficients = new Float64Array(10);
  /** Per channel: TDF-II state of stage 1 (2) and stage 2 (2). */
  private readonly filterState: Float64Array;
  private readonly subStepEnergies = new Float64Array(SHORT_TERM_SUB_STEPS);
  private readonly peaks: TruePeakMeter | null;
  private readonly samplePeaks: Float64Array;
  private readonly blocks = new LoudnessHistogram();
  private readonly shortTermBlocks = new LoudnessHistogram();
  private accumulator = 0;
  private readonly monoSum: boolean;
  private monoAccumulator = 0;
  private readonly monoSubStepEnergies = new Float64Array(MOMENTARY_SUB_STEPS);
  private readonly monoBlocks = new LoudnessHistogram();
  private subStepPosition = 0;
  private subSteps = 0;
  private maxMomentaryEnergy = 0;
  private maxShortTermEnergy = 0;

  constructor(options: Partial<LoudnessMeterOptions> = {}) {
    const o = { ...LoudnessMeter.getDefaults(), ...options };
    assertRange('sampleRate', o.sampleRate, 8000, 384000);
    assertRange('channels', o.channels, 1, 24);
    this.sampleRate = o.sampleRate;
    this.channels = Math.floor(o.channels);
    this.subStepFrames = Math.round(o.sampleRate / 100);
    this.stepFrames = this.subStepFrames * SUB_STEPS_PER_STEP;
    this.weights = new Float64Array(this.channels).fill(1);
    if (o.channelWeights !== null) {
      if (o.channelWeights.length !== this.channels) throw new RangeError('channelWeights needs one weight per channel');
      o.channelWeights.forEach((w, i) => {
        assertRange('channel weight', w, 0, 10);
        this.weights[i] = w;
      });
    }
    kWeightingCoefficients(o.sampleRate, this.coefficients);
    this.filterState = new Float64Array(this.channels * 4);
    this.peaks = o.truePeak ? new TruePeakMeter(this.channels) : null;
    this.samplePeaks = new Float64Array(this.channels);
    this.monoSum = o.monoSum && this.channels === 2;
  }

  /** Momentary loudness: the last 400 ms. */
  get momentary(): Lufs {
    return energyToLufs(this.windowEnergy(MOMENTARY_SUB_STEPS));
  }
  /** Short-term loudness: the last 3 s. */
  get shortTerm(): Lufs {
    return energyToLufs(this.windowEnergy(SHORT_TERM_SUB_STEPS));
  }
  get maxMomentary(): Lufs {
    return energyToLufs(this.maxMomentaryEnergy);
  }
  get maxShortTerm(): Lufs {
    return energyToLufs(this.maxShortTermEnergy);
  }
  /** Gated integrated loudness of everything so far; -Infinity until a block passes the gates. */
  get integrated(): Lufs {
    return this.blocks.gatedLoudness(RELATIVE_GATE_LU);
  }
  /** Integrated loudness of the mono sum (with `monoSum`); -Infinity otherwise or until a block passes the gates. */
  get monoIntegrated(): Lufs {
    return this.monoBlocks.gatedLoudness(RELATIVE_GATE_LU);
  }
  /** Loudness range (LRA) in LU; 0 until a short-term block passes the gates. */
  get loudnessRange(): LoudnessUnits {
    return this.shortTermBlocks.range(LRA_RELATIVE_GATE_LU, 0.1, 0.95);
  }
  /** Largest sample magnitude of any channel, in dBFS. */
  get samplePeak(): Decibels {
    let max = 0;
    for (let ch = 0; ch < this.channels; ch++) if (this.samplePeaks[ch] > max) max = this.samplePeaks[ch];
    return gainToDb(max);
  }
  /** True peak in dBTP (BS.1770-4 Annex 2); the sample peak when true peak is off. */
  get truePeak(): Decibels {
    return this.peaks === null ? this.samplePeak : this.peaks.truePeakDb;
  }
  /** Seconds counted in whole 10 ms sub-steps. */
  get measuredSeconds(): number {
    return (this.subSteps * this.subStepFrames) / this.sampleRate;
  }

  reset(): void {
    this.filterState.fill(0);
    this.subStepEnergies.fill(0);
    this.samplePeaks.fill(0);
    this.peaks?.reset();
    this.blocks.reset();
    this.shortTermBlocks.reset();
    this.monoBlocks.reset();
    this.monoSubStepEnergies.fill(0);
    this.monoAccumulator = 0;
    this.accumulator = 0;
    this.subStepPosition = 0;
    this.subSteps = 0;
    this.maxMomentaryEnergy = 0;
    this.maxShortTermEnergy = 0;
  }

  /** Measures `frames` samples of each channel of `inputs`, starting at `from`. */
  process(inputs: ReadonlyArray<Float32Array>, frames: number, from = 0): void {
    const channels = Math.min(inputs.length, this.channels);
    this.peaks?.process(inputs, frames, from);
    let i = from;
    const end = from + frames;
    while (i < end) {
      const length = Math.min(this.subStepFrames - this.subStepPosition, end - i);
      if (this.monoSum && channels === 2) this.filterPair(inputs[0], inputs[1], i, i + length);
      else for (let ch = 0; ch < channels; ch++) this.accumulator += this.weights[ch] * this.filterChannel(inputs[ch], ch, i, i + length);
      this.subStepPosition += length;
      i += length;
      if (this.subStepPosition === this.subStepFrames) this.closeSubStep();
    }
  }

  /** K-weights one channel's segment and returns its sum of squares; tracks the sample peak. */
  private filterChannel(input: Float32Array, ch: number, from: number, to: number): number {
    const c = this.coefficients;
    const b10 = c[0], b11 = c[1], b12 = c[2], a11 = c[3], a12 = c[4];
    const b20 = c[5], b21 = c[6], b22 = c[7], a21 = c[8], a22 = c[9];
    const state = this.filterState;
    const s = ch * 4;
    let s11 = state[s], s12 = state[s + 1], s21 = state[s + 2], s22 = state[s + 3];
    let sum = 0;
    let peak = this.samplePeaks[ch];
    for (let n = from; n < to; n++) {
      const x = input[n];
      const m = x < 0 ? -x : x;
      if (m > peak) peak = m;
      const y1 = b10 * x + s11;
      s11 = b11 * x - a11 * y1 + s12;
      s12 = b12 * x - a12 * y1;
      const y2 = b20 * y1 + s21;
      s21 = b21 * y1 - a21 * y2 + s22;
      s22 = b22 * y1 - a22 * y2;
      sum += y2 * y2;
    }
    state[s] = Math.abs(s11) < DENORMAL_FLOOR ? 0 : s11;
    state[s + 1] = Math.abs(s12) < DENORMAL_FLOOR ? 0 : s12;
    state[s + 2] = Math.abs(s21) < DENORMAL_FLOOR ? 0 : s21;
    state[s + 3] = Math.abs(s22) < DENORMAL_FLOOR ? 0 : s22;
    this.samplePeaks[ch] = peak;
    return sum;
  }

  /**
   * Both channels of a stereo segment in one loop (with `monoSum`): their weighted energies, and
   * the energy of the mono sum from the same filtered samples: 2 ((yL + yR) / 2)^2 per sample.
   */
  private filterPair(left: Float32Array, right: Float32Array, from: number, to: number): void {
    const c = this.coefficients;
    const b10 = c[0], b11 = c[1], b12 = c[2], a11 = c[3], a12 = c[4];
    const b20 = c[5], b21 = c[6], b22 = c[7], a21 = c[8], a22 = c[9];
    const state = this.filterState;
    let l11 = state[0], l12 = state[1], l21 = state[2], l22 = state[3];
    let r11 = state[4], r12 = state[5], r21 = state[6], r22 = state[7];
    let sumL = 0;
    let sumR = 0;
    let sumM = 0;
    let peakL = this.samplePeaks[0];
    let peakR = this.samplePeaks[1];
    for (let n = from; n < to; n++) {
      const xl = left[n];
      const xr = right[n];
      const ml = xl < 0 ? -xl : xl;
      const mr = xr < 0 ? -xr : xr;
      if (ml > peakL) peakL = ml;
      if (mr > peakR) peakR = mr;
      const yl1 = b10 * xl + l11;
      l11 = b11 * xl - a11 * yl1 + l12;
      l12 = b12 * xl - a12 * yl1;
      const yl = b20 * yl1 + l21;
      l21 = b21 * yl1 - a21 * yl + l22;
      l22 = b22 * yl1 - a22 * yl;
      const yr1 = b10 * xr + r11;
      r11 = b11 * xr - a11 * yr1 + r12;
      r12 = b12 * xr - a12 * yr1;
      const yr = b20 * yr1 + r21;
      r21 = b21 * yr1 - a21 * yr + r22;
      r22 = b22 * yr1 - a22 * yr;
      sumL += yl * yl;
      sumR += yr * yr;
      const m = yl + yr;
      sumM += m * m;
    }
    const flush = (v: number) => (Math.abs(v) < DENORMAL_FLOOR ? 0 : v);
    state[0] = flush(l11); state[1] = flush(l12); state[2] = flush(l21); state[3] = flush(l22);
    state[4] = flush(r11); state[5] = flush(r12); state[6] = flush(r21); state[7] = flush(r22);
    this.samplePeaks[0] = peakL;
    this.samplePeaks[1] = peakR;
    this.accumulator += this.weights[0] * sumL + this.weights[1] * sumR;
    this.monoAccumulator += sumM * 0.5;
  }

  private closeSubStep(): void {
    this.subStepEnergies[this.subSteps % SHORT_TERM_SUB_STEPS] = this.accumulator / this.subStepFrames;
    this.accumulator = 0;
    if (this.monoSum) {
      this.monoSubStepEnergies[this.subSteps % MOMENTARY_SUB_STEPS] = this.monoAccumulator / this.subStepFrames;
      this.monoAccumulator = 0;
    }
    this.subStepPosition = 0;
    this.subSteps++;
    const stepEnd = this.subSteps % SUB_STEPS_PER_STEP === 0;
    if (this.subSteps >= MOMENTARY_SUB_STEPS) {
      const momentary = this.windowEnergy(MOMENTARY_SUB_STEPS);
      if (stepEnd) this.blocks.add(momentary);
      if (stepEnd && this.monoSum) {
        let mono = 0;
        for (let k = 0; k < MOMENTARY_SUB_STEPS; k++) mono += this.monoSubStepEnergies[k];
        this.monoBlocks.add(mono / MOMENTARY_SUB_STEPS);
      }
      if (momentary > this.maxMomentaryEnergy) this.maxMomentaryEnergy = momentary;
    }
    if (this.subSteps >= SHORT_TERM_SUB_STEPS) {
      const shortTerm = this.windowEnergy(SHORT_TERM_SUB_STEPS);
      if (stepEnd) this.shortTermBlocks.add(shortTerm);
      if (shortTerm > this.maxShortTermEnergy) this.maxShortTermEnergy = shortTerm;
    }
  }

  /** Mean of the last `count` closed sub-steps (those before the first sample count as silence). */
  private windowEnergy(count: number): number {
    let sum = 0;
    for (let k = 1; k <= count; k++) sum += this.subStepEnergies[(this.subSteps - k + SHORT_TERM_SUB_STEPS * 2) % SHORT_TERM_SUB_STEPS];
    return sum / count;
  }
}
