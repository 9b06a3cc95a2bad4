import { StoreBase } from '../common/store';

export interface PlayerState {
  playing: boolean;
  /** Playing was asked for, and the audio is still on its way (after play or a seek). */
  waiting: boolean;
  timeSec: number;
  durationSec: number;
  error: string | null;
}

/** The part of an `HTMLAudioElement` the player uses (a fake in unit tests). */
export interface MediaElementLike {
  src: string;
  preload: string;
  currentTime: number;
  readonly duration: number;
  readonly paused: boolean;
  readonly error: { code: number } | null;
  play(): Promise<void>;
  pause(): void;
  removeAttribute(name: string): void;
  load(): void;
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export interface RenderPlayerOptions {
  /** The stored render (`GET /api/revisions/:id/renders/:kind`, served with Range). */
  url: string;
  /** The server's measurement: the length shown before the file's header has arrived. */
  durationSec: number;
  /** Players that take turns: starting one pauses the one playing. */
  group?: PlayerGroup;
  /** @default () => new Audio() */
  createAudio?: () => MediaElementLike;
  /** The playhead moves once per frame while playing. @default requestAnimationFrame */
  frames?: FrameScheduler;
}

/** What a `PlayerGroup` holds: anything that plays and can be paused (a `RenderPlayer`, the review page's A/B). */
export interface Pausable {
  pause(): void;
}

/** At most one of its players plays: the revisions list has one, so that two versions never sound at once. */
export class PlayerGroup {
  private current: Pausable | null = null;

  claim(player: Pausable): void {
    if (this.current && this.current !== player) this.current.pause();
    this.current = player;
  }

  release(player: Pausable): void {
    if (this.current === player) this.current = null;
  }
}

const MEDIA_ERRORS: Record<number, string> = {
  1: 'playback was aborted',
  2: 'the network failed while loading the render',
  3: 'the render could not be decoded',
  4: 'the render could not be loaded',
};

const browserFrames = (): FrameScheduler => ({ request: (cb) => requestAnimationFrame(cb), cancel: (h) => cancelAnimationFrame(h) });

/**
 * Plays one stored render through its own audio element, apart from the studio's engine and
 * transport (which it never touches): play, pause, seek, the playhead and the length. Loads
 * nothing until asked to play or seek, so a long list of revisions costs no downloads; the
 * browser then streams the file with Range requests.
 */
export class RenderPlayer extends StoreBase<PlayerState> {
  private audio: MediaElementLike | null = null;
  private frame: number | null = null;
  private readonly mediaListeners: Array<[string, () => void]> = [];
  private readonly frames: FrameScheduler;

  constructor(private readonly options: RenderPlayerOptions) {
    super({ playing: false, waiting: false, timeSec: 0, durationSec: options.durationSec, error: null });
    this.frames = options.frames ?? browserFrames();
  }

  async play(): Promise<void> {
    const audio = this.media();
    this.options.group?.claim(this);
    this.setSnapshot({ ...this.snapshot, playing: true, waiting: true, error: null });
    try {
      await audio.play();
    } catch (err) {
      // A pause before the audio started rejects play(): that is not an error.
      if (audio.paused && this.snapshot.playing) this.setSnapshot({ ...this.snapshot, playing: false, waiting: false, error: this.errorText(err) });
    }
  }

  pause(): void {
    this.audio?.pause();
    this.stopFrames();
    if (this.snapshot.playing || this.snapshot.waiting) this.setSnapshot({ ...this.snapshot, playing: false, waiting: false, timeSec: this.audio?.currentTime ?? this.snapshot.timeSec });
  }

  toggle(): void {
    if (this.snapshot.playing) this.pause();
    else void this.play();
  }

  /** Moves the playhead (clamped to the render), playing or not. */
  seek(sec: number): void {
    const audio = this.media();
    const timeSec = Math.min(Math.max(0, sec), this.snapshot.durationSec);
    audio.currentTime = timeSec;
    this.setSnapshot({ ...this.snapshot, timeSec, waiting: this.snapshot.playing });
  }

  destroy(): void {
    this.stopFrames();
    this.options.group?.release(this);
    const audio = this.audio;
    if (audio) {
      for (const [type, listener] of this.mediaListeners) audio.removeEventListener(type, listener);
      audio.pause();
      // Drops the connection and the buffered audio.
      audio.removeAttribute('src');
      audio.load();
    }
    this.audio = null;
    this.closeStore();
  }

  private media(): MediaElementLike {
    if (this.audio) return this.audio;
    const audio = (this.options.createAudio ?? (() => new Audio() as MediaElementLike))();
    audio.preload = 'auto';
    const on = (type: string, listener: () => void) => {
      audio.addEventListener(type, listener);
      this.mediaListeners.push([type, listener]);
    };
    on('playing', () => {
      this.setSnapshot({ ...this.snapshot, playing: true, waiting: false });
      this.startFrames();
    });
    on('waiting', () => this.setSnapshot({ ...this.snapshot, waiting: true }));
    on('pause', () => {
      this.stopFrames();
      this.setSnapshot({ ...this.snapshot, playing: false, waiting: false, timeSec: audio.currentTime });
    });
    on('ended', () => {
      this.stopFrames();
      this.options.group?.release(this);
      this.setSnapshot({ ...this.snapshot, playing: false, waiting: false, timeSec: this.snapshot.durationSec });
    });
    on('seeked', () => this.setSnapshot({ ...this.snapshot, timeSec: audio.currentTime, waiting: false }));
    on('durationchange', () => {
      if (Number.isFinite(audio.duration) && audio.duration > 0) this.setSnapshot({ ...this.snapshot, durationSec: audio.duration });
    });
    on('error', () => {
      this.stopFrames();
      this.setSnapshot({ ...this.snapshot, playing: false, waiting: false, error: MEDIA_ERRORS[audio.error?.code ?? 4] ?? MEDIA_ERRORS[4] });
    });
    audio.src = this.options.url;
    this.audio = audio;
    return audio;
  }

  private errorText(err: unknown): string {
    if (err instanceof Error && err.name === 'NotAllowedError') return 'the browser did not allow playback: click Play again';
    return err instanceof Error ? err.message : String(err);
  }

  private startFrames(): void {
    if (this.frame !== null) return;
    const tick = () => {
      if (!this.audio) return;
      if (this.audio.currentTime !== this.snapshot.timeSec) this.setSnapshot({ ...this.snapshot, timeSec: this.audio.currentTime });
      this.frame = this.frames.request(tick);
    };
    this.frame = this.frames.request(tick);
  }

  private stopFrames(): void {
    if (this.frame !== null) this.frames.cancel(this.frame);
    this.frame = null;
  }
}
