import type { MasterLoudness } from '../../../../../lib/audio/engine/protocol';

/** Seconds of playing the plot keeps; older points are dropped. */
export const HISTORY_SEC = 20 * 60;

/**
 * The master's loudness over the session, for the plot: one point per meter frame while playing,
 * on a clock of played seconds (pauses take no room). Reset with the meters ("reset integration").
 * Listeners are told after each point; the plot draws straight into its canvas.
 */
export class LoudnessHistory {
  /** Played seconds, momentary and short-term loudness (LUFS, -Infinity below the gate) of each point. */
  t: number[] = [];
  momentary: number[] = [];
  shortTerm: number[] = [];
  private playedSec = 0;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The played time so far, in seconds. */
  get seconds(): number {
    return this.playedSec;
  }

  add(loudness: MasterLoudness, elapsedSec: number): void {
    this.playedSec += elapsedSec;
    this.t.push(this.playedSec);
    this.momentary.push(loudness.momentaryLufs);
    this.shortTerm.push(loudness.shortTermLufs);
    const from = this.t.findIndex((t) => t >= this.playedSec - HISTORY_SEC);
    if (from > 0) {
      this.t.splice(0, from);
      this.momentary.splice(0, from);
      this.shortTerm.splice(0, from);
    }
    this.emit();
  }

  reset(): void {
    this.t = [];
    this.momentary = [];
    this.shortTerm = [];
    this.playedSec = 0;
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
