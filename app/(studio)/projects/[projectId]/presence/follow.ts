import type { LoopRange } from '../transport/transport-types';
import type { PresenceTransport } from './presence-model';

/** What the followed person's presence says, with when it arrived. */
export interface Leader {
  playhead: number;
  /** `Date.now()` when that playhead arrived. */
  playheadAt: number;
  transport: PresenceTransport;
}

/** The follower's own transport. */
export interface Follower {
  positionSec: number;
  playing: boolean;
  loop: LoopRange | null;
  looping: boolean;
}

export type FollowCommand = { kind: 'seek'; sec: number } | { kind: 'play' } | { kind: 'pause' } | { kind: 'setLoop'; range: LoopRange | null } | { kind: 'setLooping'; on: boolean };

/**
 * A playing follower further than this from where the leader is now is moved there. Playheads are
 * shared 4 times a second and take a network trip; closer than this, each person's own audio
 * clock keeps them together better than a seek would.
 */
export const FOLLOW_DRIFT_SEC = 0.3;
/** A paused follower is put exactly where the paused leader is. */
const STILL_SEC = 0.01;

const sameLoop = (a: LoopRange | null, b: LoopRange | null) => a === b || (a !== null && b !== null && a.startSec === b.startSec && a.endSec === b.endSec);

/** Where the leader is at `nowMs`: a playing transport has moved on since its playhead arrived (and wraps in its loop). */
export function leaderPosition(leader: Leader, nowMs: number): number {
  const { playing, loop, looping } = leader.transport;
  if (!playing) return leader.playhead;
  const sec = leader.playhead + Math.max(0, nowMs - leader.playheadAt) / 1000;
  if (looping && loop && sec >= loop.endSec && leader.playhead < loop.endSec) {
    const length = loop.endSec - loop.startSec;
    return loop.startSec + ((sec - loop.startSec) % length);
  }
  return sec;
}

/**
 * What the follower's transport must do to be where the leader's is: the same loop, then the same
 * position (when they drifted apart), then play or pause as the leader does.
 */
export function followCommands(leader: Leader, follower: Follower, nowMs: number): FollowCommand[] {
  const commands: FollowCommand[] = [];
  const { playing, loop, looping } = leader.transport;
  if (!sameLoop(loop, follower.loop)) commands.push({ kind: 'setLoop', range: loop });
  if (looping !== follower.looping) commands.push({ kind: 'setLooping', on: looping });
  const at = leaderPosition(leader, nowMs);
  const apart = Math.abs(at - follower.positionSec);
  if (playing) {
    if (apart > FOLLOW_DRIFT_SEC || !follower.playing) commands.push({ kind: 'seek', sec: at });
    if (!follower.playing) commands.push({ kind: 'play' });
  } else {
    if (follower.playing) commands.push({ kind: 'pause' });
    if (apart > STILL_SEC || follower.playing) commands.push({ kind: 'seek', sec: at });
  }
  return commands;
}
