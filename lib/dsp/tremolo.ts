import { Lfo, lfoValue, type LfoRate, type LfoWaveform } from './lfo';
import { assertRange, clampParam, type Hertz, type NormalRange } from './units';

export interface TremoloOptions {
  /** How far the gain dips: 1 goes to silence at the LFO's bottom. @min 0 @max 1 @default 0.5 */
  depth: NormalRange;
  rate: LfoRate;
  waveform: LfoWaveform;
  /** LFO offset between channels, in cycles (0.5 alternates them). @min 0 @max 0.5 @default 0 */
  stereoPhase: number;
  /** @min 0 @max 1 @default 1 */
  mix: NormalRange;
  channels: number;
  sampleRate: Hertz;
}

/**
 * Tremolo: gain(t) = 1 - depth * (1 - lfo(t)) / 2, between 1 and 1 - depth, as sox's `tremolo`
 * (a sine LFO, depth in percent). Allocation-free; per-sample LFO.
 */
export class Tremolo {
  static getDefaults(): Omit<TremoloOptions, 'channels' | 'sampleRate'> {
    return { depth: 0.5, rate: { hz: 5 }, waveform: 'sine', stereoPhase: 0, mix: 1 };
  }

  readonly sampleRate: Hertz;
  readonly channels: number;
  private readonly lfo: Lfo;
  private o: Omit<TremoloOptions, 'channels' | 'sampleRate' | 'rate'>;

  constructor(options: Partial<TremoloOptions> & { channels: number; sampleRate: Hertz }) {
    assertRange('sampleRate', options.sampleRate, 8000, 384000);
    assertRange('channels', options.channels, 1, 8);
    this.sampleRate = options.sampleRate;
    this.channels = Math.floor(options.channels);
    const o = { ...Tremolo.getDefaults(), ...options };
    this.lfo = new Lfo(o.rate, o.sampleRate);
    this.o = { ...Tremolo.getDefaults() };
    this.set(o);
  }

  set(options: Partial<Omit<TremoloOptions, 'channels' | 'sampleRate'>>): void {
    if (options.depth !== undefined) this.o.depth = clampParam('depth', options.depth, 0, 1);
    if (options.stereoPhase !== undefined) this.o.stereoPhase = clampParam('stereoPhase', options.stereoPhase, 0, 0.5);
    if (options.mix !== undefined) this.o.mix = clampParam('mix', options.mix, 0, 1);
    if (options.waveform !== undefined) this.o.waveform = options.waveform;
    if (options.rate !== undefined) this.lfo.rate = options.rate;
  }

  get rateHz(): Hertz {
    return this.lfo.rateHz;
  }

  reset(): void {
    this.lfo.reset();
  }

  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const channels = Math.min(inputs.length, outputs.length, this.channels);
    const { depth, stereoPhase, mix, waveform } = this.o;
    const { origin, offset } = this.lfo.advance(frames);
    const step = this.lfo.step;
    for (let ch = 0; ch < channels; ch++) {
      const input = inputs[ch];
      const output = outputs[ch];
      const channelOrigin = origin + (ch % 2) * stereoPhase;
      for (let i = 0; i < frames; i++) {
        const gain = 1 - (depth * (1 - lfoValue(waveform, channelOrigin + (offset + i) * step))) / 2;
        output[i] = input[i] * (1 - mix + mix * gain);
      }
    }
  }
}
