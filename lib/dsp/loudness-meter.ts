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
    return { sampleRate: 48000, channels: 2, channelWeights: null, truePeak: true };
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
      for (let ch = 0; ch < channels; ch++) this.accumulator += this.weights[ch] * this.filterChannel(inputs[ch], ch, i, i + length);
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

  private closeSubStep(): void {
    this.subStepEnergies[this.subSteps % SHORT_TERM_SUB_STEPS] = this.accumulator / this.subStepFrames;
    this.accumulator = 0;
    this.subStepPosition = 0;
    this.subSteps++;
    const stepEnd = this.subSteps % SUB_STEPS_PER_STEP === 0;
    if (this.subSteps >= MOMENTARY_SUB_STEPS) {
      const momentary = this.windowEnergy(MOMENTARY_SUB_STEPS);
      if (stepEnd) this.blocks.add(momentary);
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
