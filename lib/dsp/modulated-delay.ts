import { Lfo, lfoValue, type LfoRate, type LfoWaveform } from './lfo';
import { assertRange, clampParam, DENORMAL_FLOOR, type Hertz, type Milliseconds, type NormalRange } from './units';

export interface ModulatedDelayOptions {
  /** Centre delay, in ms. @min 0.1 @max 50 */
  baseMs: Milliseconds;
  /** Sweep either side of the centre at depth 1, in ms. @min 0 @max 20 */
  sweepMs: Milliseconds;
  /** Share of the sweep used. @min 0 @max 1 */
  depth: NormalRange;
  rate: LfoRate;
  waveform: LfoWaveform;
  /** Share of the delayed signal fed back (negative inverts it). @min -0.95 @max 0.95 */
  feedback: number;
  /** Wet share: out = (1 - mix) * dry + mix * wet. @min 0 @max 1 */
  mix: NormalRange;
  /** LFO phase offset between channels, in cycles (0.25 = 90°: a wide stereo image). @min 0 @max 0.5 */
  stereoPhase: number;
  /** @min 1 @max 8 */
  channels: number;
  /** @min 8000 @max 384000 */
  sampleRate: Hertz;
}

/**
 * A delay line whose time an LFO sweeps: delay(t) = baseMs + depth * sweepMs * lfo(t), read with
 * linear interpolation, with feedback. Chorus and Flanger are its two settings. Allocation-free
 * after construction; the LFO runs per sample, so the output does not depend on the block size.
 */
export class ModulatedDelay {
  readonly sampleRate: Hertz;
  readonly channels: number;
  private readonly length: number;
  private readonly lines: Float64Array;
  private readonly lfo: Lfo;
  private writeIndex = 0;
  private o: Omit<ModulatedDelayOptions, 'channels' | 'sampleRate' | 'rate'>;

  constructor(options: ModulatedDelayOptions) {
    assertRange('sampleRate', options.sampleRate, 8000, 384000);
    assertRange('channels', options.channels, 1, 8);
    this.sampleRate = options.sampleRate;
    this.channels = Math.floor(options.channels);
    this.lfo = new Lfo(options.rate, options.sampleRate);
    this.o = { baseMs: 1, sweepMs: 0, depth: 0, waveform: options.waveform, feedback: 0, mix: 0, stereoPhase: 0 };
    this.set(options);
    // The longest delay the settings can ever ask for: 50 + 20 ms, plus room for interpolation.
    this.length = Math.ceil(0.072 * options.sampleRate) + 2;
    this.lines = new Float64Array(this.length * this.channels);
  }

  /** Changes any setting (clamped to its range); takes effect at the next block. */
  set(options: Partial<Omit<ModulatedDelayOptions, 'channels' | 'sampleRate'>>): void {
    const o = this.o;
    if (options.baseMs !== undefined) o.baseMs = clampParam('baseMs', options.baseMs, 0.1, 50);
    if (options.sweepMs !== undefined) o.sweepMs = clampParam('sweepMs', options.sweepMs, 0, 20);
    if (options.depth !== undefined) o.depth = clampParam('depth', options.depth, 0, 1);
    if (options.feedback !== undefined) o.feedback = clampParam('feedback', options.feedback, -0.95, 0.95);
    if (options.mix !== undefined) o.mix = clampParam('mix', options.mix, 0, 1);
    if (options.stereoPhase !== undefined) o.stereoPhase = clampParam('stereoPhase', options.stereoPhase, 0, 0.5);
    if (options.waveform !== undefined) o.waveform = options.waveform;
    if (options.rate !== undefined) this.lfo.rate = options.rate;
  }

  get rateHz(): Hertz {
    return this.lfo.rateHz;
  }

  reset(): void {
    this.lines.fill(0);
    this.writeIndex = 0;
    this.lfo.reset();
  }

  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    const channels = Math.min(inputs.length, outputs.length, this.channels);
    const { baseMs, sweepMs, depth, feedback, mix, stereoPhase, waveform } = this.o;
    const toFrames = this.sampleRate / 1000;
    const base = baseMs * toFrames;
    const sweep = depth * sweepMs * toFrames;
    const { origin, offset: counted } = this.lfo.advance(frames);
    const step = this.lfo.step;
    const length = this.length;
    for (let ch = 0; ch < channels; ch++) {
      const input = inputs[ch];
      const output = outputs[ch];
      const line = ch * length;
      const channelOrigin = origin + (ch % 2) * stereoPhase;
      let write = this.writeIndex;
      for (let i = 0; i < frames; i++) {
        const delay = base + sweep * lfoValue(waveform, channelOrigin + (counted + i) * step);
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
