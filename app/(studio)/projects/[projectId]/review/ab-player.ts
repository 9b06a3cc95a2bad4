import { StoreBase } from '../common/store';
import type { FrameScheduler, MediaElementLike, PlayerGroup } from '../revisions/render-player';
import { type AbGainsDb, dbToGain, matchGainsDb } from './loudness-match';

export type AbSide = 'a' | 'b';

/** One side of an A/B: a stored render and its measured loudness. */
export interface AbSource {
  url: string;
  durationSec: number;
  /** Measured by the server; null for silence. */
  integratedLufs: number | null;
}

export interface AbState {
  playing: boolean;
  /** The side that is heard. */
  active: AbSide;
  timeSec: number;
  durationSec: number;
  /** Loudness matching is on. */
  matched: boolean;
  /** The gains matching applies (0 dB each when it is off). */
  gainsDb: AbGainsDb;
  error: string | null;
}

/** The parts of Web Audio the A/B uses (a fake in unit tests). */
export interface AudioParamLike {
  value: number;
  setValueAtTime(value: number, time: number): unknown;
  linearRampToValueAtTime(value: number, time: number): unknown;
  cancelScheduledValues(time: number): unknown;
}
export interface GainLike {
  readonly gain: AudioParamLike;
  connect(destination: unknown): unknown;
  disconnect(): void;
}
export interface AudioGraphLike {
  readonly currentTime: number;
  readonly destination: unknown;
  createGain(): GainLike;
  createMediaElementSource(element: MediaElementLike): { connect(destination: unknown): unknown; disconnect(): void };
  resume(): Promise<void>;
  close(): Promise<void>;
}

export interface AbPlayerOptions {
  a: AbSource;
  b: AbSource;
  /** Players that take turns with it: starting the A/B pauses the page's other player. */
  group?: PlayerGroup;
  /** @default () => new Audio() */
  createAudio?: () => MediaElementLike;
  /** @default () => new AudioContext() */
  createGraph?: () => AudioGraphLike;
  /** @default requestAnimationFrame */
  frames?: FrameScheduler;
}

/** A switch crossfades over this long: long enough to make no click, short enough to feel instant. */
export const SWITCH_RAMP_SEC = 0.02;
/** The silent side is put back in step with the heard one when they drift further apart than this. */
export const MAX_DRIFT_SEC = 0.03;

const browserFrames = (): FrameScheduler => ({ request: (cb) => requestAnimationFrame(cb), cancel: (h) => cancelAnimationFrame(h) });

/**
 * Two renders played together and kept in step, one heard at a time: switching crossfades their
 * gains (Web Audio ramps, no click) at the same position, and loudness matching turns the louder
 * one down by the difference of their measured integrated loudness, so the comparison is of the
 * mix and not of the level. The silent side keeps playing; when it drifts from the heard one it is
 * put back in step.
 */
export class AbPlayer extends StoreBase<AbState> {
  private graph: AudioGraphLike | null = null;
  private readonly audio: Record<AbSide, MediaElementLike | null> = { a: null, b: null };
  private readonly gains: Record<AbSide, GainLike | null> = { a: null, b: null };
  private readonly cleanups: Array<() => void> = [];
  private frame: number | null = null;
  private readonly frames: FrameScheduler;

  constructor(private readonly options: AbPlayerOptions) {
    const gainsDb = matchGainsDb(options.a.integratedLufs, options.b.integratedLufs);
    super({ playing: false, active: 'a', timeSec: 0, durationSec: options.a.durationSec, matched: true, gainsDb, error: null });
    this.frames = options.frames ?? browserFrames();
  }

  async play(): Promise<void> {
    this.ensureGraph();
    this.options.group?.claim(this);
    this.setSnapshot({ ...this.snapshot, playing: true, error: null });
    const start = this.snapshot.timeSec;
    try {
      await this.graph!.resume();
      for (const side of ['a', 'b'] as const) {
        const el = this.audio[side]!;
        if (Math.abs(el.currentTime - start) > MAX_DRIFT_SEC) el.currentTime = Math.min(start, this.sourceOf(side).durationSec);
      }
      await Promise.all((['a', 'b'] as const).filter((s) => this.snapshot.timeSec < this.sourceOf(s).durationSec).map((s) => this.audio[s]!.play()));
      this.startFrames();
    } catch (err) {
      if (!this.snapshot.playing) return;
      this.pause();
      this.setSnapshot({ ...this.snapshot, error: err instanceof Error && err.name === 'NotAllowedError' ? 'the browser did not allow playback: click Play again' : String((err as Error)?.message ?? err) });
    }
  }

  pause(): void {
    this.audio.a?.pause();
    this.audio.b?.pause();
    this.stopFrames();
    const el = this.audio[this.snapshot.active];
    if (this.snapshot.playing) this.setSnapshot({ ...this.snapshot, playing: false, timeSec: el?.currentTime ?? this.snapshot.timeSec });
  }

  toggle(): void {
    if (this.snapshot.playing) this.pause();
    else void this.play();
  }

  /** Both sides to the same position. */
  seek(sec: number): void {
    const timeSec = Math.min(Math.max(0, sec), this.snapshot.durationSec);
    for (const side of ['a', 'b'] as const) {
      const el = this.audio[side];
      if (el) el.currentTime = Math.min(timeSec, this.sourceOf(side).durationSec);
    }
    this.setSnapshot({ ...this.snapshot, timeSec });
  }

  /** Hears the other side from the same position: the gains cross over `SWITCH_RAMP_SEC`. */
  switchTo(side: AbSide): void {
    if (side === this.snapshot.active) return;
    const from = this.audio[this.snapshot.active];
    const to = this.audio[side];
    if (from && to && Math.abs(to.currentTime - from.currentTime) > MAX_DRIFT_SEC) to.currentTime = from.currentTime;
    this.setSnapshot({ ...this.snapshot, active: side, durationSec: this.sourceOf(side).durationSec });
    this.applyGains(SWITCH_RAMP_SEC);
  }

  toggleSide(): void {
    this.switchTo(this.snapshot.active === 'a' ? 'b' : 'a');
  }

  setMatched(matched: boolean): void {
    const gainsDb = matched ? matchGainsDb(this.options.a.integratedLufs, this.options.b.integratedLufs) : { a: 0, b: 0 };
    this.setSnapshot({ ...this.snapshot, matched, gainsDb });
    this.applyGains(SWITCH_RAMP_SEC);
  }

  destroy(): void {
    this.stopFrames();
    this.options.group?.release(this);
    this.cleanups.splice(0).forEach((fn) => fn());
    for (const side of ['a', 'b'] as const) {
      const el = this.audio[side];
      if (el) {
        el.pause();
        el.removeAttribute('src');
        el.load();
      }
      this.gains[side]?.disconnect();
      this.audio[side] = null;
      this.gains[side] = null;
    }
    void this.graph?.close().catch(() => undefined);
    this.graph = null;
    this.closeStore();
  }

  private sourceOf(side: AbSide): AbSource {
    return side === 'a' ? this.options.a : this.options.b;
  }

  /** The graph is made on the first play (a user gesture: the browser lets the context start). */
  private ensureGraph(): void {
    if (this.graph) return;
    const graph = (this.options.createGraph ?? (() => new AudioContext() as unknown as AudioGraphLike))();
    this.graph = graph;
    for (const side of ['a', 'b'] as const) {
      const el = (this.options.createAudio ?? (() => new Audio() as MediaElementLike))();
      el.preload = 'auto';
      el.src = this.sourceOf(side).url;
      el.currentTime = Math.min(this.snapshot.timeSec, this.sourceOf(side).durationSec);
      const source = graph.createMediaElementSource(el);
      const gain = graph.createGain();
      source.connect(gain);
      gain.connect(graph.destination);
      const onEnded = () => {
        if (side === this.snapshot.active) this.ended();
      };
      const onError = () => this.setSnapshot({ ...this.snapshot, playing: false, error: `side ${side.toUpperCase()} could not be loaded` });
      el.addEventListener('ended', onEnded);
      el.addEventListener('error', onError);
      this.cleanups.push(() => {
        el.removeEventListener('ended', onEnded);
        el.removeEventListener('error', onError);
        source.disconnect();
      });
      this.audio[side] = el;
      this.gains[side] = gain;
    }
    this.applyGains(0);
  }

  private ended(): void {
    this.audio.a?.pause();
    this.audio.b?.pause();
    this.stopFrames();
    this.setSnapshot({ ...this.snapshot, playing: false, timeSec: this.snapshot.durationSec });
  }

  /** Each side's gain to its target: the matching gain when heard, silence when not. */
  private applyGains(rampSec: number): void {
    const graph = this.graph;
    if (!graph) return;
    const now = graph.currentTime;
    for (const side of ['a', 'b'] as const) {
      const param = this.gains[side]?.gain;
      if (!param) continue;
      const target = side === this.snapshot.active ? dbToGain(this.snapshot.gainsDb[side]) : 0;
      param.cancelScheduledValues(now);
      if (rampSec <= 0) {
        param.value = target;
        param.setValueAtTime(target, now);
      } else {
        param.setValueAtTime(param.value, now);
        param.linearRampToValueAtTime(target, now + rampSec);
      }
    }
  }

  private startFrames(): void {
    if (this.frame !== null) return;
    const tick = () => {
      const heard = this.audio[this.snapshot.active];
      const other = this.audio[this.snapshot.active === 'a' ? 'b' : 'a'];
      if (!heard) return;
      if (other && !other.paused && Math.abs(other.currentTime - heard.currentTime) > MAX_DRIFT_SEC) other.currentTime = heard.currentTime;
      if (heard.currentTime !== this.snapshot.timeSec) this.setSnapshot({ ...this.snapshot, timeSec: heard.currentTime });
      this.frame = this.frames.request(tick);
    };
    this.frame = this.frames.request(tick);
  }

  private stopFrames(): void {
    if (this.frame !== null) this.frames.cancel(this.frame);
    this.frame = null;
  }
}
