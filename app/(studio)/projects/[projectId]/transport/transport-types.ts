import type { Store } from '../common/store';

/** A loop region on the timeline, in seconds (end after start). */
export interface LoopRange {
  startSec: number;
  endSec: number;
}

/** The transport as the UI sees it; changes are announced through `subscribe`. */
export interface TransportState {
  /** Audio is set up and stems are loaded (the first play needs a user gesture first). */
  ready: boolean;
  playing: boolean;
  /** The loop region, if one is set, and whether looping is on. */
  loop: LoopRange | null;
  looping: boolean;
}

/**
 * The local transport (each user has their own playhead), a store of its state. `positionSec()` is
 * exact at any moment (interpolated from the audio clock), for drawing the playhead in an
 * animation frame; `subscribe` fires on play/pause/seek/loop changes, not on every frame.
 */
export interface Transport extends Store<TransportState> {
  positionSec(): number;
  play(): Promise<void>;
  pause(): void;
  /** Pause and return to the start (or the loop start when looping). */
  stop(): void;
  seek(sec: number): void;
  setLoop(range: LoopRange | null): void;
  setLooping(on: boolean): void;
}
