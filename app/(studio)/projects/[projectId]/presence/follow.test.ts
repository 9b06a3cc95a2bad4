import { describe, expect, it } from 'vitest';
import { FOLLOW_DRIFT_SEC, type Follower, followCommands, type Leader, leaderPosition } from './follow';

const leader = (playhead: number, playing: boolean, extra: Partial<Leader['transport']> = {}, playheadAt = 1_000): Leader => ({ playhead, playheadAt, transport: { playing, loop: null, looping: false, ...extra } });
const follower = (positionSec: number, playing: boolean, extra: Partial<Follower> = {}): Follower => ({ positionSec, playing, loop: null, looping: false, ...extra });

describe('following a transport', () => {
  it('extrapolates a playing leader from when its playhead arrived, wrapping in its loop', () => {
    expect(leaderPosition(leader(10, true), 1_500)).toBeCloseTo(10.5);
    expect(leaderPosition(leader(10, false), 9_000)).toBe(10);
    expect(leaderPosition(leader(19.8, true, { loop: { startSec: 12, endSec: 20 }, looping: true }), 1_400)).toBeCloseTo(12.2);
  });

  it('starts playing where the leader is when the leader plays', () => {
    expect(followCommands(leader(42, true), follower(0, false), 1_000)).toEqual([{ kind: 'seek', sec: 42 }, { kind: 'play' }]);
  });

  it('pauses where the leader paused', () => {
    expect(followCommands(leader(43.2, false), follower(43.5, true), 5_000)).toEqual([{ kind: 'pause' }, { kind: 'seek', sec: 43.2 }]);
  });

  it('follows a seek, and leaves small drift to the audio clocks', () => {
    expect(followCommands(leader(70, true), follower(44, true), 1_000)).toEqual([{ kind: 'seek', sec: 70 }]);
    expect(followCommands(leader(70, true), follower(70 + FOLLOW_DRIFT_SEC / 2, true), 1_000)).toEqual([]);
    expect(followCommands(leader(12, false), follower(30, false), 1_000)).toEqual([{ kind: 'seek', sec: 12 }]);
    expect(followCommands(leader(12, false), follower(12, false), 1_000)).toEqual([]);
  });

  it('takes the leader\'s loop and looping first', () => {
    const loop = { startSec: 8, endSec: 16 };
    expect(followCommands(leader(9, true, { loop, looping: true }), follower(9, true), 1_000)).toEqual([
      { kind: 'setLoop', range: loop },
      { kind: 'setLooping', on: true },
    ]);
    expect(followCommands(leader(9, false, { loop, looping: false }), follower(9, false, { loop, looping: true }), 1_000)).toEqual([{ kind: 'setLooping', on: false }]);
  });
});
