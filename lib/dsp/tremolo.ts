import { lfoValue } from './lfo';
import { ModulationEffect, type ModulationOptions } from './modulation-effect';
import type { Hertz } from './units';

/** Tremolo's settings: the common ones without feedback. Depth 1 goes to silence at the LFO's bottom. */
export type TremoloOptions = Omit<ModulationOptions, 'feedback'>;

/**
 * Tremolo: gain(t) = 1 - depth * (1 - lfo(t)) / 2, between 1 and 1 - depth, as sox's `tremolo`
 * (a sine LFO, depth in percent). Allocation-free; per-sample LFO on the timeline (`seek`).
 */
export class Tremolo extends ModulationEffect {
  static getDefaults(): Omit<TremoloOptions, 'channels' | 'sampleRate'> {
    return { depth: 0.5, rate: { hz: 5 }, waveform: 'sine', stereoPhase: 0, mix: 1 };
  }

  constructor(options: Partial<TremoloOptions> & { channels: number; sampleRate: Hertz }) {
    const o = { ...Tremolo.getDefaults(), ...options };
    super(o, 0);
    this.set(o);
  }

  /** No state but the LFO's position. */
  reset(): void {}

  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const channels = Math.min(inputs.length, outputs.length, this.channels);
    const { depth, mix, waveform } = this.common;
    const start = this.lfo.advance(frames);
    const step = this.lfo.step;
    for (let ch = 0; ch < channels; ch++) {
      const input = inputs[ch];
      const output = outputs[ch];
      const offset = this.phaseOffset(ch);
      for (let i = 0; i < frames; i++) {
        const gain = 1 - (depth * (1 - lfoValue(waveform, (start + i) * step + offset))) / 2;
        output[i] = input[i] * (1 - mix + mix * gain);
      }
    }
  }
}
