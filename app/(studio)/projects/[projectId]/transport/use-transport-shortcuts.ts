'use client';

import { useEffect, useRef } from 'react';
import type { Playback } from './playback';
import { type MixerModel, mayWriteTrack } from '../mixer/mixer-model';
import { shortcutFor } from './transport-shortcuts';

/**
 * The global keys of the mixer page (see `shortcutFor`): transport keys on the playback, M and S
 * on the selected strip when the user may write it.
 */
export function useTransportShortcuts(playback: Playback | null, model: MixerModel | null, selectedTrackId: string | null): void {
  const current = useRef({ playback, model, selectedTrackId });
  current.current = { playback, model, selectedTrackId };

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = shortcutFor(e);
      if (!action) return;
      const { playback, model, selectedTrackId } = current.current;
      // Read at the key press: the page does not render for the mix to have it at hand.
      const state = model?.snapshot;
      const selected = state?.mix.tracks.find((t) => t.id === selectedTrackId);
      switch (action) {
        case 'playPause': {
          const ps = playback?.snapshot;
          if (!playback || !ps?.ready) return;
          if (ps.playing) playback.pause();
          else void playback.play();
          break;
        }
        case 'toStart':
          if (!playback) return;
          playback.seek(0);
          break;
        case 'toggleLoop': {
          const ps = playback?.snapshot;
          if (!playback || !ps?.loop) return;
          playback.setLooping(!ps.looping);
          break;
        }
        case 'muteSelected':
        case 'soloSelected':
          if (!model || !selected || !state || !mayWriteTrack(state, selected.id)) return;
          if (action === 'muteSelected') model.track(selected.id).set('mute', !selected.strip.mute);
          else model.track(selected.id).set('solo', !selected.strip.solo);
          break;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
