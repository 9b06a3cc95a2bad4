import { lfoValue, type LfoRate, type LfoWaveform } from './lfo';
import { ModulationEffect } from './modulation-effect';
import type { Hertz, NormalRange } from './units';

export interface AutoPanOptions {
  /** How far from the centre the sound swings: 1 reaches hard left and right. @min 0 @max 1 @default 0.7 */
  depth: NormalRange;
  rate: LfoRate;
  waveform: LfoWaveform;
  sampleRate: Hertz;
}

/**
 * Auto-pan of a stereo signal: the pan position p(t) = depth * lfo(t) moves the image between the
 * channels with the equal-power law (cos, sin of (p + 1) pi / 4), so the power is constant. The
 * stereo input is summed to mono first (an auto-pan of an already wide signal would mostly move
 * its balance). Mono in: panned out to two channels. The LFO follows the timeline (`seek`).
 * Allocation-free.
 */
export class AutoPan extends ModulationEffect {
  static getDefaults(): Omit<AutoPanOptions, 'sampleRate'> {
    return { depth: 0.7, rate: { hz: 0.5 }, waveform: 'sine' };
  }

  constructor(options: Partial<AutoPanOptions> & { sampleRate: Hertz }) {
    const o = { ...AutoPan.getDefaults(), ...options };
    super({ ...o, channels: 2 }, 0);
    this.set(o);
  }

  /** No state but the LFO's position. */
  reset(): void {}

  /** `inputs`: one or two channels; `outputs`: two. */
  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const [inL, inR] = inputs;
    const [outL, outR] = outputs;
    const stereo = inR !== undefined && inputs.length > 1;
    const start = this.lfo.advance(frames);
    const step = this.lfo.step;
    const { depth, waveform } = this.common;
    for (let i = 0; i < frames; i++) {
      const x = stereo ? (inL[i] + inR[i]) * Math.SQRT1_2 : inL[i];
      const angle = ((depth * lfoValue(waveform, (start + i) * step) + 1) * Math.PI) / 4;
      outL[i] = x * Math.cos(angle);
      outR[i] = x * Math.sin(angle);
    }
  }
}
