import type { MixSnapshot } from '../doc/read-mix';
import type { AutomationPoint } from '../doc/types';
import { orderedInserts } from '../doc/insert-order';
import { dbToGain, fadeGain, StereoPanner, type FadeShape } from '../dsp';
import { laneHoldAt, laneValueAt } from './automation-lane';
import { addToStereo, scaleBy } from './block-ops';
import { PeakMeter } from './peak-meter';
import { GainRamp, multiplyGains } from './gain-ramp';
import { InsertChain } from './insert-chain';

export type TrackSnapshot = MixSnapshot['tracks'][number];
type Lane = ReadonlyArray<AutomationPoint>;

/** Mute, solo and the other on/off switches fade over this time, so switching does not click. */
export const MUTE_FADE_SEC = 0.005;

/** One send of a track: where it goes, and its level ramp (starts at 0, so a new send fades in). */
interface SendSlot {
  busId: string;
  pre: boolean;
  levelDb: number;
  /** dbToGain(levelDb), computed once per update rather than per block. */
  levelGain: number;
  lane: Lane | null;
  level: GainRamp;
  /** The bus input it adds into (stereo). */
  dest: ReadonlyArray<Float32Array>;
  /** Left in the document no more: ramps to 0, then is dropped by the next `update`. */
  removed: boolean;
}

/** What the engine resolves for a track: the bus inputs by id, the master sum, the solo state, the tempo. */
export interface TrackRouting {
  busInput(busId: string): ReadonlyArray<Float32Array> | undefined;
  master: ReadonlyArray<Float32Array>;
  anyTrackSolo: boolean;
  anyBusSolo: boolean;
  /** `meta.bpm`, for tempo-synced inserts. */
  bpm: number;
}

/** A clip at the document's defaults: the whole stem, 0 dB, no fades (SPEC L20). */
const WHOLE_STEM: TrackSnapshot['clip'] = {
  trimStartSec: 0,
  trimEndSec: 0,
  gainDb: 0,
  fadeIn: { durationSec: 0, curve: 'equal_power' },
  fadeOut: { durationSec: 0, curve: 'equal_power' },
};

/** Where the clip sounds, in stem frames, and its fades in frames (SPEC L20). */
interface ClipFrames {
  trimStart: number;
  trimEnd: number;
  fadeIn: number;
  fadeInCurve: FadeShape;
  fadeOut: number;
  fadeOutCurve: FadeShape;
}

/**
 * One track: clip -> trim and polarity -> inserts (filters, EQ, compressor) -> pre-fader sends ->
 * fader -> pan -> mute/solo -> post-fader sends and the output. Every stage that is neutral is
 * skipped, so a track with only fader and pan set costs two multiplies (or one) per sample and is
 * exact (README.md "Float operation order").
 */
export class TrackStrip {
  readonly id: string;
  private readonly sampleRate: number;
  private readonly blockSize: number;
  private readonly work: [Float32Array, Float32Array];
  private readonly monoView: Float32Array[];
  private readonly stereoView: Float32Array[];
  private stem: ReadonlyArray<Float32Array> | null = null;
  private offsetFrames = 0;
  private clip: ClipFrames = { trimStart: 0, trimEnd: 0, fadeIn: 0, fadeInCurve: 'linear', fadeOut: 0, fadeOutCurve: 'linear' };
  /** A mono stem with an auto-pan insert: stereo from its inserts on. */
  private widen = false;
  /** Clip gain x trim x polarity: one multiply. */
  private readonly trim: GainRamp;
  private readonly chain: InsertChain;
  private readonly fader: GainRamp;
  private readonly panner = new StereoPanner();
  private readonly mute: GainRamp;
  /** 0 while a bus is soloed and this track feeds the master directly. */
  private readonly direct: GainRamp;
  private sends: SendSlot[] = [];
  private readonly sendGains: Float64Array;
  private dest: ReadonlyArray<Float32Array>;
  private gainDb = 0;
  private gain = 1;
  private pan = 0;
  private muted = false;
  private lanes: { gainDb: Lane | null; pan: Lane | null; mute: Lane | null } = { gainDb: null, pan: null, mute: null };
  /** The output (after mute and solo) for a level meter. */
  readonly meter = new PeakMeter();
  /** Where a copy of the strip's output goes (the spectrum view), or null. */
  tap: ReadonlyArray<Float32Array> | null = null;
  /**
   * With the engine's `watchClipping`: the largest magnitude before the fader (after trim, EQ and
   * compressor) and the first timeline frame above full scale (-1: none yet).
   */
  clipWatch: { peak: number; firstOverFrame: number } | null = null;

  constructor(id: string, sampleRate: number, blockSize: number, master: ReadonlyArray<Float32Array>) {
    this.id = id;
    this.sampleRate = sampleRate;
    this.blockSize = blockSize;
    this.work = [new Float32Array(blockSize), new Float32Array(blockSize)];
    this.monoView = [this.work[0]];
    this.stereoView = [this.work[0], this.work[1]];
    this.trim = new GainRamp(1, blockSize);
    this.chain = new InsertChain(sampleRate, blockSize);
    this.fader = new GainRamp(1, blockSize);
    // A new track fades in (unless the engine settles because playback starts here).
    this.mute = new GainRamp(0, blockSize, 1 / (MUTE_FADE_SEC * sampleRate));
    this.direct = new GainRamp(1, blockSize, 1 / (MUTE_FADE_SEC * sampleRate));
    this.sendGains = new Float64Array(blockSize);
    this.dest = master;
  }

  get gainReduction(): number {
    return this.chain.gainReduction;
  }

  setStem(channels: ReadonlyArray<Float32Array> | null): void {
    this.stem = channels;
  }

  /** Takes the track's settings from the snapshot; changes ramp in over the next block. */
  update(track: TrackSnapshot, routing: TrackRouting): void {
    const strip = track.strip;
    // Snapshots stored before issue 18 (revisions) have no clip and no inserts: their defaults.
    const clip = track.clip ?? WHOLE_STEM;
    const sr = this.sampleRate;
    this.offsetFrames = Math.round(track.offsetSec * sr);
    this.clip = {
      trimStart: Math.round(clip.trimStartSec * sr),
      trimEnd: Math.round(clip.trimEndSec * sr),
      fadeIn: Math.round(clip.fadeIn.durationSec * sr),
      fadeInCurve: clip.fadeIn.curve,
      fadeOut: Math.round(clip.fadeOut.durationSec * sr),
      fadeOutCurve: clip.fadeOut.curve,
    };
    this.trim.target = dbToGain(clip.gainDb) * dbToGain(strip.trimDb) * (strip.phase ? -1 : 1);
    this.chain.update(strip.eq, strip.comp, orderedInserts(strip.inserts), routing.bpm, track.automation as Readonly<Record<string, Lane>>);
    this.widen = this.chain.widens;
    this.gainDb = strip.gainDb;
    this.gain = dbToGain(strip.gainDb);
    this.pan = strip.pan;
    this.muted = strip.mute || (routing.anyTrackSolo && !strip.solo);
    const automation = track.automation as Readonly<Record<string, Lane>>;
    this.lanes = { gainDb: nonEmpty(automation.gainDb), pan: nonEmpty(automation.pan), mute: nonEmpty(automation.mute) };
    const output = routing.busInput(strip.output);
    this.dest = output ?? routing.master;
    this.direct.target = routing.anyBusSolo && !output ? 0 : 1;

    const previous = new Map(this.sends.filter((s) => !(s.removed && s.level.value === 0)).map((s) => [s.busId, s]));
    const sends: SendSlot[] = [];
    for (const [busId, send] of Object.entries(strip.sends)) {
      const dest = routing.busInput(busId);
      if (!dest) continue;
      const slot = previous.get(busId) ?? { busId, level: new GainRamp(0, this.blockSize), pre: send.pre, levelDb: 0, levelGain: 0, lane: null, dest, removed: false };
      previous.delete(busId);
      Object.assign(slot, { pre: send.pre, levelDb: send.levelDb, levelGain: dbToGain(send.levelDb), lane: nonEmpty(automation[`send:${busId}`]), dest, removed: false });
      sends.push(slot);
    }
    for (const slot of previous.values()) sends.push(Object.assign(slot, { removed: true, lane: null }));
    this.sends = sends;
  }

  /** Sets the ramp targets for the block from `startSec` to `endSec` (automation read at the block end). */
  control(startSec: number, endSec: number): void {
    this.chain.control(startSec);
    const lanes = this.lanes;
    this.fader.target = lanes.gainDb ? dbToGain(laneValueAt(lanes.gainDb, endSec, this.gainDb)) : this.gain;
    this.panner.pan = lanes.pan ? laneValueAt(lanes.pan, endSec, this.pan) : this.pan;
    const muted = lanes.mute ? laneHoldAt(lanes.mute, startSec, 0) >= 0.5 || this.muted : this.muted;
    this.mute.target = muted ? 0 : 1;
    for (let k = 0; k < this.sends.length; k++) {
      const s = this.sends[k];
      s.level.target = s.removed ? 0 : s.lane ? dbToGain(laneValueAt(s.lane, endSec, s.levelDb)) : s.levelGain;
    }
  }

  /** Jumps every ramp and switch to its target (fresh start or seek). */
  settle(): void {
    this.trim.settle();
    this.chain.settle();
    this.fader.settle();
    this.panner.settle();
    this.mute.settle();
    this.direct.settle();
    for (let k = 0; k < this.sends.length; k++) this.sends[k].level.settle();
  }

  /** Clears all processor state (seek). */
  reset(): void {
    this.chain.reset();
  }

  /** Renders the block starting at timeline frame `startFrame` and adds it to its output and sends. */
  process(startFrame: number, frames: number): void {
    const stem = this.stem;
    if (stem === null) return;
    let bufs = stem.length > 1 ? this.stereoView : this.monoView;
    this.readClip(stem, startFrame, frames);

    const trim = this.trim.next(frames);
    if (trim !== 1) for (let c = 0; c < bufs.length; c++) scaleBy(bufs[c], trim, this.trim.values, frames);
    this.chain.processStrip(bufs, frames);
    const widened = bufs.length === 1 && this.widen;
    if (widened) {
      // Mono to both sides at -3 dB; the panner then keeps the mono law's level at every pan (monoPair).
      const l = this.work[0];
      const r = this.work[1];
      for (let i = 0; i < frames; i++) l[i] = r[i] = l[i] * Math.SQRT1_2;
      bufs = this.stereoView;
    }
    this.panner.monoPair = widened;
    this.chain.processInserts(bufs, frames, startFrame);
    if (this.clipWatch !== null) this.watchClipping(bufs, startFrame, frames);

    const mute = this.mute.next(frames);
    this.addSends(true, bufs, mute, frames);
    const fader = this.fader.next(frames);
    if (fader !== 1) for (let c = 0; c < bufs.length; c++) scaleBy(bufs[c], fader, this.fader.values, frames);
    this.panner.process(bufs, this.stereoView, frames);
    this.addSends(false, this.stereoView, mute, frames);

    const direct = this.direct.next(frames);
    const out = multiplyGains(mute, this.mute.values, direct, this.direct.values, this.sendGains, frames);
    addToStereo(this.dest, this.stereoView, out, this.sendGains, frames);
    this.meter.add(this.stereoView, out, this.sendGains, frames);
    if (this.tap !== null) addToStereo(this.tap, this.stereoView, out, this.sendGains, frames);
  }

  private watchClipping(bufs: ReadonlyArray<Float32Array>, startFrame: number, frames: number): void {
    const watch = this.clipWatch!;
    for (let c = 0; c < bufs.length; c++) {
      const buf = bufs[c];
      for (let i = 0; i < frames; i++) {
        const m = buf[i] < 0 ? -buf[i] : buf[i];
        if (m <= 1) continue;
        if (m > watch.peak) watch.peak = m;
        if (watch.firstOverFrame < 0 || startFrame + i < watch.firstOverFrame) watch.firstOverFrame = startFrame + i;
      }
    }
  }

  /**
   * Places the stem at its offset, trimmed: silence before and after the audible part,
   * sample-accurate; the fades multiply each audible frame by their gains (SPEC L20, L15).
   */
  private readClip(stem: ReadonlyArray<Float32Array>, startFrame: number, frames: number): void {
    const first = startFrame - this.offsetFrames;
    const clip = this.clip;
    const length = stem[0].length;
    const lo = Math.min(length, clip.trimStart);
    const hi = Math.max(lo, length - clip.trimEnd);
    const from = Math.min(frames, Math.max(0, lo - first));
    const to = Math.max(from, Math.min(frames, hi - first));
    for (let c = 0; c < stem.length && c < 2; c++) {
      const src = stem[c];
      const dst = this.work[c];
      for (let i = 0; i < from; i++) dst[i] = 0;
      for (let i = from; i < to; i++) dst[i] = src[first + i];
      for (let i = to; i < frames; i++) dst[i] = 0;
    }
    const inEnd = lo + clip.fadeIn;
    const outStart = hi - clip.fadeOut;
    if (first + from >= inEnd && (clip.fadeOut === 0 || first + to <= outStart)) return;
    const channels = Math.min(stem.length, 2);
    for (let i = from; i < to; i++) {
      const n = first + i;
      let g = 1;
      if (n < inEnd) g = fadeGain(clip.fadeInCurve, (n - lo) / clip.fadeIn);
      if (clip.fadeOut > 0 && n >= outStart) g *= fadeGain(clip.fadeOutCurve, (hi - n) / clip.fadeOut);
      if (g === 1) continue;
      for (let c = 0; c < channels; c++) this.work[c][i] = this.work[c][i] * g;
    }
  }

  private addSends(pre: boolean, bufs: ReadonlyArray<Float32Array>, mute: number, frames: number): void {
    for (let k = 0; k < this.sends.length; k++) {
      const s = this.sends[k];
      if (s.pre !== pre) continue;
      const level = s.level.next(frames);
      const g = multiplyGains(level, s.level.values, mute, this.mute.values, this.sendGains, frames);
      addToStereo(s.dest, bufs, g, this.sendGains, frames);
    }
  }
}

function nonEmpty(lane: Lane | undefined): Lane | null {
  return lane !== undefined && lane.length > 0 ? lane : null;
}
