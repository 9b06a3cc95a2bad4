'use client';

import { useEffect } from 'react';
import type { Playback } from '../transport/playback';
import type { PresenceModel } from './presence-model';

/** How often a playing transport shares its position. */
const SHARE_EVERY_MS = 250;

/** Shares this user's playhead and transport through presence: a few times a second while playing, and at every play, stop, seek or loop change. */
export function usePlayheadPresence(playback: Playback | null, presence: PresenceModel | null): void {
  useEffect(() => {
    if (!playback || !presence) return;
    const share = () => {
      const { ready, playing, loop, looping } = playback.snapshot;
      presence.setTransport(ready ? Math.round(playback.positionSec() * 1000) / 1000 : null, ready ? { playing, loop, looping } : null);
    };
    const timer = setInterval(() => {
      if (playback.snapshot.playing) share();
    }, SHARE_EVERY_MS);
    const unsubscribe = playback.subscribe(share);
    share();
    return () => {
      clearInterval(timer);
      unsubscribe();
      presence.setTransport(null, null);
    };
  }, [playback, presence]);
}
