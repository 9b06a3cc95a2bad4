'use client';

import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { MixSnapshot } from '../../../../../lib/doc';
import { Playback, type PlaybackState } from './playback';

const noop = () => {};

/**
 * Live playback for the page: a `Playback` at the project rate, created once the mix is loaded
 * (again if the rate changes) and fed every new mix from the document.
 */
export function usePlayback(mix: MixSnapshot | null): { playback: Playback | null; state: PlaybackState | null } {
  const [playback, setPlayback] = useState<Playback | null>(null);
  const sampleRate = mix?.meta.sampleRate ?? null;

  useEffect(() => {
    if (sampleRate === null) return;
    const created = new Playback(sampleRate);
    setPlayback(created);
    void created.init();
    return () => {
      created.destroy();
      setPlayback(null);
    };
  }, [sampleRate]);

  useEffect(() => {
    if (playback && mix) playback.setMix(mix);
  }, [playback, mix]);

  const subscribe = useCallback((listener: () => void) => (playback ? playback.subscribe(listener) : noop), [playback]);
  const state = useSyncExternalStore(
    subscribe,
    () => playback?.getState() ?? null,
    () => null,
  );
  return { playback, state };
}
