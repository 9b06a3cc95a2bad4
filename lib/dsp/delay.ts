import { noteDuration, type NoteDivision } from './note-duration';
import {
  assertRange, clampParam, DENORMAL_FLOOR,
  type Bpm, type Hertz, type Milliseconds, type NormalRange,
} from './units';

export interface DelayOptions {
  /** Delay time in ms (ignored while `sync` is set). @min 1 @max maxTimeMs @default 375 */
  timeMs: Milliseconds;
  /** Tempo sync: the time is one `division` at `bpm`. @default null */
  sync: { bpm: Bpm; division: NoteDivision } | null;
  /** Share of each echo fed back into the line. @min 0 @max 0.98 @default 0.35 */
  feedback: NormalRange;
  /** Cutoff of the one-pole low-pass inside the loop, in Hz; at its maximum (or at 0.49 x sampleRate if lower) it is off. @min 200 @max 22000 @default 8000 */
  dampingHz: Hertz;
  /** Wet share of the output: out = (1 - mix) * dry + mix * wet. @min 0 @max 1 @default 0.25 */
  mix: NormalRange;
  /**
   * With two channels: the echoes alternate between them. Both inputs, summed, feed the left line;
   * the left line's echo feeds the right line and the right's feeds the left, each scaled by
   * `feedback`: the first echo is on the left at 1 x time, the second on the right at 2 x time.
   * @default false
   */
  pingPong: boolean;
  /** Longest time the line can hold, allocated once. @min 10 @max 10000 @default 4000 */
  maxTimeMs: Milliseconds;
  /** @min 1 @max 8 @default 2 */
  channels: number;
  /** @min 8000 @max 384000 @default 48000 */
  sampleRate: Hertz;
}

export const MAX_DAMPING_HZ: Hertz = 22000;

/**
 * A feedback delay per channel: wet = lowpass(line[t - time]), line[t] = in + feedback * wet.
 * The read position is linearly interpolated; a time change glides across the next block.
 */
export class Delay {
  static getDefaults(): DelayOptions {
    return {
      timeMs: 375, sync: null, feedback: 0.35, dampingHz: 8000, mix: 0.25, pingPong: false,
      maxTimeMs: 4000, channels: 2, sampleRate: 48000,
    };
  }

  readonly sampleRate: Hertz;
  readonly channels: number;
  readonly maxTimeMs: Milliseconds;
  private readonly length: number;
  private readonly lines: Float64Array;
  private readonly lowpass: Float64Array;
  private writeIndex = 0;
  private timeValue: Milliseconds;
  private syncValue: DelayOptions['sync'];
  private currentDelay: number;
  private feedbackValue: number;
  private dampingValue: Hertz;
  private dampingCoefficient = 0;
  private mixValue: number;
  /** Ping-pong (needs two channels). */
  pingPong: boolean;

  constructor(options: Partial<DelayOptions> = {}) {
    const o = { ...Delay.getDefaults(), ...options };
    assertRange('sampleRate', o.sampleRate, 8000, 384000);
    assertRange('channels', o.channels, 1, 8);
    assertRange('maxTimeMs', o.maxTimeMs, 10, 10000);
    this.sampleRate = o.sampleRate;
    this.channels = Math.floor(o.channels);
    this.maxTimeMs = o.maxTimeMs;
    this.length = Math.ceil((o.maxTimeMs / 1000) * o.sampleRate) + 2;
    this.lines = new Float64Array(this.length * this.channels);
    this.lowpass = new Float64Array(this.channels);
    this.timeValue = clampParam('timeMs', o.timeMs, 1, this.maxTimeMs);
    this.syncValue = null;
    this.feedbackValue = clampParam('feedback', o.feedback, 0, 0.98);
    this.dampingValue = clampParam('dampingHz', o.dampingHz, 200, MAX_DAMPING_HZ);
    this.mixValue = clampParam('mix', o.mix, 0, 1);
    this.pingPong = o.pingPong;
    this.updateDamping();
    if (o.sync !== null) this.sync = o.sync;
    this.currentDelay = this.targetDelay();
  }

  /** The effective delay time in ms (from `sync` when set). */
  get timeMs(): Milliseconds {
    return this.timeValue;
  }
  /** Setting a time stops following the tempo. */
  set timeMs(value: Milliseconds) {
    this.syncValue = null;
    this.timeValue = clampParam('timeMs', value, 1, this.maxTimeMs);
  }
  get sync(): DelayOptions['sync'] {
    return this.syncValue;
  }
  /** Setting a tempo and division sets the time to that note length; null keeps the time and stops following. */
  set sync(value: DelayOptions['sync']) {
    if (value === null) {
      this.syncValue = null;
      return;
    }
    const ms = noteDuration(value.bpm, value.division) * 1000;
    this.timeValue = clampParam('timeMs', ms, 1, this.maxTimeMs);
    this.syncValue = { bpm: value.bpm, division: value.division };
  }
  get feedback(): number {
    return this.feedbackValue;
  }
  set feedback(value: number) {
    this.feedbackValue = clampParam('feedback', value, 0, 0.98);
  }
  get dampingHz(): Hertz {
    return this.dampingValue;
  }
  set dampingHz(value: Hertz) {
    this.dampingValue = clampParam('dampingHz', value, 200, MAX_DAMPING_HZ);
    this.updateDamping();
  }
  get mix(): number {
    return this.mixValue;
  }
  set mix(value: number) {
    this.mixValue = clampParam('mix', value, 0, 1);
  }

  reset(): void {
    this.lines.fill(0);
    this.lowpass.fill(0);
    this.writeIndex = 0;
    this.currentDelay = this.targetDelay();
  }

  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const channels = Math.min(inputs.length, outputs.length, this.channels);
    if (this.pingPong && channels === 2) return this.processPingPong(inputs, outputs, frames);
    const from = this.currentDelay;
    const to = this.targetDelay();
    const step = from === to ? 0 : (to - from) / frames;
    const length = this.length;
    const feedback = this.feedbackValue;
    const a = this.dampingCoefficient;
    const wetGain = this.mixValue;
    const dryGain = 1 - wetGain;
    for (let ch = 0; ch < channels; ch++) {
      const input = inputs[ch];
      const output = outputs[ch];
      const base = ch * length;
      let write = this.writeIndex;
      let lp = this.lowpass[ch];
      for (let i = 0; i < frames; i++) {
        const delay = step === 0 ? to : from + step * (i + 1);
        let position = write - delay;
        if (position < 0) position += length;
        const index = Math.floor(position);
        const frac = position - index;
        const next = index + 1 === length ? 0 : index + 1;
        const read = this.lines[base + index] + frac * (this.lines[base + next] - this.lines[base + index]);
        lp = read + a * (lp - read);
        const x = input[i];
        this.lines[base + write] = x + feedback * lp;
        output[i] = dryGain * x + wetGain * lp;
        write = write + 1 === length ? 0 : write + 1;
      }
      this.lowpass[ch] = Math.abs(lp) < DENORMAL_FLOOR ? 0 : lp;
    }
    this.writeIndex = (this.writeIndex + frames) % length;
    this.currentDelay = to;
  }

  /** The two lines cross-fed, sample by sample (`pingPong`). */
  private processPingPong(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const from = this.currentDelay;
    const to = this.targetDelay();
    const step = from === to ? 0 : (to - from) / frames;
    const length = this.length;
    const lines = this.lines;
    const feedback = this.feedbackValue;
    const a = this.dampingCoefficient;
    const wetGain = this.mixValue;
    const dryGain = 1 - wetGain;
    const [inL, inR] = inputs;
    const [outL, outR] = outputs;
    let write = this.writeIndex;
    let lpL = this.lowpass[0];
    let lpR = this.lowpass[1];
    for (let i = 0; i < frames; i++) {
      const delay = step === 0 ? to : from + step * (i + 1);
      let position = write - delay;
      if (position < 0) position += length;
      const index = Math.floor(position);
      const frac = position - index;
      const next = index + 1 === length ? 0 : index + 1;
      const readL = lines[index] + frac * (lines[next] - lines[index]);
      const readR = lines[length + index] + frac * (lines[length + next] - lines[length + index]);
      lpL = readL + a * (lpL - readL);
      lpR = readR + a * (lpR - readR);
      const xL = inL[i];
      const xR = inR[i];
      lines[write] = xL + xR + feedback * lpR;
      lines[length + write] = feedback * lpL;
      outL[i] = dryGain * xL + wetGain * lpL;
      outR[i] = dryGain * xR + wetGain * lpR;
      write = write + 1 === length ? 0 : write + 1;
    }
    this.lowpass[0] = Math.abs(lpL) < DENORMAL_FLOOR ? 0 : lpL;
    this.lowpass[1] = Math.abs(lpR) < DENORMAL_FLOOR ? 0 : lpR;
    this.writeIndex = (this.writeIndex + frames) % length;
    this.currentDelay = to;
  }

  private targetDelay(): number {
    return (this.timeValue / 1000) * this.sampleRate;
  }

  /** One-pole y = x + a (y' - x) with a = exp(-2 pi fc / fs); off (a = 0) at the top of the range. */
  private updateDamping(): void {
    const off = this.dampingValue >= Math.min(MAX_DAMPING_HZ, 0.49 * this.sampleRate);
    this.dampingCoefficient = off ? 0 : Math.exp((-2 * Math.PI * this.dampingValue) / this.sampleRate);
  }
}
