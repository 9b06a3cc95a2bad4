'use client';

import { type CSSProperties, type ReactNode } from 'react';
import type { RevisionRenderDto } from '../../../../../lib/api/dto';
import { useOwned } from '../common/use-owned';
import { useStore } from '../common/use-store';
import { formatDuration } from './relative-time';
import { type PlayerGroup, RenderPlayer } from './render-player';
import { RenderWaveform } from './render-waveform';
import { useRenderPeaksJson } from './use-revision-queries';

export interface RevisionPlayerProps {
  revisionId: string;
  render: RevisionRenderDto;
  /** Names the controls: "Play revision 3", "Seek revision 3". */
  label: string;
  /** Players that take turns (a list of revisions): starting this one pauses the others. */
  group?: PlayerGroup;
  /**
   * A player made and owned by the caller (the review page seeks it to a comment's time); without
   * it the component owns one for its lifetime.
   */
  player?: RenderPlayer;
  /** Drawn over the waveform, in its coordinates (comment marks); it must not take pointer events. */
  overlay?: ReactNode;
  /** @default the accent colour */
  color?: string;
  /** Under the waveform, exactly as wide (the revision page's lane of comment pins). */
  below?: ReactNode;
  /** The page's own shortcuts also apply on the seek slider (`data-review-keys`: Space, the arrows, C, J, K). */
  pageKeys?: boolean;
}

/**
 * A stored render with its waveform: play and pause, and seek by clicking or dragging along the
 * waveform (a range input over it, so the keyboard and assistive technology seek too). Plays
 * through its own audio element: the studio's engine and transport are left alone.
 */
export function RevisionPlayer({ revisionId, render, label, group, player: given, overlay, color = '#ffb224', below, pageKeys = false }: RevisionPlayerProps) {
  const owned = useOwned(() => (given ? null : new RenderPlayer({ url: render.audioUrl, durationSec: render.durationSec, group })), [given, render.audioUrl, render.durationSec, group]);
  const player = given ?? owned;
  const state = useStore(player);
  const peaks = useRenderPeaksJson(render.peaksUrl, revisionId, render.kind);
  const durationSec = state?.durationSec ?? render.durationSec;
  const timeSec = state?.timeSec ?? 0;
  const playing = state?.playing ?? false;
  const share = durationSec > 0 ? Math.min(1, timeSec / durationSec) : 0;

  return (
    <div className="revision-player" style={{ '--player-color': color } as CSSProperties}>
      <button
        type="button"
        className="revision-player__play"
        aria-label={`${playing ? 'Pause' : 'Play'} ${label}`}
        disabled={!player}
        onClick={() => player?.toggle()}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          {playing ? <path d="M4 3h3v10H4zM9 3h3v10H9z" /> : <path d="M4.5 2.5v11l9-5.5z" />}
        </svg>
      </button>
      <div className="revision-player__wave" data-waiting={state?.waiting || undefined}>
        <RenderWaveform peaksJson={peaks.data} durationSec={render.durationSec} color={color} />
        <div className="revision-player__rest" style={{ left: `${share * 100}%` }} aria-hidden="true" />
        <div className="revision-player__head" style={{ left: `${share * 100}%` }} aria-hidden="true" />
        {overlay}
        <input
          type="range"
          className="revision-player__seek"
          aria-label={`Seek ${label}`}
          aria-valuetext={`${formatDuration(timeSec)} of ${formatDuration(durationSec)}`}
          min={0}
          max={Math.max(durationSec, 0.001)}
          step={0.1}
          value={timeSec}
          disabled={!player}
          data-review-keys={pageKeys || undefined}
          onChange={(e) => player?.seek(Number(e.currentTarget.value))}
        />
      </div>
      <span className="revision-player__time">
        {formatDuration(timeSec)} / {formatDuration(durationSec)}
      </span>
      {below && <div className="revision-player__below">{below}</div>}
      {state?.error && (
        <span className="revision-player__error" role="alert">
          Could not play: {state.error}
        </span>
      )}
    </div>
  );
}
