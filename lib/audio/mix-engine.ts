import type { MixSnapshot } from '../doc/read-mix';
import type { MeterFrame } from './engine/protocol';
import { assertRange, LoudnessMeter, type Hertz } from '../dsp';
import { BusStrip } from './bus-strip';
import { MasterSection, type MasterMode } from './master-section';
import { mixLengthSec } from './mix-length';
import { MonitorSection, type MonitorSettings } from './monitor';
import { PeakMeter } from './peak-meter';
import { playedStemId } from './pitch-prepass';
import { StereoScope } from './stereo-scope';
import { TrackStrip, type TrackRouting } from './track-strip';

/** The per-sample gains argument of a constant gain (never read). */
const NO_RAMP = new Float64Array(0);

export interface MixEngineOptions {
  /** The rate of the stems and the output; stems must already be at this rate. @min 8000 @max 384000 */
  sampleRate: Hertz;
  /**
   * Largest block processed at once, and the control rate: automation is read and parameter
   * changes ramp once per block. 128 is the AudioWorklet render quantum. @min 1 @max 8192 @default 128
   */
  blockSize: number;
  /** Keep peak meters per track and on the master (`takeMeters`). @default false */
  metering: boolean;
  /**
   * How much of the master section runs after the mix bus: 'full' (live playback, mastered
   * renders), 'pre' (up to the normalisation gain: what a render's loudness analysis measures) or
   * 'off' (the plain sum: a mix render). @default 'full'
   */
  master: MasterMode;
  /** Record where each track goes over full scale before its fader (`preFaderClips`, for the quality report of a mix render). @default false */
  watchClipping: boolean;
  /**
   * Live playback only: the monitor stage (`setMonitor`: A/B of master and mix, mono, side, swap,
   * translation devices, platform preview) after the meters, a loudness meter of the mix for the
   * A/B's matching, and the master's phase correlation and goniometer points in `takeMeters`.
   * Never on in a render. @default false
   */
  monitoring: boolean;
}

/** How often (frames at 48 kHz scale: every 100 ms) the A/B matching gains follow the meters. */
const MATCH_EVERY_SEC = 0.1;

/**
 * The mix engine: tracks -> buses -> master bus -> master section, block by block, in float.
 * Nothing is clipped; only the master's limiter, when on, bounds the level. The same class
 * runs in the AudioWorklet, a Web Worker and Node. `setMix` and `setStem` allocate; `process`
 * neither allocates nor throws. Signal flow and the exact order of float operations: README.md.
 */
export class MixEngine {
  static getDefaults(): Omit<MixEngineOptions, 'sampleRate'> {
    return { blockSize: 128, metering: false, master: 'full', watchClipping: false, monitoring: false };
  }

  readonly sampleRate: Hertz;
  readonly blockSize: number;
  private tracks: TrackStrip[] = [];
  private buses: BusStrip[] = [];
  private readonly stems = new Map<string, ReadonlyArray<Float32Array>>();
  /** Each track's own stem and the stem it plays (its pitch-corrected copy, when it has one). */
  private stemOfTrack = new Map<string, { own: string | null; played: string | null }>();
  private readonly master: [Float32Array, Float32Array];
  private readonly masterSection: MasterSection;
  private snapshot: MixSnapshot | null = null;
  /**
   * Frames the mix runs ahead of the output, the master section's latency (a multiple of the
   * block size, fixed at each seek): the output at frame N is the mastered mix of frame N.
   */
  private latency = 0;
  /** The frame the next block must start at to be continuous; anything else is a seek. */
  private nextFrame = NaN;
  readonly metering: boolean;
  private readonly watchClipping: boolean;
  private readonly masterMeters = [new PeakMeter(), new PeakMeter()] as const;
  /** With metering: BS.1770 loudness and true peak of the output since `resetLoudness`. */
  private readonly loudness: LoudnessMeter | null;
  /** The master's channels as 1-channel views, for its meters. */
  private readonly masterViews: ReadonlyArray<Float32Array>[];
  private tapTrackId: string | null = null;
  private tap: [Float32Array, Float32Array] | null = null;
  /** With monitoring: the monitor stage, the mix delayed by the master's latency, its loudness, the scope. */
  private readonly monitor: MonitorSection | null;
  private dryRing: [Float32Array, Float32Array] = [new Float32Array(0), new Float32Array(0)];
  private dryWrite = 0;
  private readonly dry: [Float32Array, Float32Array];
  private readonly mixLoudness: LoudnessMeter | null;
  private readonly scope: StereoScope | null;
  private sinceMatch = 0;

  constructor(options: Pick<MixEngineOptions, 'sampleRate'> & Partial<MixEngineOptions>) {
    const o = { ...MixEngine.getDefaults(), ...options };
    assertRange('sampleRate', o.sampleRate, 8000, 384000);
    assertRange('blockSize', o.blockSize, 1, 8192);
    this.sampleRate = o.sampleRate;
    this.blockSize = Math.floor(o.blockSize);
    this.metering = o.metering;
    this.watchClipping = o.watchClipping;
    for (const meter of this.masterMeters) meter.on = o.metering;
    this.master = [new Float32Array(this.blockSize), new Float32Array(this.blockSize)];
    this.masterSection = new MasterSection(this.sampleRate, this.blockSize, o.master);
    this.loudness = o.metering || o.monitoring ? new LoudnessMeter({ sampleRate: this.sampleRate, channels: 2 }) : null;
    this.masterViews = [[this.master[0]], [this.master[1]]];
    this.monitor = o.monitoring ? new MonitorSection(this.sampleRate, this.blockSize) : null;
    this.mixLoudness = o.monitoring ? new LoudnessMeter({ sampleRate: this.sampleRate, channels: 2, truePeak: false }) : null;
    this.scope = o.monitoring ? new StereoScope() : null;
    this.dry = [new Float32Array(this.blockSize), new Float32Array(this.blockSize)];
  }

  /** What is heard (monitoring only; never part of a render). Changes crossfade over one block. */
  setMonitor(settings: MonitorSettings): void {
    if (!this.monitor) throw new Error('this engine was made without monitoring');
    this.monitor.set(settings);
  }

  /** The codec preview the monitor plays with `source: 'codec'` (monitoring only). */
  setPreview(preview: { startFrame: number; channels: [Float32Array, Float32Array] } | null): void {
    if (!this.monitor) throw new Error('this engine was made without monitoring');
    this.monitor.setPreview(preview);
  }

  /** A reference track the monitor plays with `source: 'reference'` (monitoring only). */
  setReference(channels: [Float32Array, Float32Array] | null): void {
    if (!this.monitor) throw new Error('this engine was made without monitoring');
    const endFrame = this.snapshot ? Math.round(mixLengthSec(this.snapshot, this.stems, this.sampleRate) * this.sampleRate) : 0;
    this.monitor.setReference(channels, endFrame);
  }

  /** The monitor settings in force and the A/B matching gains (dB), or null without monitoring. */
  monitorState(): { settings: MonitorSettings; matchGainsDb: { master: number; mix: number } } | null {
    return this.monitor ? { settings: { ...this.monitor.current }, matchGainsDb: this.monitor.matchGainsDb } : null;
  }

  /**
   * Applies a mix. Allowed between any two blocks: changed parameters ramp in over the next
   * block (mute and solo fade over 5 ms), new tracks and sends fade in.
   */
  setMix(snapshot: MixSnapshot): void {
    const busById = new Map(this.buses.map((b) => [b.id, b]));
    const anyBusSolo = snapshot.buses.some((b) => b.strip.solo);
    this.buses = snapshot.buses.map((bus) => {
      const existing = busById.get(bus.id);
      const strip = existing && existing.kind === bus.kind ? existing : new BusStrip(bus.id, bus.kind, this.sampleRate, this.blockSize);
      strip.update(bus, anyBusSolo, snapshot.meta.bpm);
      strip.meter.on = this.metering;
      return strip;
    });
    const inputs = new Map(this.buses.map((b) => [b.id, b.input]));
    const routing: TrackRouting = {
      busInput: (id) => inputs.get(id),
      master: this.master,
      anyTrackSolo: snapshot.tracks.some((t) => t.strip.solo),
      anyBusSolo,
      bpm: snapshot.meta.bpm,
    };
    const trackById = new Map(this.tracks.map((t) => [t.id, t]));
    this.stemOfTrack = new Map();
    this.tracks = snapshot.tracks.map((track) => {
      const strip = trackById.get(track.id) ?? new TrackStrip(track.id, this.sampleRate, this.blockSize, this.master);
      strip.update(track, routing);
      strip.meter.on = this.metering;
      strip.tap = track.id === this.tapTrackId ? this.tap : null;
      if (this.watchClipping && strip.clipWatch === null) strip.clipWatch = { peak: 0, firstOverFrame: -1 };
      const stems = { own: track.stemId, played: playedStemId(track) };
      this.stemOfTrack.set(track.id, stems);
      strip.setStem(this.resolveStem(stems));
      return strip;
    });
    this.snapshot = snapshot;
    this.updateMaster();
  }

  /** The master section follows the mix and the stems (the fade-out ends where the last clip does). */
  private updateMaster(): void {
    if (!this.snapshot) return;
    const endFrame = Math.round(mixLengthSec(this.snapshot, this.stems, this.sampleRate) * this.sampleRate);
    this.masterSection.update(this.snapshot.master, endFrame);
    this.monitor?.setMixFrames(endFrame);
    const needed = this.masterSection.latencyFrames + this.blockSize;
    if (this.monitor && this.dryRing[0].length < needed) {
      this.dryRing = [new Float32Array(needed), new Float32Array(needed)];
      // The next block is a seek in any case when the latency changed; make it one anyway, so the ring refills.
      this.nextFrame = NaN;
    }
  }

  /**
   * The loudness normalisation gain in dB, applied while the mix's target has a loudness: during
   * playback the estimate from the last analysis, in a render the measured gain. Ramps over a block.
   */
  setNormalizationGainDb(db: number): void {
    if (!Number.isFinite(db)) throw new RangeError(`normalisation gain must be finite, got ${db}`);
    this.masterSection.setNormalizationGainDb(db);
  }

  /** Tracks that went over full scale before their fader so far (with `watchClipping`): linear peak and the first frame over. */
  preFaderClips(): Array<{ trackId: string; peak: number; firstOverFrame: number }> {
    return this.tracks.flatMap((t) => (t.clipWatch && t.clipWatch.firstOverFrame >= 0 ? [{ trackId: t.id, ...t.clipWatch }] : []));
  }

  /** Frames between the mix and the output (the master section's latency, whole blocks). */
  get latencyFrames(): number {
    return this.masterSection.latencyFrames;
  }

  /** Starts the loudness meters over (the page's "reset integration"). */
  resetLoudness(): void {
    this.loudness?.reset();
    this.mixLoudness?.reset();
    this.monitor?.setLoudness(-Infinity, -Infinity);
  }

  /** Gain reduction of the master's glue compressor and limiter, in dB (0 or negative), for meters. */
  masterGainReduction(): { comp: number; limiter: number } {
    return { comp: this.masterSection.compGainReduction, limiter: this.masterSection.limiterGainReduction };
  }

  /**
   * Hands over a stem's PCM at the engine rate: 1 channel (mono pan law) or 2 (stereo law). The
   * arrays are kept, not copied; the caller must not write to them afterwards.
   */
  setStem(stemId: string, channels: ReadonlyArray<Float32Array>): void {
    if (channels.length < 1 || channels.length > 2) throw new RangeError(`stem ${stemId}: 1 or 2 channels expected, got ${channels.length}`);
    if (channels.some((c) => !(c instanceof Float32Array) || c.length !== channels[0].length)) {
      throw new RangeError(`stem ${stemId}: channels must be Float32Arrays of equal length`);
    }
    this.stems.set(stemId, [...channels]);
    this.restem(stemId);
  }

  deleteStem(stemId: string): void {
    this.stems.delete(stemId);
    this.restem(stemId);
  }

  /**
   * What a track plays: its pitch-corrected copy once that is loaded (`pitchStemId`, computed
   * ahead in a worker or by the renderer), until then its own stem.
   */
  private resolveStem(stems: { own: string | null; played: string | null }): ReadonlyArray<Float32Array> | null {
    return (stems.played !== null ? this.stems.get(stems.played) : undefined) ?? (stems.own !== null ? this.stems.get(stems.own) : undefined) ?? null;
  }

  private restem(stemId: string): void {
    for (const track of this.tracks) {
      const stems = this.stemOfTrack.get(track.id);
      if (stems && (stems.own === stemId || stems.played === stemId)) track.setStem(this.resolveStem(stems));
    }
    this.updateMaster();
  }

  /** Length in frames of a loaded stem, or undefined. */
  stemFrames(stemId: string): number | undefined {
    return this.stems.get(stemId)?.[0].length;
  }

  /** Compressor gain change in dB of a track (0 or negative), for a meter. */
  trackGainReduction(trackId: string): number {
    return this.tracks.find((t) => t.id === trackId)?.gainReduction ?? 0;
  }

  /**
   * Copies the output of one track (after fader, pan, mute) into `buffers` each block, replacing
   * what was there (for a spectrum view); null stops it. Blocks write from index 0.
   */
  setTap(trackId: string | null, buffers: [Float32Array, Float32Array] | null): void {
    this.tapTrackId = trackId;
    this.tap = trackId === null ? null : buffers;
    for (const track of this.tracks) track.tap = track.id === trackId ? this.tap : null;
  }

  /**
   * The peaks (linear) of every track's and bus's output and of the master since the last call,
   * and the compressor gain reduction of each; starts new peaks. Needs `metering`.
   */
  takeMeters(): MeterFrame {
    const n = this.tracks.length;
    const b = this.buses.length;
    const frame: MeterFrame = {
      trackIds: this.tracks.map((t) => t.id),
      trackPeaks: new Float32Array(n),
      trackGr: new Float32Array(n),
      masterPeaks: new Float32Array([this.masterMeters[0].take(), this.masterMeters[1].take()]),
      busIds: this.buses.map((bus) => bus.id),
      busPeaks: new Float32Array(b),
      busGr: new Float32Array(b),
    };
    this.tracks.forEach((t, k) => {
      frame.trackPeaks[k] = t.meter.take();
      frame.trackGr[k] = t.gainReduction;
    });
    this.buses.forEach((bus, k) => {
      frame.busPeaks[k] = bus.meter.take();
      frame.busGr[k] = bus.gainReduction;
    });
    if (this.loudness) {
      const m = this.loudness;
      frame.masterLoudness = {
        momentaryLufs: m.momentary, shortTermLufs: m.shortTerm, integratedLufs: m.integrated, truePeakDbtp: m.truePeak,
        loudnessRangeLu: m.loudnessRange,
        compGr: this.masterSection.compGainReduction, limiterGr: this.masterSection.limiterGainReduction,
      };
      if (this.mixLoudness && this.scope && this.monitor) {
        const { correlation, points } = this.scope.take();
        frame.masterLoudness.mixIntegratedLufs = this.mixLoudness.integrated;
        frame.masterLoudness.matchGainsDb = this.monitor.matchGainsDb;
        frame.masterLoudness.correlation = correlation;
        frame.masterLoudness.scope = points;
      }
    }
    return frame;
  }

  /** Forgets all processor state and ramps: the next block starts fresh, as after a seek. */
  reset(): void {
    this.nextFrame = NaN;
  }

  /**
   * Renders `frames` frames of the timeline from `startFrame` into `outL`/`outR` (from index 0).
   * A block that does not continue the previous one is a seek: processor state is cleared and
   * parameters jump to their values, so rendering from any frame gives the same samples as a fresh
   * engine started there. Frames beyond the output arrays are not rendered.
   */
  process(startFrame: number, frames: number, outL: Float32Array, outR: Float32Array): void {
    const total = Math.max(0, Math.min(Math.floor(frames), outL.length, outR.length));
    for (let done = 0; done < total; done += this.blockSize) {
      this.block(startFrame + done, Math.min(this.blockSize, total - done), outL, outR, done);
    }
  }

  /** The same as `process`, with the argument order of lib/dsp processors. */
  render(outputs: readonly [Float32Array, Float32Array], frames: number, startFrame: number): void {
    this.process(startFrame, frames, outputs[0], outputs[1]);
  }

  private block(startFrame: number, frames: number, outL: Float32Array, outR: Float32Array, offset: number): void {
    if (startFrame !== this.nextFrame || this.masterSection.latencyChanged) this.seek(startFrame);
    this.nextFrame = startFrame + frames;
    this.mixBlock(startFrame + this.latency, frames);
    if (this.monitor) this.delayDry(frames);
    this.masterSection.process(this.master, frames, startFrame);
    this.masterMeters[0].add(this.masterViews[0], 1, NO_RAMP, frames);
    this.masterMeters[1].add(this.masterViews[1], 1, NO_RAMP, frames);
    this.loudness?.process(this.master, frames);
    if (this.monitor) this.monitorBlock(frames, startFrame);
    const masterL = this.master[0];
    const masterR = this.master[1];
    for (let i = 0; i < frames; i++) {
      outL[offset + i] = masterL[i];
      outR[offset + i] = masterR[i];
    }
  }

  /**
   * Writes the mix just summed (mix frames `latency` ahead of the output) into the delay ring and
   * reads the mix of the output's own frames into `this.dry`.
   */
  private delayDry(frames: number): void {
    const ring = this.dryRing;
    const size = ring[0].length;
    const latency = this.latency;
    let w = this.dryWrite;
    for (let i = 0; i < frames; i++) {
      const r = w - latency < 0 ? w - latency + size : w - latency;
      for (let c = 0; c < 2; c++) {
        ring[c][w] = this.master[c][i];
        this.dry[c][i] = ring[c][r];
      }
      w = w + 1 === size ? 0 : w + 1;
    }
    this.dryWrite = w;
  }

  /** Meters of the monitor stage (mix loudness, scope), the matching gains, then the stage itself. */
  private monitorBlock(frames: number, outputFrame: number): void {
    const monitor = this.monitor!;
    this.mixLoudness!.process(this.dry, frames);
    this.scope!.add(this.master[0], this.master[1], frames);
    this.sinceMatch += frames;
    if (this.sinceMatch >= MATCH_EVERY_SEC * this.sampleRate) {
      this.sinceMatch = 0;
      monitor.setLoudness(this.loudness!.integrated, this.mixLoudness!.integrated);
    }
    monitor.process(this.master, this.dry, frames, outputFrame);
  }

  /**
   * Starts over at output frame `startFrame`: clears all state, jumps every parameter to its value
   * and runs the mix of the first `latency` frames through the master section (its output there
   * belongs before `startFrame` and is dropped), as a fresh render from `startFrame` would.
   */
  private seek(startFrame: number): void {
    const tracks = this.tracks;
    const buses = this.buses;
    const startSec = startFrame / this.sampleRate;
    for (let k = 0; k < tracks.length; k++) {
      tracks[k].reset();
      tracks[k].control(startSec, startSec);
      tracks[k].settle();
    }
    for (let k = 0; k < buses.length; k++) {
      buses[k].reset();
      buses[k].settle();
    }
    this.masterSection.reset();
    this.masterSection.settle();
    this.monitor?.reset();
    this.latency = this.masterSection.latencyFrames;
    this.dryWrite = 0;
    for (let done = 0; done < this.latency; done += this.blockSize) {
      this.mixBlock(startFrame + done, this.blockSize);
      if (this.monitor) this.delayDry(this.blockSize);
      this.masterSection.process(this.master, this.blockSize, startFrame + done - this.latency);
    }
  }

  /** Tracks and buses of mix frames `startFrame ..` summed into `this.master`. */
  private mixBlock(startFrame: number, frames: number): void {
    const tracks = this.tracks;
    const buses = this.buses;
    const startSec = startFrame / this.sampleRate;
    const endSec = (startFrame + frames) / this.sampleRate;
    const masterL = this.master[0];
    const masterR = this.master[1];
    masterL.fill(0, 0, frames);
    masterR.fill(0, 0, frames);
    for (let k = 0; k < buses.length; k++) {
      buses[k].input[0].fill(0, 0, frames);
      buses[k].input[1].fill(0, 0, frames);
    }
    if (this.tap !== null) {
      this.tap[0].fill(0, 0, frames);
      this.tap[1].fill(0, 0, frames);
    }
    for (let k = 0; k < tracks.length; k++) {
      tracks[k].control(startSec, endSec);
      tracks[k].process(startFrame, frames);
    }
    for (let k = 0; k < buses.length; k++) buses[k].process(this.master, frames, startFrame);
  }
}
