import { lfoValue } from './lfo';
import { ModulationEffect, type ModulationOptions } from './modulation-effect';
import { clampParam, DENORMAL_FLOOR, type Hertz, type Milliseconds } from './units';

export interface ModulatedDelayOptions extends ModulationOptions {
  /** Centre delay, in ms. @min 0.1 @max 50 */
  baseMs: Milliseconds;
  /** Sweep either side of the centre at depth 1, in ms. @min 0 @max 20 */
  sweepMs: Milliseconds;
}

/** The feedback bound of the swept delay. */
const MAX_FEEDBACK = 0.95;

/**
 * A delay line whose time an LFO sweeps: delay(t) = baseMs + depth * sweepMs * lfo(t), read with
 * linear interpolation, with feedback (at most ±0.95). Chorus and Flanger are its two settings.
 * Allocation-free after construction; the LFO phase follows the timeline (`seek`, lfo.ts), so the
 * output does not depend on the block size or on where playback started.
 */
export class ModulatedDelay extends ModulationEffect {
  private readonly length: number;
  private readonly lines: Float64Array;
  private writeIndex = 0;
  private baseMs = 1;
  private sweepMs = 0;

  constructor(options: ModulatedDelayOptions) {
    super(options, MAX_FEEDBACK);
    this.set(options);
    // The longest delay the settings can ever ask for: 50 + 20 ms, plus room for interpolation.
    this.length = Math.ceil(0.072 * options.sampleRate) + 2;
    this.lines = new Float64Array(this.length * this.channels);
  }

  /** Changes any setting (clamped to its range); takes effect at the next block. */
  override set(options: Partial<Omit<ModulatedDelayOptions, 'channels' | 'sampleRate'>>): void {
    super.set(options);
    if (options.baseMs !== undefined) this.baseMs = clampParam('baseMs', options.baseMs, 0.1, 50);
    if (options.sweepMs !== undefined) this.sweepMs = clampParam('sweepMs', options.sweepMs, 0, 20);
  }

  reset(): void {
    this.lines.fill(0);
    this.writeIndex = 0;
  }

  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const channels = Math.min(inputs.length, outputs.length, this.channels);
    const { depth, feedback, mix, waveform } = this.common;
    const toFrames = this.sampleRate / 1000;
    const base = this.baseMs * toFrames;
    const sweep = depth * this.sweepMs * toFrames;
    const start = this.lfo.advance(frames);
    const step = this.lfo.step;
    const length = this.length;
    for (let ch = 0; ch < channels; ch++) {
      const input = inputs[ch];
      const output = outputs[ch];
      const line = ch * length;
      const offset = this.phaseOffset(ch);
      let write = this.writeIndex;
      for (let i = 0; i < frames; i++) {
        const delay = base + sweep * lfoValue(waveform, (start + i) * step + offset);
        let position = write - delay;
        if (position < 0) position += length;
        const index = Math.floor(position);
        const frac = position - index;
        const next = index + 1 === length ? 0 : index + 1;
        const wet = this.lines[line + index] + frac * (this.lines[line + next] - this.lines[line + index]);
        const x = input[i];
        const fed = x + feedback * wet;
        this.lines[line + write] = Math.abs(fed) < DENORMAL_FLOOR ? 0 : fed;
        output[i] = (1 - mix) * x + mix * wet;
        write = write + 1 === length ? 0 : write + 1;
      }
    }
    this.writeIndex = (this.writeIndex + frames) % length;
  }
}

/** Chorus: a 12 ms delay swept by up to ±8 ms, slowly, channels in quadrature. */
export function createChorus(options: { channels: number; sampleRate: Hertz }): ModulatedDelay {
  return new ModulatedDelay({ baseMs: 12, sweepMs: 8, depth: 0.5, rate: { hz: 0.8 }, waveform: 'sine', feedback: 0, mix: 0.5, stereoPhase: 0.25, ...options });
}

/** Flanger: a 2.5 ms delay swept by up to ±2.4 ms, with feedback for the comb's resonance. */
export function createFlanger(options: { channels: number; sampleRate: Hertz }): ModulatedDelay {
  return new ModulatedDelay({ baseMs: 2.5, sweepMs: 2.4, depth: 0.7, rate: { hz: 0.25 }, waveform: 'triangle', feedback: 0.5, mix: 0.5, stereoPhase: 0, ...options });
}
