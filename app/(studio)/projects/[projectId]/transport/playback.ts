import { ENGINE_PROCESSOR_NAME, METER_INTERVAL_FRAMES, type ExportCommand, type ExportEvent, type WorkletCommand, type WorkletEvent } from '../../../../../lib/audio/engine/protocol';
import { MONITOR_DEFAULTS, type MonitorSettings } from '../../../../../lib/audio/monitor';
import { type PitchCurve, type PitchParams, pitchStemId, trackPitch } from '../../../../../lib/audio/pitch-prepass';
import type { MixSnapshot } from '../../../../../lib/doc';
import { StoreBase } from '../common/store';
import { LoudnessHistory } from '../master/loudness-history';
import { PcmBudget } from './pcm-budget';
import { loadStems, stemAudioUrl } from './stem-loader';
import { MeterStore } from '../meters/meter-store';
import type { SpectrumSource } from '../meters/spectrum-source';
import type { LoopRange, Transport, TransportState } from './transport-types';

type ToneModule = typeof import('tone');
/** Distributes a command type over the union, so each keeps its own fields. */
type Command = WorkletCommand extends infer C ? (C extends WorkletCommand ? Omit<C, 'seq'> : never) : never;

/** The engine bundle (built by `npm run build:engine`), loaded into the worklet. */
export const ENGINE_BUNDLE_URL = '/engine/mixroom-engine.js';
/** Play starts this far ahead of the audio clock, so the worklet gets the command in time. */
const START_AHEAD_SEC = 0.03;
const FFT_SIZE = 2048;
/**
 * Stem PCM the page hands to the engine at most, pitch-corrected copies included: float32 at the
 * project rate, 23 MB per minute of stereo at 48 kHz, so about 90 stereo stem-minutes. A larger
 * project gets a clear refusal per stem instead of a crashed tab.
 */
export const PLAYBACK_MEMORY_BUDGET_BYTES = 2 * 1024 ** 3;

export interface AudioLoadState {
  /** Stems referenced by the mix, and how many are in the engine. */
  total: number;
  loaded: number;
  /** Stems that could not be loaded, with the reason. */
  failed: ReadonlyArray<{ stemId: string; message: string }>;
}

export interface PlaybackState extends TransportState {
  load: AudioLoadState;
  /** Detected and corrected pitch of each pitch-corrected copy, by copy id (`pitchStemId`), for the pitch view. */
  pitch: ReadonlyMap<string, PitchCurve>;
  /** Pitch-corrected copies being computed (share done, 0..1) or that failed (why), by copy id; gone once ready. */
  pitchJobs: ReadonlyMap<string, PitchJob>;
  /** Why audio cannot play at all (no Web Audio, the engine failed to load), or null. */
  error: string | null;
  /** What is heard (A/B, mono, translation, platform preview): this page's only, never the document. */
  monitor: MonitorSettings;
  /** The loudness normalisation gain the engine plays with (the live estimate of the last analysis). */
  normalizationGainDb: number;
}

/** A pitch-corrected copy on its way: the share of the pre-pass done, or why it failed. */
export type PitchJob = { fraction: number; error: null } | { fraction: null; error: string };

function sameLoad(a: AudioLoadState, b: AudioLoadState): boolean {
  return (
    a.total === b.total &&
    a.loaded === b.loaded &&
    a.failed.length === b.failed.length &&
    a.failed.every((f, i) => f.stemId === b.failed[i].stemId && f.message === b.failed[i].message)
  );
}

/**
 * Live playback of one project: a Tone.js context at the project rate, and in it one AudioWorklet
 * node running the whole mix engine (`public/engine/mixroom-engine.js`). Only that node feeds the
 * destination. Stem PCM is parsed from the canonical audio and transferred to the worklet once;
 * each mix from the document is posted as it changes, so an edit is heard from the next block.
 * Tone's Transport keeps time (play, pause, seek, loop, bars and beats); the worklet follows it.
 */
export class Playback extends StoreBase<PlaybackState> implements Transport, SpectrumSource {
  readonly meters = new MeterStore();
  /** The master's loudness over the session (the plot). */
  readonly history = new LoudnessHistory();
  readonly fftSize = FFT_SIZE;
  private tone: ToneModule | null = null;
  private raw: AudioContext | null = null;
  private node: AudioWorkletNode | null = null;
  private analyser: import('tone').Analyser | null = null;
  private seq = 0;
  private mix: MixSnapshot | null = null;
  /** Stem ids handed to the worklet, being fetched or failed. */
  private readonly stems = new Set<string>();
  /** The PCM handed to the worklet: stems and pitch-corrected copies, by id. */
  private readonly budget = new PcmBudget(PLAYBACK_MEMORY_BUDGET_BYTES);
  private readonly abort = new AbortController();
  private tapTrack: string | null = null;
  private destroyed = false;
  /** Pitch-corrected copies of stems (SPEC L18) asked of a worker or handed over, by copy id. */
  private readonly pitchCopies = new Map<string, Worker | null>();

  constructor(readonly sampleRate: number) {
    super({
      ready: false, playing: false, loop: null, looping: false, load: { total: 0, loaded: 0, failed: [] }, error: null,
      pitch: new Map(), pitchJobs: new Map(), monitor: { ...MONITOR_DEFAULTS }, normalizationGainDb: 0,
    });
  }

  /** Sets up the context and the engine node (no sound until `play`, which needs a user gesture). */
  async init(): Promise<void> {
    try {
      if (typeof AudioWorkletNode === 'undefined') throw new Error('this browser has no AudioWorklet');
      const Tone = await import('tone');
      if (this.destroyed) return;
      this.tone = Tone;
      const raw = new AudioContext({ sampleRate: this.sampleRate, latencyHint: 'interactive' });
      this.raw = raw;
      const context = new Tone.Context({ context: raw, lookAhead: 0 });
      Tone.setContext(context, true);
      await context.addAudioWorkletModule(ENGINE_BUNDLE_URL);
      // Destroyed while the module loaded (the page left): `destroy` found no context to close.
      if (this.destroyed) return void raw.close();
      const node = context.createAudioWorkletNode(ENGINE_PROCESSOR_NAME, { numberOfInputs: 0, numberOfOutputs: 2, outputChannelCount: [2, 2] });
      node.port.onmessage = (e: MessageEvent<WorkletEvent>) => this.onEvent(e.data);
      node.onprocessorerror = () => this.update({ error: 'the audio engine stopped with an error; reload the page' });
      Tone.connect(node, Tone.getDestination(), 0, 0);
      this.analyser = new Tone.Analyser({ type: 'fft', size: FFT_SIZE, smoothing: 0.8 });
      Tone.connect(node, this.analyser, 1, 0);
      this.node = node;
      if (this.tapTrack !== null) this.send({ type: 'tap', trackId: this.tapTrack });
      this.send({ type: 'monitor', settings: this.snapshot.monitor });
      this.send({ type: 'normalization', gainDb: this.snapshot.normalizationGainDb });
      const transport = Tone.getTransport();
      transport.on('loop', () => this.emit());
      if (this.mix) this.setMix(this.mix);
      this.update({ ready: true });
    } catch (err) {
      this.update({ error: `Audio is not available: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  /** Hands the mix to the engine and loads the stems it needs that are not loaded yet. */
  setMix(mix: MixSnapshot): void {
    this.mix = mix;
    if (!this.node || !this.tone) return;
    this.tone.getTransport().bpm.value = mix.meta.bpm;
    this.send({ type: 'mix', mix });
    const wanted = new Set(mix.tracks.flatMap((t) => (t.stemId === null ? [] : [t.stemId])));
    for (const stemId of this.stems) {
      if (wanted.has(stemId)) continue;
      this.stems.delete(stemId);
      this.budget.release(stemId);
      this.send({ type: 'deleteStem', stemId });
    }
    const missing = [...wanted].filter((id) => !this.stems.has(id));
    for (const id of missing) this.stems.add(id);
    this.update({ load: { ...this.snapshot.load, failed: this.snapshot.load.failed.filter((f) => wanted.has(f.stemId)) } });
    this.recount(wanted);
    this.updatePitchCopies(mix);
    if (missing.length === 0) return;
    void loadStems(
      missing,
      this.sampleRate,
      ({ stemId, channels }) => {
        if (!this.stems.has(stemId)) return;
        if (!this.budget.admit(stemId, pcmBytes(channels))) return this.fail(stemId, this.budget.refusal("the project's audio"));
        const buffers = [...new Set(channels.map((c) => c.buffer as ArrayBuffer))];
        this.send({ type: 'stem', stemId, channels }, buffers);
        this.recount();
      },
      (stemId, message) => this.fail(stemId, message),
      this.abort.signal,
    );
  }

  /** Changes what is heard (never the document or an export); applied from the next block, crossfaded. */
  setMonitor(patch: Partial<MonitorSettings>): void {
    const monitor = { ...this.snapshot.monitor, ...patch };
    this.update({ monitor });
    this.send({ type: 'monitor', settings: monitor });
  }

  /** The live estimate of the normalisation gain (from the last analysis of the master). */
  setNormalizationGainDb(gainDb: number): void {
    this.update({ normalizationGainDb: gainDb });
    this.send({ type: 'normalization', gainDb });
  }

  /** The codec preview the monitor's 'codec' side plays (channels are transferred), or null. */
  setPreview(preview: { startFrame: number; channels: [Float32Array, Float32Array] } | null): void {
    if (!preview) return this.send({ type: 'preview', startFrame: 0, channels: null });
    this.send({ type: 'preview', startFrame: preview.startFrame, channels: preview.channels }, [preview.channels[0].buffer as ArrayBuffer, preview.channels[1].buffer as ArrayBuffer]);
  }

  /** A reference track for the monitor's reference side (channels are transferred), or null. */
  setReference(channels: [Float32Array, Float32Array] | null): void {
    if (!channels) return this.send({ type: 'reference', channels: null });
    const buffers = [...new Set(channels.map((c) => c.buffer as ArrayBuffer))];
    this.send({ type: 'reference', channels }, buffers);
  }

  /** Decodes an encoded file with the browser's decoder, at the context's (the project's) rate. */
  async decode(bytes: ArrayBuffer): Promise<[Float32Array, Float32Array]> {
    if (!this.raw) throw new Error('audio is not available');
    const buffer = await this.raw.decodeAudioData(bytes);
    const left = buffer.getChannelData(0).slice();
    return [left, buffer.numberOfChannels > 1 ? buffer.getChannelData(1).slice() : left.slice()];
  }

  /** Starts the loudness measurement over: integrated, range, true peak, the plot and the A/B matching. */
  resetLoudness(): void {
    this.send({ type: 'resetLoudness' });
    this.history.reset();
    this.meters.clearLoudness();
  }

  /** Fetches the stems that failed again (the transport's Retry). */
  retryFailed(): void {
    for (const { stemId } of this.snapshot.load.failed) this.stems.delete(stemId);
    this.update({ load: { ...this.snapshot.load, failed: [] } });
    if (this.mix) this.setMix(this.mix);
  }

  /** A stem that could not be loaded stays failed (not retried at every edit) until it leaves the mix. */
  private fail(stemId: string, message: string): void {
    if (!this.stems.has(stemId)) return;
    this.update({ load: { ...this.snapshot.load, failed: [...this.snapshot.load.failed.filter((f) => f.stemId !== stemId), { stemId, message }] } });
  }

  /** Counts the stems of the mix that are in the engine (pitch-corrected copies stay counted in the budget until dropped). */
  private recount(wanted?: Set<string>): void {
    const ids = wanted ?? new Set(this.mix?.tracks.flatMap((t) => (t.stemId === null ? [] : [t.stemId])) ?? []);
    this.budget.retain((id) => ids.has(id) || this.pitchCopies.has(id));
    this.update({ load: { ...this.snapshot.load, total: ids.size, loaded: [...ids].filter((id) => this.budget.has(id)).length } });
  }

  // ---- Transport ----

  positionSec(): number {
    const Tone = this.tone;
    if (!Tone || !this.raw) return 0;
    const transport = Tone.getTransport();
    return Math.max(0, transport.state === 'started' ? transport.getSecondsAtTime(this.raw.currentTime) : transport.seconds);
  }

  /** Bars and beats at a position, 1-based ("12.3"), in the project's tempo and 4/4. */
  barsBeats(sec: number): string {
    const Tone = this.tone;
    if (!Tone) return '1.1';
    const [bars, beats] = String(Tone.Time(sec, 's').toBarsBeatsSixteenths()).split(':');
    return `${Number(bars) + 1}.${Math.floor(Number(beats)) + 1}`;
  }

  async play(): Promise<void> {
    const Tone = this.tone;
    if (!Tone || !this.node || !this.raw || this.snapshot.playing) return;
    await Tone.start();
    const transport = Tone.getTransport();
    const from = transport.seconds;
    const at = this.raw.currentTime + START_AHEAD_SEC;
    this.send({ type: 'play', fromFrame: Math.round(from * this.sampleRate), atContextFrame: Math.round(at * this.sampleRate) });
    transport.start(at, from);
    this.update({ playing: true });
  }

  pause(): void {
    const Tone = this.tone;
    if (!Tone || !this.snapshot.playing) return;
    const transport = Tone.getTransport();
    const sec = this.positionSec();
    transport.pause();
    transport.seconds = sec;
    this.send({ type: 'pause' });
    this.send({ type: 'seek', frame: Math.round(sec * this.sampleRate) });
    this.meters.silence();
    this.update({ playing: false });
  }

  stop(): void {
    this.pause();
    this.seek(this.snapshot.looping && this.snapshot.loop ? this.snapshot.loop.startSec : 0);
  }

  seek(sec: number): void {
    const Tone = this.tone;
    if (!Tone) return;
    const to = Math.max(0, sec);
    Tone.getTransport().seconds = to;
    this.send({ type: 'seek', frame: Math.round(to * this.sampleRate) });
    this.emit();
  }

  setLoop(range: LoopRange | null): void {
    const loop = range && range.endSec > range.startSec ? { startSec: Math.max(0, range.startSec), endSec: range.endSec } : null;
    this.update({ loop, looping: loop !== null && this.snapshot.looping });
    this.applyLoop();
  }

  setLooping(on: boolean): void {
    this.update({ looping: on && this.snapshot.loop !== null });
    this.applyLoop();
  }

  // ---- SpectrumSource ----

  select(trackId: string | null): void {
    if (trackId === this.tapTrack) return;
    this.tapTrack = trackId;
    if (this.node) this.send({ type: 'tap', trackId });
  }

  read(): Float32Array | null {
    if (!this.analyser || !this.snapshot.playing || this.tapTrack === null) return null;
    return this.analyser.getValue() as Float32Array;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const worker of this.pitchCopies.values()) worker?.terminate();
    this.pitchCopies.clear();
    this.abort.abort();
    this.closeStore();
    this.node?.port.close();
    this.node?.disconnect();
    this.analyser?.dispose();
    const transport = this.tone?.getTransport();
    transport?.stop();
    transport?.cancel();
    void this.raw?.close();
  }

  // ---- internals ----

  /**
   * Pitch correction needs the whole stem, so it is computed ahead: each corrected copy the mix
   * asks for is made in its own worker (the engine bundle, `correctStem` as in Node), with its
   * progress in `pitchJobs`, and handed to the worklet as a stem of its own, counted in the PCM
   * budget; the track plays its stem as it is until then. Copies no longer asked for (a parameter
   * changed, the insert bypassed or removed) are dropped from the worklet and the budget.
   */
  private updatePitchCopies(mix: MixSnapshot): void {
    const wanted = new Map<string, { stemId: string; params: PitchParams; name: string }>();
    for (const track of mix.tracks) {
      const params = trackPitch(track);
      if (params && track.stemId !== null) wanted.set(pitchStemId(track.stemId, params), { stemId: track.stemId, params, name: track.name });
    }
    for (const [id, worker] of this.pitchCopies) {
      if (wanted.has(id)) continue;
      worker?.terminate();
      this.pitchCopies.delete(id);
      if (this.budget.release(id)) this.send({ type: 'deleteStem', stemId: id });
      this.dropPitch(id);
    }
    for (const [id, { stemId, params, name }] of wanted) {
      if (this.pitchCopies.has(id)) continue;
      const worker = new Worker(ENGINE_BUNDLE_URL, { name: 'mixroom-pitch' });
      this.pitchCopies.set(id, worker);
      this.setPitchJob(id, { fraction: 0, error: null });
      const done = (): boolean => {
        worker.terminate();
        if (this.destroyed || this.pitchCopies.get(id) !== worker) return false;
        this.pitchCopies.set(id, null);
        return true;
      };
      worker.onmessage = (e: MessageEvent<ExportEvent>) => {
        const event = e.data;
        if (event.type === 'pitch-progress') {
          if (this.pitchCopies.get(id) === worker) this.setPitchJob(id, { fraction: event.phase === 'fetching' ? 0 : event.fraction, error: null });
          return;
        }
        if (!done()) return;
        if (event.type === 'error') return this.setPitchJob(id, { fraction: null, error: event.message });
        if (event.type !== 'pitched') return;
        const channels = event.channels;
        if (!this.budget.admit(id, pcmBytes(channels))) return this.setPitchJob(id, { fraction: null, error: this.budget.refusal(`the pitch-corrected copy of ${name}`) });
        this.send({ type: 'stem', stemId: id, channels }, [...new Set(channels.map((c) => c.buffer as ArrayBuffer))]);
        this.setPitchJob(id, null);
        this.update({ pitch: new Map([...this.snapshot.pitch, [id, event.curve]]) });
      };
      worker.onerror = (e) => {
        if (done()) this.setPitchJob(id, { fraction: null, error: `the pitch worker failed: ${e.message || 'could not load the engine'}` });
      };
      const command: ExportCommand = { type: 'pitch', stemId: id, audioUrl: stemAudioUrl(stemId), sampleRate: this.sampleRate, params };
      worker.postMessage(command);
    }
  }

  private setPitchJob(id: string, job: PitchJob | null): void {
    const jobs = new Map(this.snapshot.pitchJobs);
    if (job) jobs.set(id, job);
    else jobs.delete(id);
    this.update({ pitchJobs: jobs });
  }

  /** Forgets a copy's curve and job. */
  private dropPitch(id: string): void {
    if (this.snapshot.pitch.has(id)) this.update({ pitch: new Map([...this.snapshot.pitch].filter(([key]) => key !== id)) });
    if (this.snapshot.pitchJobs.has(id)) this.setPitchJob(id, null);
  }

  private applyLoop(): void {
    const Tone = this.tone;
    const { loop, looping } = this.snapshot;
    if (Tone) {
      const transport = Tone.getTransport();
      if (loop) transport.setLoopPoints(loop.startSec, loop.endSec);
      transport.loop = looping && loop !== null;
    }
    const region = looping && loop ? { startFrame: Math.round(loop.startSec * this.sampleRate), endFrame: Math.round(loop.endSec * this.sampleRate) } : null;
    this.send({ type: 'loop', region });
  }

  private send(command: Command, transfer: Transferable[] = []): void {
    this.node?.port.postMessage({ ...command, seq: ++this.seq }, transfer);
  }

  private onEvent(event: WorkletEvent): void {
    if (event.type === 'error') {
      this.update({ error: `The audio engine refused a command: ${event.message}` });
    } else if (event.type === 'position' && event.meters && this.snapshot.playing) {
      this.meters.push(event.meters, performance.now() / 1000);
      if (event.meters.masterLoudness) this.history.add(event.meters.masterLoudness, METER_INTERVAL_FRAMES / this.sampleRate);
    }
  }

  private update(patch: Partial<PlaybackState>): void {
    if (this.destroyed) return;
    const next = { ...this.snapshot, ...patch };
    // Every edit hands the engine a new mix and recounts its stems: an unchanged count is no news.
    if (sameLoad(next.load, this.snapshot.load)) next.load = this.snapshot.load;
    if ((Object.keys(patch) as Array<keyof PlaybackState>).every((k) => next[k] === this.snapshot[k])) return;
    this.setSnapshot(next);
  }
}

function pcmBytes(channels: ReadonlyArray<Float32Array>): number {
  return channels.reduce((sum, c) => sum + c.byteLength, 0);
}
