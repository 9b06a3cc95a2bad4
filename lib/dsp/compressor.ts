import { assertRange, clampParam, type Decibels, type Hertz, type Seconds } from './units';

export interface CompressorOptions {
  /** Level above which the gain is reduced, in dBFS. @min -60 @max 0 @default -24 */
  threshold: Decibels;
  /** Input dB above threshold per output dB above threshold. @min 1 @max 100 @default 4 */
  ratio: number;
  /** Width of the soft knee centred on the threshold, in dB (0 is a hard knee). @min 0 @max 24 @default 6 */
  knee: Decibels;
  /** Time for the gain reduction to cover 1 - 1/e of a step towards more reduction. @min 0.0001 @max 1 @default 0.01 */
  attack: Seconds;
  /** Time for the gain reduction to cover 1 - 1/e of a step towards less reduction. @min 0.005 @max 5 @default 0.1 */
  release: Seconds;
  /** Gain added after compression, in dB. @min -24 @max 36 @default 0 */
  makeup: Decibels;
  /** One gain for all channels from the loudest detector channel (keeps the stereo image). @default true */
  link: boolean;
  /** Samples between two runs of the gain computer; the gain is ramped linearly in between. @min 1 @max 1024 @default 32 */
  controlInterval: number;
  /** @min 1 @max 32 @default 2 */
  channels: number;
  /** @min 8000 @max 384000 @default 48000 */
  sampleRate: Hertz;
}

const MAX_DETECTOR_DB: Decibels = 120;

/**
 * The static curve with a soft knee (Giannoulis, Massberg and Reiss, "Digital Dynamic Range
 * Compressor Design", JAES 2012, eq. 4): the output level in dB for an input level in dB.
 */
export function compressorCurve(input: Decibels, threshold: Decibels, ratio: number, knee: Decibels): Decibels {
  const over = input - threshold;
  if (2 * over < -knee) return input;
  if (2 * Math.abs(over) <= knee && knee > 0) {
    const t = over + knee / 2;
    return input + ((1 / ratio - 1) * t * t) / (2 * knee);
  }
  return threshold + over / ratio;
}

/**
 * Feed-forward compressor with a control-rate gain computer. Every `controlInterval` samples the
 * peak of the detector over the last interval goes through the static curve; the gain change in
 * dB is smoothed by a one-pole (attack when reduction grows, release when it shrinks), and the
 * linear gain ramps to the new value over the next interval. The output therefore does not depend
 * on how the audio is cut into blocks. Detection may come from a separate sidechain input.
 */
export class Compressor {
  static getDefaults(): CompressorOptions {
    return {
      threshold: -24, ratio: 4, knee: 6, attack: 0.01, release: 0.1, makeup: 0,
      link: true, controlInterval: 32, channels: 2, sampleRate: 48000,
    };
  }

  readonly sampleRate: Hertz;
  readonly channels: number;
  readonly controlInterval: number;
  readonly link: boolean;
  private thresholdValue: Decibels;
  private ratioValue: number;
  private kneeValue: Decibels;
  private makeupValue: Decibels;
  private attackValue: Seconds;
  private releaseValue: Seconds;
  private attackCoefficient = 0;
  private releaseCoefficient = 0;
  /**
   * Per detector group (one when linked): peak so far in this interval, smoothed gain change in
   * dB, and the linear gain ramp of this interval (gain at sample p of it: start + step * (p + 1)).
   */
  private readonly peak: Float64Array;
  private readonly smoothedDb: Float64Array;
  private readonly rampStart: Float64Array;
  private readonly rampStep: Float64Array;
  /** Samples of the current interval already processed. */
  private position = 0;

  constructor(options: Partial<CompressorOptions> = {}) {
    const o = { ...Compressor.getDefaults(), ...options };
    assertRange('sampleRate', o.sampleRate, 8000, 384000);
    assertRange('channels', o.channels, 1, 32);
    assertRange('controlInterval', o.controlInterval, 1, 1024);
    this.sampleRate = o.sampleRate;
    this.channels = Math.floor(o.channels);
    this.controlInterval = Math.floor(o.controlInterval);
    this.link = o.link;
    this.thresholdValue = clampParam('threshold', o.threshold, -60, 0);
    this.ratioValue = clampParam('ratio', o.ratio, 1, 100);
    this.kneeValue = clampParam('knee', o.knee, 0, 24);
    this.makeupValue = clampParam('makeup', o.makeup, -24, 36);
    this.attackValue = clampParam('attack', o.attack, 0.0001, 1);
    this.releaseValue = clampParam('release', o.release, 0.005, 5);
    this.updateCoefficients();
    const groups = this.link ? 1 : this.channels;
    this.peak = new Float64Array(groups);
    this.smoothedDb = new Float64Array(groups);
    this.rampStart = new Float64Array(groups).fill(Math.pow(10, this.makeupValue / 20));
    this.rampStep = new Float64Array(groups);
  }

  get threshold(): Decibels {
    return this.thresholdValue;
  }
  set threshold(value: Decibels) {
    this.thresholdValue = clampParam('threshold', value, -60, 0);
  }
  get ratio(): number {
    return this.ratioValue;
  }
  set ratio(value: number) {
    this.ratioValue = clampParam('ratio', value, 1, 100);
  }
  get knee(): Decibels {
    return this.kneeValue;
  }
  set knee(value: Decibels) {
    this.kneeValue = clampParam('knee', value, 0, 24);
  }
  get makeup(): Decibels {
    return this.makeupValue;
  }
  set makeup(value: Decibels) {
    this.makeupValue = clampParam('makeup', value, -24, 36);
  }
  get attack(): Seconds {
    return this.attackValue;
  }
  set attack(value: Seconds) {
    this.attackValue = clampParam('attack', value, 0.0001, 1);
    this.updateCoefficients();
  }
  get release(): Seconds {
    return this.releaseValue;
  }
  set release(value: Seconds) {
    this.releaseValue = clampParam('release', value, 0.005, 5);
    this.updateCoefficients();
  }

  /** Current gain change in dB without makeup (0 or negative; the most negative channel when unlinked), for a meter. */
  get gainReduction(): Decibels {
    let min = 0;
    for (let g = 0; g < this.smoothedDb.length; g++) if (this.smoothedDb[g] < min) min = this.smoothedDb[g];
    return min;
  }

  reset(): void {
    this.peak.fill(0);
    this.smoothedDb.fill(0);
    this.rampStart.fill(Math.pow(10, this.makeupValue / 20));
    this.rampStep.fill(0);
    this.position = 0;
  }

  /**
   * Compresses `inputs` into `outputs` (may be the same arrays). `sidechain` feeds the detector
   * and defaults to the inputs; with `link` off, channel c is detected from sidechain channel c
   * (or the last sidechain channel when it has fewer).
   */
  process(
    inputs: ReadonlyArray<Float32Array>,
    outputs: ReadonlyArray<Float32Array>,
    frames: number,
    sidechain: ReadonlyArray<Float32Array> = inputs,
  ): void {
    const channels = Math.min(inputs.length, outputs.length, this.channels);
    const detectors = sidechain.length;
    if (channels === 0 || detectors === 0) return;
    let i = 0;
    while (i < frames) {
      const length = Math.min(this.controlInterval - this.position, frames - i);
      const end = i + length;
      if (this.link) {
        let peak = this.peak[0];
        for (let d = 0; d < detectors; d++) {
          const s = sidechain[d];
          for (let n = i; n < end; n++) {
            const v = Math.abs(s[n]);
            if (v > peak) peak = v;
          }
        }
        this.peak[0] = peak;
      } else {
        for (let ch = 0; ch < channels; ch++) {
          const s = sidechain[Math.min(ch, detectors - 1)];
          let peak = this.peak[ch];
          for (let n = i; n < end; n++) {
            const v = Math.abs(s[n]);
            if (v > peak) peak = v;
          }
          this.peak[ch] = peak;
        }
      }
      for (let ch = 0; ch < channels; ch++) {
        const group = this.link ? 0 : ch;
        const input = inputs[ch];
        const output = outputs[ch];
        const start = this.rampStart[group];
        const step = this.rampStep[group];
        let p = this.position;
        for (let n = i; n < end; n++) {
          p++;
          output[n] = input[n] * (start + step * p);
        }
      }
      this.position += length;
      i = end;
      if (this.position === this.controlInterval) {
        const groups = this.link ? 1 : channels;
        for (let g = 0; g < groups; g++) this.control(g);
        this.position = 0;
      }
    }
  }

  private control(group: number): void {
    const peak = this.peak[group];
    this.peak[group] = 0;
    // Capped so that an infinite sample cannot leave the smoothed gain stuck at -Infinity.
    const level = peak > 0 ? Math.min(MAX_DETECTOR_DB, 20 * Math.log10(peak)) : -Infinity;
    const change = level === -Infinity ? 0 : compressorCurve(level, this.thresholdValue, this.ratioValue, this.kneeValue) - level;
    const previous = this.smoothedDb[group];
    const a = change < previous ? this.attackCoefficient : this.releaseCoefficient;
    let smoothed = a * previous + (1 - a) * change;
    if (smoothed > -1e-12) smoothed = 0;
    this.smoothedDb[group] = smoothed;
    const target = Math.pow(10, (smoothed + this.makeupValue) / 20);
    const start = this.rampStart[group] + this.rampStep[group] * this.controlInterval;
    this.rampStart[group] = start;
    this.rampStep[group] = (target - start) / this.controlInterval;
  }

  /** One-pole coefficient per control step: exp(-interval / (tau * fs)) reaches 1 - 1/e after tau. */
  private updateCoefficients(): void {
    const steps = this.sampleRate / this.controlInterval;
    this.attackCoefficient = Math.exp(-1 / (this.attackValue * steps));
    this.releaseCoefficient = Math.exp(-1 / (this.releaseValue * steps));
  }
}
