import { Lfo, lfoValue, type LfoRate, type LfoWaveform } from './lfo';
import { clampParam, type Hertz, type NormalRange } from './units';

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
export class AutoPan {
  static getDefaults(): Omit<AutoPanOptions, 'sampleRate'> {
    return { depth: 0.7, rate: { hz: 0.5 }, waveform: 'sine' };
  }

  private readonly lfo: Lfo;
  private depthValue: NormalRange;
  private waveform: LfoWaveform;

  constructor(options: Partial<AutoPanOptions> & { sampleRate: Hertz }) {
    const o = { ...AutoPan.getDefaults(), ...options };
    this.lfo = new Lfo(o.rate, o.sampleRate);
    this.depthValue = clampParam('depth', o.depth, 0, 1);
    this.waveform = o.waveform;
  }

  set(options: Partial<Omit<AutoPanOptions, 'sampleRate'>>): void {
    if (options.depth !== undefined) this.depthValue = clampParam('depth', options.depth, 0, 1);
    if (options.waveform !== undefined) this.waveform = options.waveform;
    if (options.rate !== undefined) this.lfo.rate = options.rate;
  }

  get rateHz(): Hertz {
    return this.lfo.rateHz;
  }

  /** Where the next block starts on the timeline: the LFO's phase follows the position (lfo.ts). */
  seek(frame: number): void {
    this.lfo.seek(frame);
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
    const depth = this.depthValue;
    for (let i = 0; i < frames; i++) {
      const x = stereo ? (inL[i] + inR[i]) * Math.SQRT1_2 : inL[i];
      const angle = ((depth * lfoValue(this.waveform, (start + i) * step) + 1) * Math.PI) / 4;
      outL[i] = x * Math.cos(angle);
      outR[i] = x * Math.sin(angle);
    }
  }
}
