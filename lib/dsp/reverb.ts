import {
  assertRange, clampParam, DENORMAL_FLOOR,
  type Hertz, type Milliseconds, type NormalRange, type Seconds,
} from './units';

export interface ReverbOptions {
  /** Room size: scales every comb and all-pass length from 0.5x to 1.25x of Freeverb's tuning. @min 0 @max 1 @default 0.6 */
  size: NormalRange;
  /** Reverberation time (RT60) of the combs, in seconds, before damping. @min 0.1 @max 20 @default 2 */
  decay: Seconds;
  /** High-frequency damping inside the combs (one-pole coefficient 0.4 x damping, as Freeverb). @min 0 @max 1 @default 0.5 */
  damping: NormalRange;
  /** Delay before the reverb starts, in ms. @min 0 @max 500 @default 20 */
  preDelayMs: Milliseconds;
  /** Stereo width of the wet signal: 0 is mono, 1 fully decorrelated. @min 0 @max 1 @default 1 */
  width: NormalRange;
  /** Wet share of the output: out = (1 - mix) * dry + mix * wet. @min 0 @max 1 @default 0.3 */
  mix: NormalRange;
  /** @min 8000 @max 384000 @default 48000 */
  sampleRate: Hertz;
}

/** Freeverb's tuning in samples at 44.1 kHz (Jezar at Dreampoint, public domain). */
const COMB_TUNING = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
const ALLPASS_TUNING = [556, 441, 341, 225];
const STEREO_SPREAD = 23;
const TUNING_RATE: Hertz = 44100;
const MAX_SIZE_SCALE = 1.25;
const MIN_SIZE_SCALE = 0.5;
const INPUT_GAIN = 0.015;
const WET_SCALE = 3;
const ALLPASS_FEEDBACK = 0.5;
const MAX_PRE_DELAY_MS: Milliseconds = 500;
const FILTERS = COMB_TUNING.length + ALLPASS_TUNING.length;

/**
 * A stereo Freeverb (8 parallel damped combs and 4 series all-passes per side, the right side's
 * lengths 23 samples longer) with a pre-delay on the mono input. Every comb's feedback comes from
 * the requested RT60, g = 10^(-3 L / (fs RT60)), so all combs decay alike. There is no noise or
 * modulation anywhere: the same input always gives the same output. Changing `size` re-tunes
 * the lengths and is not click-free; the other parameters are.
 */
export class Reverb {
  static getDefaults(): ReverbOptions {
    return { size: 0.6, decay: 2, damping: 0.5, preDelayMs: 20, width: 1, mix: 0.3, sampleRate: 48000 };
  }

  readonly sampleRate: Hertz;
  private readonly buffers: Float64Array;
  /** Per filter (2 sides x 12): start offset in `buffers`, current length and index. */
  private readonly offsets: Int32Array;
  private readonly lengths: Int32Array;
  private readonly indices: Int32Array;
  private readonly combFeedback: Float64Array;
  private readonly combStore: Float64Array;
  private readonly preDelayLine: Float64Array;
  private preDelayIndex = 0;
  private sizeValue: number;
  private decayValue: Seconds;
  private dampingValue: number;
  private preDelayValue: Milliseconds;
  private widthValue: number;
  private mixValue: number;

  constructor(options: Partial<ReverbOptions> = {}) {
    const o = { ...Reverb.getDefaults(), ...options };
    assertRange('sampleRate', o.sampleRate, 8000, 384000);
    this.sampleRate = o.sampleRate;
    this.offsets = new Int32Array(2 * FILTERS);
    this.lengths = new Int32Array(2 * FILTERS);
    this.indices = new Int32Array(2 * FILTERS);
    this.combFeedback = new Float64Array(2 * COMB_TUNING.length);
    this.combStore = new Float64Array(2 * COMB_TUNING.length);
    let total = 0;
    for (let side = 0; side < 2; side++) {
      for (let f = 0; f < FILTERS; f++) {
        this.offsets[side * FILTERS + f] = total;
        total += this.scaledLength(f, side, MAX_SIZE_SCALE);
      }
    }
    this.buffers = new Float64Array(total);
    this.preDelayLine = new Float64Array(Math.ceil((MAX_PRE_DELAY_MS / 1000) * o.sampleRate) + 1);
    this.sizeValue = clampParam('size', o.size, 0, 1);
    this.decayValue = clampParam('decay', o.decay, 0.1, 20);
    this.dampingValue = clampParam('damping', o.damping, 0, 1);
    this.preDelayValue = clampParam('preDelayMs', o.preDelayMs, 0, MAX_PRE_DELAY_MS);
    this.widthValue = clampParam('width', o.width, 0, 1);
    this.mixValue = clampParam('mix', o.mix, 0, 1);
    this.retune();
  }

  get size(): number {
    return this.sizeValue;
  }
  set size(value: number) {
    this.sizeValue = clampParam('size', value, 0, 1);
    this.retune();
  }
  get decay(): Seconds {
    return this.decayValue;
  }
  set decay(value: Seconds) {
    this.decayValue = clampParam('decay', value, 0.1, 20);
    this.updateFeedback();
  }
  get damping(): number {
    return this.dampingValue;
  }
  set damping(value: number) {
    this.dampingValue = clampParam('damping', value, 0, 1);
  }
  get preDelayMs(): Milliseconds {
    return this.preDelayValue;
  }
  set preDelayMs(value: Milliseconds) {
    this.preDelayValue = clampParam('preDelayMs', value, 0, MAX_PRE_DELAY_MS);
  }
  get width(): number {
    return this.widthValue;
  }
  set width(value: number) {
    this.widthValue = clampParam('width', value, 0, 1);
  }
  get mix(): number {
    return this.mixValue;
  }
  set mix(value: number) {
    this.mixValue = clampParam('mix', value, 0, 1);
  }

  reset(): void {
    this.buffers.fill(0);
    this.combStore.fill(0);
    this.preDelayLine.fill(0);
    this.indices.fill(0);
    this.preDelayIndex = 0;
  }

  /** `inputs` has 1 or 2 channels (summed to mono for the tank); `outputs` needs 2 (may alias inputs). */
  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    if (inputs.length === 0 || outputs.length < 2) return;
    const inL = inputs[0];
    const inR = inputs.length > 1 ? inputs[1] : inputs[0];
    const outL = outputs[0];
    const outR = outputs[1];
    const buffers = this.buffers;
    const offsets = this.offsets;
    const lengths = this.lengths;
    const indices = this.indices;
    const feedback = this.combFeedback;
    const store = this.combStore;
    const pre = this.preDelayLine;
    const preLength = pre.length;
    const preDelay = Math.round((this.preDelayValue / 1000) * this.sampleRate);
    const damp = 0.4 * this.dampingValue;
    const wet = WET_SCALE * this.mixValue;
    const wet1 = wet * (this.widthValue / 2 + 0.5);
    const wet2 = wet * ((1 - this.widthValue) / 2);
    const dry = 1 - this.mixValue;
    const combs = COMB_TUNING.length;
    for (let i = 0; i < frames; i++) {
      const l = inL[i];
      const r = inR[i];
      pre[this.preDelayIndex] = (l + r) * INPUT_GAIN;
      let readIndex = this.preDelayIndex - preDelay;
      if (readIndex < 0) readIndex += preLength;
      const input = pre[readIndex];
      this.preDelayIndex = this.preDelayIndex + 1 === preLength ? 0 : this.preDelayIndex + 1;
      let left = 0;
      let right = 0;
      for (let side = 0; side < 2; side++) {
        let sum = 0;
        for (let c = 0; c < combs; c++) {
          const f = side * FILTERS + c;
          const at = offsets[f] + indices[f];
          const y = buffers[at];
          const s = side * combs + c;
          store[s] = y * (1 - damp) + store[s] * damp;
          buffers[at] = input + store[s] * feedback[s];
          indices[f] = indices[f] + 1 === lengths[f] ? 0 : indices[f] + 1;
          sum += y;
        }
        for (let a = combs; a < FILTERS; a++) {
          const f = side * FILTERS + a;
          const at = offsets[f] + indices[f];
          const delayed = buffers[at];
          buffers[at] = sum + delayed * ALLPASS_FEEDBACK;
          sum = delayed - sum;
          indices[f] = indices[f] + 1 === lengths[f] ? 0 : indices[f] + 1;
        }
        if (side === 0) left = sum;
        else right = sum;
      }
      outL[i] = dry * l + wet1 * left + wet2 * right;
      outR[i] = dry * r + wet1 * right + wet2 * left;
    }
    for (let s = 0; s < store.length; s++) if (Math.abs(store[s]) < DENORMAL_FLOOR) store[s] = 0;
  }

  private scaledLength(filter: number, side: number, scale: number): number {
    const tuning = filter < COMB_TUNING.length ? COMB_TUNING[filter] : ALLPASS_TUNING[filter - COMB_TUNING.length];
    return Math.max(1, Math.round((tuning + side * STEREO_SPREAD) * scale * (this.sampleRate / TUNING_RATE)));
  }

  private retune(): void {
    const scale = MIN_SIZE_SCALE + (MAX_SIZE_SCALE - MIN_SIZE_SCALE) * this.sizeValue;
    for (let side = 0; side < 2; side++) {
      for (let f = 0; f < FILTERS; f++) {
        const k = side * FILTERS + f;
        this.lengths[k] = this.scaledLength(f, side, scale);
        if (this.indices[k] >= this.lengths[k]) this.indices[k] = 0;
      }
    }
    this.updateFeedback();
  }

  private updateFeedback(): void {
    const combs = COMB_TUNING.length;
    for (let side = 0; side < 2; side++) {
      for (let c = 0; c < combs; c++) {
        const length = this.lengths[side * FILTERS + c];
        this.combFeedback[side * combs + c] = Math.pow(10, (-3 * length) / (this.sampleRate * this.decayValue));
      }
    }
  }
}
