import { lfoValue } from './lfo';
import { ModulationEffect, type ModulationOptions } from './modulation-effect';
import { clampParam, DENORMAL_FLOOR, type Hertz } from './units';

export interface PhaserOptions extends ModulationOptions {
  /** All-pass stages: each pair makes one notch. @min 2 @max 12 @default 6 */
  stages: number;
  /** Lowest break frequency of the sweep. @min 20 @max 10000 @default 300 */
  minHz: Hertz;
  /** Highest break frequency of the sweep (at depth 1). @min 40 @max 20000 @default 3000 */
  maxHz: Hertz;
}

/** The feedback bound around the all-pass chain. */
const MAX_FEEDBACK = 0.9;

/**
 * A phaser: a chain of first-order all-pass filters whose break frequency an LFO sweeps
 * exponentially from minHz (a = (tan(pi f/fs) - 1) / (tan(pi f/fs) + 1)), with feedback (at most
 * ±0.9) around the chain; mixing it with the dry signal makes notches that move. Depth is the share
 * of the sweep on a log scale from minHz; at mix 0.5 the notches are deepest. Per-sample
 * coefficients from an LFO on the timeline (`seek`): the output does not depend on the block size
 * or on where playback started. Allocation-free after construction.
 */
export class Phaser extends ModulationEffect {
  static getDefaults(): Omit<PhaserOptions, 'channels' | 'sampleRate'> {
    return { stages: 6, minHz: 300, maxHz: 3000, depth: 0.8, rate: { hz: 0.5 }, waveform: 'sine', feedback: 0.4, mix: 0.5, stereoPhase: 0 };
  }

  private readonly state: Float64Array;
  private readonly last: Float64Array;
  private stages = 6;
  private minHz = 300;
  private maxHz = 3000;

  constructor(options: Partial<PhaserOptions> & { channels: number; sampleRate: Hertz }) {
    const o = { ...Phaser.getDefaults(), ...options };
    super(o, MAX_FEEDBACK);
    this.set(o);
    this.state = new Float64Array(12 * this.channels);
    this.last = new Float64Array(this.channels);
  }

  override set(options: Partial<Omit<PhaserOptions, 'channels' | 'sampleRate'>>): void {
    super.set(options);
    if (options.stages !== undefined) this.stages = 2 * Math.round(clampParam('stages', options.stages, 2, 12) / 2);
    if (options.minHz !== undefined) this.minHz = clampParam('minHz', options.minHz, 20, 10000);
    if (options.maxHz !== undefined) this.maxHz = clampParam('maxHz', options.maxHz, 40, 20000);
  }

  reset(): void {
    this.state.fill(0);
    this.last.fill(0);
  }

  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const channels = Math.min(inputs.length, outputs.length, this.channels);
    const { depth, feedback, mix, waveform } = this.common;
    const { stages, minHz } = this;
    const nyquistGuard = 0.45 * this.sampleRate;
    const top = Math.min(Math.max(this.maxHz, minHz), nyquistGuard);
    const span = depth * Math.log(top / Math.min(minHz, top));
    const start = this.lfo.advance(frames);
    const step = this.lfo.step;
    const k = Math.PI / this.sampleRate;
    for (let ch = 0; ch < channels; ch++) {
      const input = inputs[ch];
      const output = outputs[ch];
      const s = ch * 12;
      const offset = this.phaseOffset(ch);
      let fb = this.last[ch];
      for (let i = 0; i < frames; i++) {
        // The LFO from 0..1 maps the break frequency exponentially over the sweep.
        const f = Math.min(minHz * Math.exp(span * 0.5 * (1 + lfoValue(waveform, (start + i) * step + offset))), nyquistGuard);
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
