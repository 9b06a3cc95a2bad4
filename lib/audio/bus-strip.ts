import { orderedInserts } from '../doc/insert-order';
import type { MixSnapshot } from '../doc/read-mix';
import { dbToGain, Delay, MAX_DAMPING_HZ, type NoteDivision, Reverb, StereoPanner } from '../dsp';
import { addToStereo, scaleBy } from './block-ops';
import { PeakMeter } from './peak-meter';
import { GainRamp } from './gain-ramp';
import { InsertChain } from './insert-chain';
import { MUTE_FADE_SEC } from './track-strip';

export type BusSnapshot = MixSnapshot['buses'][number];

/** Freeverb's in-loop damping is a one-pole with coefficient 0.4 x damping (ReverbOptions.damping). */
const FREEVERB_DAMP_SCALE = 0.4;

/** Reverb size before the document had one (and its default). */
const REVERB_SIZE = 0.6;

/** The top of the document's frequency range (MAX_FREQ_HZ): damping set there means none. */
export const DAMPING_OFF_HZ = 20000;

/**
 * The reverb's damping for a cutoff in Hz: the one-pole coefficient exp(-2 pi fc / fs), as the
 * delay's damping uses, divided by Freeverb's scale. The reverb cannot damp harder than a
 * coefficient of 0.4 (a cutoff near 7 kHz at 48 kHz), so lower cutoffs give its maximum.
 */
export function reverbDamping(dampingHz: number, sampleRate: number): number {
  if (dampingHz >= DAMPING_OFF_HZ) return 0;
  const a = Math.exp((-2 * Math.PI * dampingHz) / sampleRate);
  return Math.min(1, a / FREEVERB_DAMP_SCALE);
}

/**
 * One bus: its input (the sum of the sends and outputs routed to it) -> the effect, 100% wet
 * (reverb and delay buses; a group bus has none) -> inserts -> fader -> pan (stereo law) ->
 * mute/solo -> the master. Every bus feeds the master.
 */
export class BusStrip {
  readonly id: string;
  readonly kind: BusSnapshot['kind'];
  /** Cleared by the engine at every block start, then summed into by tracks. */
  readonly input: [Float32Array, Float32Array];
  private readonly sampleRate: number;
  private readonly reverb: Reverb | null;
  private readonly delay: Delay | null;
  private readonly chain: InsertChain;
  private readonly fader: GainRamp;
  private readonly panner = new StereoPanner();
  private readonly mute: GainRamp;
  /** The output (after mute and solo) for a level meter. */
  readonly meter = new PeakMeter();

  constructor(id: string, kind: BusSnapshot['kind'], sampleRate: number, blockSize: number) {
    this.id = id;
    this.kind = kind;
    this.sampleRate = sampleRate;
    this.input = [new Float32Array(blockSize), new Float32Array(blockSize)];
    this.reverb = kind === 'reverb' ? new Reverb({ sampleRate, mix: 1 }) : null;
    this.delay = kind === 'delay' ? new Delay({ sampleRate, mix: 1, channels: 2 }) : null;
    this.chain = new InsertChain(sampleRate, blockSize);
    this.fader = new GainRamp(1, blockSize);
    this.mute = new GainRamp(0, blockSize, 1 / (MUTE_FADE_SEC * sampleRate));
  }

  /** Takes the bus's settings; `bpm` (`meta.bpm`) sets a synced delay's time (SPEC L19). */
  update(bus: BusSnapshot, anyBusSolo: boolean, bpm = 120): void {
    if (bus.kind === 'reverb' && this.reverb) {
      const p = bus.params;
      this.reverb.decay = p.decaySec;
      this.reverb.preDelayMs = p.preDelayMs;
      this.reverb.damping = reverbDamping(p.dampingHz, this.sampleRate);
      // Revision snapshots from before issue 18 lack size and mix: the values the bus had then.
      const size = p.size ?? REVERB_SIZE;
      if (this.reverb.size !== size) this.reverb.size = size;
      this.reverb.mix = p.mix ?? 1;
    } else if (bus.kind === 'delay' && this.delay) {
      const p = bus.params;
      const sync = p.sync ?? 'off';
      if (sync === 'off') this.delay.timeMs = p.timeMs;
      else this.delay.sync = { bpm, division: sync as NoteDivision };
      this.delay.pingPong = p.pingPong ?? false;
      this.delay.feedback = p.feedback;
      const dampingHz = p.dampingHz >= DAMPING_OFF_HZ ? MAX_DAMPING_HZ : p.dampingHz;
      if (this.delay.dampingHz !== dampingHz) this.delay.dampingHz = dampingHz;
    }
    const strip = bus.strip;
    this.chain.update(strip.eq, strip.comp, orderedInserts(strip.inserts), bpm);
    this.fader.target = dbToGain(strip.gainDb);
    this.panner.pan = strip.pan;
    this.mute.target = strip.mute || (anyBusSolo && !strip.solo) ? 0 : 1;
  }

  get gainReduction(): number {
    return this.chain.gainReduction;
  }

  settle(): void {
    this.chain.settle();
    this.fader.settle();
    this.panner.settle();
    this.mute.settle();
  }

  reset(): void {
    this.reverb?.reset();
    this.delay?.reset();
    this.chain.reset();
  }

  /** Processes the summed input of the block at timeline frame `startFrame` in place and adds the result to `master`. */
  process(master: ReadonlyArray<Float32Array>, frames: number, startFrame: number): void {
    const bufs = this.input;
    if (this.reverb) this.reverb.process(bufs, bufs, frames);
    else if (this.delay) this.delay.process(bufs, bufs, frames);
    this.chain.process(bufs, frames, startFrame);
    const fader = this.fader.next(frames);
    if (fader !== 1) for (let c = 0; c < 2; c++) scaleBy(bufs[c], fader, this.fader.values, frames);
    this.panner.process(bufs, bufs, frames);
    const mute = this.mute.next(frames);
    addToStereo(master, bufs, mute, this.mute.values, frames);
    this.meter.add(bufs, mute, this.mute.values, frames);
  }
}
