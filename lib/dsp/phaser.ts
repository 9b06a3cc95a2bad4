import { Lfo, lfoValue, type LfoRate, type LfoWaveform } from './lfo';
import { assertRange, clampParam, DENORMAL_FLOOR, type Hertz, type NormalRange } from './units';

export interface PhaserOptions {
  /** All-pass stages: each pair makes one notch. @min 2 @max 12 @default 6 */
  stages: number;
  /** Lowest break frequency of the sweep. @min 20 @max 10000 @default 300 */
  minHz: Hertz;
  /** Highest break frequency of the sweep (at depth 1). @min 40 @max 20000 @default 3000 */
  maxHz: Hertz;
  /** Share of the sweep used, on a log scale from minHz. @min 0 @max 1 @default 0.8 */
  depth: NormalRange;
  rate: LfoRate;
  waveform: LfoWaveform;
  /** @min -0.9 @max 0.9 @default 0.4 */
  feedback: number;
  /** At 0.5 the notches are deepest. @min 0 @max 1 @default 0.5 */
  mix: NormalRange;
  /** LFO offset between channels, in cycles. @min 0 @max 0.5 @default 0 */
  stereoPhase: number;
  channels: number;
  sampleRate: Hertz;
}

/**
 * A phaser: a chain of first-order all-pass filters whose break frequency an LFO sweeps
 * exponentially from minHz (a = (tan(pi f/fs) - 1) / (tan(pi f/fs) + 1)), with feedback around the
 * chain; mixing it with the dry signal makes notches that move. Per-sample coefficients: the output
 * does not depend on the block size. Allocation-free after construction.
 */
export class Phaser {
  static getDefaults(): Omit<PhaserOptions, 'channels' | 'sampleRate'> {
    return { stages: 6, minHz: 300, maxHz: 3000, depth: 0.8, rate: { hz: 0.5 }, waveform: 'sine', feedback: 0.4, mix: 0.5, stereoPhase: 0 };
  }

  readonly sampleRate: Hertz;
  readonly channels: number;
  private readonly state: Float64Array;
  private readonly last: Float64Array;
  private readonly lfo: Lfo;
  private o: Omit<PhaserOptions, 'channels' | 'sampleRate' | 'rate'>;

  constructor(options: Partial<PhaserOptions> & { channels: number; sampleRate: Hertz }) {
    assertRange('sampleRate', options.sampleRate, 8000, 384000);
    assertRange('channels', options.channels, 1, 8);
    this.sampleRate = options.sampleRate;
    this.channels = Math.floor(options.channels);
    const o = { ...Phaser.getDefaults(), ...options };
    this.lfo = new Lfo(o.rate, o.sampleRate);
    this.o = { ...Phaser.getDefaults() };
    this.set(o);
    this.state = new Float64Array(12 * this.channels);
    this.last = new Float64Array(this.channels);
  }

  set(options: Partial<Omit<PhaserOptions, 'channels' | 'sampleRate'>>): void {
    const o = this.o;
    if (options.stages !== undefined) o.stages = 2 * Math.round(clampParam('stages', options.stages, 2, 12) / 2);
    if (options.minHz !== undefined) o.minHz = clampParam('minHz', options.minHz, 20, 10000);
    if (options.maxHz !== undefined) o.maxHz = clampParam('maxHz', options.maxHz, 40, 20000);
    if (options.depth !== undefined) o.depth = clampParam('depth', options.depth, 0, 1);
    if (options.feedback !== undefined) o.feedback = clampParam('feedback', options.feedback, -0.9, 0.9);
    if (options.mix !== undefined) o.mix = clampParam('mix', options.mix, 0, 1);
    if (options.stereoPhase !== undefined) o.stereoPhase = clampParam('stereoPhase', options.stereoPhase, 0, 0.5);
    if (options.waveform !== undefined) o.waveform = options.waveform;
    if (options.rate !== undefined) this.lfo.rate = options.rate;
  }

  get rateHz(): Hertz {
    return this.lfo.rateHz;
  }

  reset(): void {
    this.state.fill(0);
    this.last.fill(0);
    this.lfo.reset();
  }

  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const channels = Math.min(inputs.length, outputs.length, this.channels);
    const { stages, minHz, depth, feedback, mix, stereoPhase, waveform } = this.o;
    const nyquistGuard = 0.45 * this.sampleRate;
    const top = Math.min(Math.max(this.o.maxHz, minHz), nyquistGuard);
    const span = depth * Math.log(top / Math.min(minHz, top));
    const { origin, offset } = this.lfo.advance(frames);
    const step = this.lfo.step;
    const k = Math.PI / this.sampleRate;
    for (let ch = 0; ch < channels; ch++) {
      const input = inputs[ch];
      const output = outputs[ch];
      const s = ch * 12;
      const channelOrigin = origin + (ch % 2) * stereoPhase;
      let fb = this.last[ch];
      for (let i = 0; i < frames; i++) {
        // The LFO from 0..1 maps the break frequency exponentially over the sweep.
        const f = Math.min(minHz * Math.exp(span * 0.5 * (1 + lfoValue(waveform, channelOrigin + (offset + i) * step))), nyquistGuard);
        const t = Math.tan(k * f);
        const a = (t - 1) / (t + 1);
        const x = input[i];
        let y = x + feedback * fb;
        for (let n = 0; n < stages; n++) {
          // y[n] = a x[n] + x[n-1] - a y[n-1], state = x[n-1] - a y[n-1] (transposed direct form).
          const z = this.state[s + n];
          const out = a * y + z;
          this.state[s + n] = y - a * out;
          y = out;
        }
        fb = y;
        output[i] = (1 - mix) * x + mix * y;
      }
      this.last[ch] = Math.abs(fb) < DENORMAL_FLOOR ? 0 : fb;
      for (let n = 0; n < stages; n++) if (Math.abs(this.state[s + n]) < DENORMAL_FLOOR) this.state[s + n] = 0;
    }
  }
}
