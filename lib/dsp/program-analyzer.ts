import { LoudnessMeter } from './loudness-meter';
import { assertRange, type Decibels, type GainFactor, type Hertz, type LoudnessUnits, type Lufs, type Seconds } from './units';

export interface ProgramAnalyzerOptions {
  /** @min 8000 @max 384000 @default 48000 */
  sampleRate: Hertz;
  /** @min 1 @max 8 @default 2 */
  channels: number;
  /** Keep the short-term loudness of every 100 ms step (for plots). @default false */
  series: boolean;
  /**
   * A sample at or above this magnitude counts as clipped. The default is the largest positive
   * 16-bit value, so full-scale integer samples decoded to float count. @default 32767 / 32768
   */
  clipLevel: GainFactor;
  /** Consecutive clipped samples (in any one channel) that make an over, as CD mastering counts them. @min 1 @max 100 @default 3 */
  overRun: number;
  /** Overs listed with their times; more are only counted. @min 0 @max 10000 @default 100 */
  maxOversListed: number;
  /** Below this the signal counts as silence at the head and tail. @min -144 @max 0 @default -60 */
  silenceDbfs: Decibels;
}

export interface Over {
  atSec: Seconds;
  channel: number;
  /** Consecutive clipped samples. */
  samples: number;
}

/** Everything the quality report needs of one programme, measured in one streaming pass. */
export interface ProgramMeasurement {
  sampleRate: Hertz;
  channels: number;
  durationSec: Seconds;
  integratedLufs: Lufs;
  loudnessRangeLu: LoudnessUnits;
  momentaryMaxLufs: Lufs;
  shortTermMaxLufs: Lufs;
  truePeakDbtp: Decibels;
  samplePeakDbfs: Decibels;
  /** Mean sample value per channel (linear). */
  dcOffset: number[];
  clippedSamples: number;
  /** Runs of `overRun` or more clipped samples, the first `maxOversListed` of them. */
  overs: Over[];
  overCount: number;
  /** Correlation of left and right over the whole programme (-1..1; 1 for mono); null for 1 channel or silence. */
  phaseCorrelation: number | null;
  /** Integrated loudness lost when left and right are summed to mono ((L + R) / 2 on both): 0 for mono, 3 LU for uncorrelated sides. */
  monoSumLossLu: LoudnessUnits | null;
  headSilenceSec: Seconds;
  tailSilenceSec: Seconds;
  /** Short-term loudness every 100 ms (with `series`). */
  shortTermSeries: Lufs[] | null;
}

/**
 * One pass over a programme for `mixroom analyze`, renders and revisions: BS.1770 / R128 loudness
 * and true peak, sample peak, clipping with the times of overs, DC, phase correlation, mono-sum
 * loss and silence at both ends. Feed planar blocks of any size; `result()` at the end.
 */
export class ProgramAnalyzer {
  static getDefaults(): ProgramAnalyzerOptions {
    return { sampleRate: 48000, channels: 2, series: false, clipLevel: 32767 / 32768, overRun: 3, maxOversListed: 100, silenceDbfs: -60 };
  }

  readonly options: ProgramAnalyzerOptions;
  private readonly meter: LoudnessMeter;
  private readonly sums: Float64Array;
  private readonly runs: Float64Array;
  private readonly runStarts: Float64Array;
  private readonly silence: GainFactor;
  private sumLR = 0;
  private sumLL = 0;
  private sumRR = 0;
  private frames = 0;
  private firstSound = -1;
  private lastSound = -1;
  private clipped = 0;
  private overCount = 0;
  private readonly overs: Over[] = [];
  private readonly series: Lufs[] | null;
  private stepPosition = 0;

  constructor(options: Partial<ProgramAnalyzerOptions> = {}) {
    const o = { ...ProgramAnalyzer.getDefaults(), ...options };
    assertRange('channels', o.channels, 1, 8);
    assertRange('overRun', o.overRun, 1, 100);
    this.options = o;
    this.meter = new LoudnessMeter({ sampleRate: o.sampleRate, channels: o.channels, truePeak: true, monoSum: true });
    this.sums = new Float64Array(o.channels);
    this.runs = new Float64Array(o.channels);
    this.runStarts = new Float64Array(o.channels);
    this.silence = Math.pow(10, o.silenceDbfs / 20);
    this.series = o.series ? [] : null;
  }

  process(inputs: ReadonlyArray<Float32Array>, frames: number): void {
    if (this.series === null) {
      this.measure(inputs, 0, frames);
    } else {
      // Cut at the meter's 100 ms steps, so that each step's short-term value can be read.
      const step = this.meter.stepFrames;
      let at = 0;
      while (at < frames) {
        const n = Math.min(step - this.stepPosition, frames - at);
        this.measure(inputs, at, n);
        at += n;
        this.stepPosition += n;
        if (this.stepPosition === step) {
          this.stepPosition = 0;
          this.series.push(this.meter.shortTerm);
        }
      }
    }
  }

  /** The measurement so far (a run of clipped samples still open at the end counts as ended). */
  result(): ProgramMeasurement {
    this.closeOpenRuns();
    const o = this.options;
    const m = this.meter;
    const rate = o.sampleRate;
    const correlationDenominator = Math.sqrt(this.sumLL * this.sumRR);
    const stereo = o.channels === 2;
    const monoLufs = m.monoIntegrated;
    return {
      sampleRate: rate,
      channels: o.channels,
      durationSec: this.frames / rate,
      integratedLufs: m.integrated,
      loudnessRangeLu: m.loudnessRange,
      momentaryMaxLufs: m.maxMomentary,
      shortTermMaxLufs: m.maxShortTerm,
      truePeakDbtp: m.truePeak,
      samplePeakDbfs: m.samplePeak,
      dcOffset: Array.from(this.sums, (s) => (this.frames === 0 ? 0 : s / this.frames)),
      clippedSamples: this.clipped,
      overs: this.overs,
      overCount: this.overCount,
      phaseCorrelation: !stereo ? null : correlationDenominator > 0 ? this.sumLR / correlationDenominator : null,
      monoSumLossLu: stereo && Number.isFinite(m.integrated) ? m.integrated - monoLufs : null,
      headSilenceSec: (this.firstSound < 0 ? this.frames : this.firstSound) / rate,
      tailSilenceSec: (this.firstSound < 0 ? 0 : this.frames - 1 - this.lastSound) / rate,
      shortTermSeries: this.series,
    };
  }

  private measure(inputs: ReadonlyArray<Float32Array>, from: number, frames: number): void {
    const o = this.options;
    const channels = Math.min(inputs.length, o.channels);
    this.meter.process(inputs, frames, from);
    const level = o.clipLevel;
    for (let ch = 0; ch < channels; ch++) {
      const x = inputs[ch];
      let sum = 0;
      let run = this.runs[ch];
      for (let i = from; i < from + frames; i++) {
        const v = x[i];
        sum += v;
        if (v >= level || v <= -level) {
          if (run === 0) this.runStarts[ch] = this.frames + i - from;
          run++;
          this.clipped++;
        } else if (run > 0) {
          this.closeRun(ch, run);
          run = 0;
        }
      }
      this.runs[ch] = run;
      this.sums[ch] += sum;
    }
    this.findSound(inputs, channels, from, frames);
    if (channels === 2) this.correlate(inputs[0], inputs[1], from, frames);
    this.frames += frames;
  }

  /** The first sample above the silence level (searched until found) and the last (searched back from the block end). */
  private findSound(inputs: ReadonlyArray<Float32Array>, channels: number, from: number, frames: number): void {
    const silence = this.silence;
    const loud = (i: number) => {
      for (let ch = 0; ch < channels; ch++) if (inputs[ch][i] > silence || inputs[ch][i] < -silence) return true;
      return false;
    };
    let last = -1;
    for (let i = from + frames - 1; i >= from; i--) {
      if (loud(i)) {
        last = i;
        break;
      }
    }
    if (last < 0) return;
    this.lastSound = this.frames + last - from;
    if (this.firstSound >= 0) return;
    for (let i = from; i <= last; i++) {
      if (loud(i)) {
        this.firstSound = this.frames + i - from;
        return;
      }
    }
  }

  private correlate(left: Float32Array, right: Float32Array, from: number, frames: number): void {
    let lr = 0;
    let ll = 0;
    let rr = 0;
    for (let i = 0; i < frames; i++) {
      const l = left[from + i];
      const r = right[from + i];
      lr += l * r;
      ll += l * l;
      rr += r * r;
    }
    this.sumLR += lr;
    this.sumLL += ll;
    this.sumRR += rr;
  }

  private closeRun(channel: number, samples: number): void {
    if (samples < this.options.overRun) return;
    this.overCount++;
    if (this.overs.length < this.options.maxOversListed) this.overs.push({ atSec: this.runStarts[channel] / this.options.sampleRate, channel, samples });
  }

  private closeOpenRuns(): void {
    for (let ch = 0; ch < this.options.channels; ch++) {
      if (this.runs[ch] > 0) this.closeRun(ch, this.runs[ch]);
      this.runs[ch] = 0;
    }
  }
}
