'use client';

import type { RevisionRenderDto } from '../../../../../lib/api/dto';
import { useOwned } from '../common/use-owned';
import { useStore } from '../common/use-store';
import { formatDuration } from '../revisions/relative-time';
import type { PlayerGroup } from '../revisions/render-player';
import { formatLoudness } from '../revisions/revision-format';
import { AbPlayer, type AbSide } from './ab-player';

export interface AbSideProps {
  /** "#3 mix" */
  label: string;
  render: RevisionRenderDto;
}

export interface AbCompareProps {
  a: AbSideProps;
  b: AbSideProps;
  group: PlayerGroup;
}

const gainText = (db: number) => `${db.toFixed(1)} dB`;

/**
 * Two renders compared by ear: one transport for both, A and B switched at the same position
 * without a click, loudness-matched from their measured integrated loudness (on by default).
 */
export function AbCompare({ a, b, group }: AbCompareProps) {
  const player = useOwned(
    () =>
      new AbPlayer({
        a: { url: a.render.audioUrl, durationSec: a.render.durationSec, integratedLufs: a.render.integratedLufs },
        b: { url: b.render.audioUrl, durationSec: b.render.durationSec, integratedLufs: b.render.integratedLufs },
        group,
      }),
    [a.render.audioUrl, b.render.audioUrl, group],
  );
  const state = useStore(player);
  if (!player || !state) return null;
  const side = (s: AbSide) => (s === 'a' ? a : b);
  const down = (['a', 'b'] as const).find((s) => state.gainsDb[s] < 0);

  return (
    <div className="ab" role="group" aria-label="A/B">
      <div className="ab__row">
        <button type="button" className="revision-player__play" aria-label={state.playing ? 'Pause A/B' : 'Play A/B'} onClick={() => player.toggle()}>
          <svg viewBox="0 0 16 16" aria-hidden="true">
            {state.playing ? <path d="M4 3h3v10H4zM9 3h3v10H9z" /> : <path d="M4.5 2.5v11l9-5.5z" />}
          </svg>
        </button>
        {(['a', 'b'] as const).map((s) => (
          <button key={s} type="button" className={`ab__side${state.active === s ? ' ab__side--on' : ''}`} aria-pressed={state.active === s} onClick={() => player.switchTo(s)}>
            <strong>{s.toUpperCase()}</strong> {side(s).label} · {formatLoudness(side(s).render.integratedLufs)}
          </button>
        ))}
      </div>
      <div className="ab__row">
        <input
          type="range"
          className="ab__seek"
          aria-label="Seek A/B"
          aria-valuetext={`${formatDuration(state.timeSec)} of ${formatDuration(state.durationSec)}`}
          min={0}
          max={Math.max(state.durationSec, 0.001)}
          step={0.1}
          value={state.timeSec}
          onChange={(e) => player.seek(Number(e.currentTarget.value))}
        />
        <span className="revision-player__time">
          {formatDuration(state.timeSec)} / {formatDuration(state.durationSec)}
        </span>
      </div>
      <label className="ab__match">
        <input type="checkbox" checked={state.matched} onChange={(e) => player.setMatched(e.currentTarget.checked)} /> Match loudness
        <span className="ab__gain" data-testid="ab-gain">
          {state.matched ? (down ? `${down.toUpperCase()} turned down ${gainText(-state.gainsDb[down])}` : 'already as loud') : 'as rendered'}
        </span>
      </label>
      {state.error && (
        <p className="revision-player__error" role="alert">
          Could not play: {state.error}
        </p>
      )}
    </div>
  );
}
