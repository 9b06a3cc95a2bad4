'use client';

import { useEffect, useRef } from 'react';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';
import { formatPosition } from './format-position';
import type { PlaybackState } from './playback';

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}

const ICONS = {
  toStart: 'M3.5 3v10M13 3.5 6 8l7 4.5z',
  play: 'M4.5 3v10l8.5-5z',
  pause: 'M4.5 3h2.5v10H4.5zM9 3h2.5v10H9z',
  stop: 'M4 4h8v8H4z',
  loop: 'M4 6.5A2.5 2.5 0 0 1 6.5 4h5.5M10.5 2l1.5 2-1.5 2M12 9.5A2.5 2.5 0 0 1 9.5 12H4M5.5 14 4 12l1.5-2',
};

/** What the audio is doing, for the status line. */
function loadText(state: PlaybackState | null): string {
  if (!state) return 'Audio starts when the mix has loaded';
  if (state.error) return state.error;
  if (!state.ready) return 'Starting the audio engine…';
  const { total, loaded, failed } = state.load;
  if (failed.length > 0) return `${failed.length} stem${failed.length === 1 ? '' : 's'} could not be loaded: ${failed[0].message}`;
  if (loaded < total) return `Loading audio ${loaded}/${total}…`;
  return total === 0 ? 'No audio yet: add stems' : 'Space plays · Return goes to the start · L loops';
}

/**
 * Play, pause, stop, return to start and loop, and the position in time and in bars and beats
 * (drawn in an animation frame from the audio clock, not through React).
 */
export function TransportBar() {
  const { playback } = useStudio();
  const state = useStore(playback);
  const timeRef = useRef<HTMLOutputElement>(null);
  const barsRef = useRef<HTMLOutputElement>(null);
  const playing = state?.playing ?? false;
  const ready = Boolean(state?.ready) && !state?.error;

  useEffect(() => {
    if (!playback) return;
    let frame = 0;
    let shown = '';
    const draw = () => {
      const sec = playback.positionSec();
      const text = formatPosition(sec);
      if (text !== shown && timeRef.current && barsRef.current) {
        shown = text;
        timeRef.current.textContent = text;
        timeRef.current.dataset.sec = sec.toFixed(3);
        barsRef.current.textContent = playback.barsBeats(sec);
      }
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [playback]);

  const failed = Boolean(state?.error) || (state?.load.failed.length ?? 0) > 0;
  return (
    <div className="transport" role="toolbar" aria-label="Transport">
      <div className="transport__buttons">
        <button type="button" className="transport__btn" aria-label="Return to start" title="Return to start (Return)" disabled={!ready} onClick={() => playback?.seek(0)}>
          <Icon d={ICONS.toStart} />
        </button>
        <button
          type="button"
          className={['transport__btn', 'transport__btn--play', playing && 'transport__btn--on'].filter(Boolean).join(' ')}
          aria-label={playing ? 'Pause' : 'Play'}
          title={playing ? 'Pause (Space)' : 'Play (Space)'}
          disabled={!ready}
          onClick={() => (playing ? playback?.pause() : void playback?.play())}
        >
          <Icon d={playing ? ICONS.pause : ICONS.play} />
        </button>
        <button type="button" className="transport__btn" aria-label="Stop" title="Stop" disabled={!ready} onClick={() => playback?.stop()}>
          <Icon d={ICONS.stop} />
        </button>
        <button
          type="button"
          className={['transport__btn', state?.looping && 'transport__btn--on'].filter(Boolean).join(' ')}
          aria-label="Loop"
          aria-pressed={state?.looping ?? false}
          title={state?.loop ? 'Loop the region (L)' : 'Drag on the ruler to set a loop region'}
          disabled={!ready || !state?.loop}
          onClick={() => playback?.setLooping(!state?.looping)}
        >
          <Icon d={ICONS.loop} />
        </button>
      </div>
      <div className="transport__position">
        <output ref={timeRef} className="transport__time" aria-label="Position" data-testid="transport-position" data-sec="0.000">
          0:00.000
        </output>
        <output ref={barsRef} className="transport__bars" aria-label="Bar and beat" title="Bar.beat">
          1.1
        </output>
      </div>
      <p className={['transport__status', failed && 'transport__status--error'].filter(Boolean).join(' ')} role="status" aria-label="Audio status">
        {loadText(state)}
      </p>
      {(state?.load.failed.length ?? 0) > 0 && (
        <button type="button" className="btn btn--secondary btn--sm" onClick={() => playback?.retryFailed()}>
          Retry
        </button>
      )}
    </div>
  );
}
