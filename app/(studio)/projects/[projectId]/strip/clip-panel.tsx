'use client';

import { memo, useState } from 'react';
import { FADE_CURVES, type FadeCurve, type MixSnapshot } from '../../../../../lib/doc';
import { NORMALIZE_MODES, type NormalizeMode, normalizeClipGainDb } from '../../../../../lib/audio/normalize-clip';
import { useStemAnalysis } from '../../../../_lib/queries';
import { Select } from '../../../../_components/select-field';
import { Knob } from '../controls/knob';
import { CLIP_GAIN_SPEC } from '../controls/param-spec';
import { bindControl, paramPathOf } from '../mixer/bind-control';
import type { MixTarget } from '../mixer/mix-target';
import { useStudio } from '../studio-context';

type Track = MixSnapshot['tracks'][number];

const CURVE_NAMES: Record<FadeCurve, string> = {
  linear: 'Linear',
  equal_power: 'Equal power',
  exponential: 'Exponential',
  logarithmic: 'Logarithmic',
  s_curve: 'S-curve',
};
const CURVE_OPTIONS = Object.values(FADE_CURVES).map((c) => ({ value: c, label: CURVE_NAMES[c] }));
const DEFAULT_TARGET: Record<NormalizeMode, number> = { peak: -1, loudness: -18 };

export interface ClipPanelProps {
  track: Track;
  editable: boolean;
}

/**
 * The track's clip (SPEC L20): its gain, the fades' curves, the trims as numbers, and normalise:
 * the clip gain that brings the stem's analysed peak to a dBFS or its loudness to a LUFS target
 * (the stem itself is untouched). Position, trims and fade lengths are dragged on the timeline.
 */
export const ClipPanel = memo(function ClipPanel({ track, editable }: ClipPanelProps) {
  const { model } = useStudio();
  const target = model.track(track.id) as unknown as MixTarget<Record<string, number>>;
  const analysis = useStemAnalysis(track.stemId);
  const [mode, setMode] = useState<NormalizeMode>('loudness');
  const [targetText, setTargetText] = useState(String(DEFAULT_TARGET.loudness));
  const [message, setMessage] = useState<string | null>(null);
  const name = track.name;
  const clip = track.clip;
  const levels = analysis.data?.analysis ?? null;

  const normalise = () => {
    const value = Number(targetText.replace('\u2212', '-'));
    const [min, max] = mode === 'peak' ? [-60, 0] : [-60, -5];
    if (!Number.isFinite(value) || value < min || value > max) return setMessage(`Type a target from ${min} to ${max} ${mode === 'peak' ? 'dBFS' : 'LUFS'}`);
    if (!levels) return setMessage('The stem has no analysis yet');
    const gainDb = normalizeClipGainDb(levels, mode, value);
    if (gainDb === null) return setMessage('The stem is too quiet to measure its loudness');
    target.set('clip.gainDb', Math.round(gainDb * 100) / 100);
    setMessage(`Clip gain ${gainDb >= 0 ? '+' : ''}${gainDb.toFixed(2)} dB: ${mode === 'peak' ? 'peak' : 'loudness'} at ${value} ${mode === 'peak' ? 'dBFS' : 'LUFS'}`);
  };

  return (
    <div className="comp-panel clip-panel" data-on="true">
      <div className="comp-panel__head">
        <span className="comp-panel__title">Clip</span>
        <span className="clip-panel__note">
          Trim {clip.trimStartSec.toFixed(3)} / {clip.trimEndSec.toFixed(3)} s · starts at {track.offsetSec.toFixed(3)} s
        </span>
      </div>
      <div className="clip-panel__body">
        <Knob label={`${name} clip gain`} caption="Gain" spec={CLIP_GAIN_SPEC} value={clip.gainDb} disabled={!editable} {...bindControl(target, 'clip.gainDb')} />
        <div className="clip-panel__fades">
          {(['fadeIn', 'fadeOut'] as const).map((fade) => (
            <label key={fade} className="clip-panel__field">
              <span>{fade === 'fadeIn' ? 'Fade in' : 'Fade out'} {clip[fade].durationSec.toFixed(2)} s</span>
              <Select
                size="sm"
                aria-label={`${name} clip ${fade === 'fadeIn' ? 'fade-in' : 'fade-out'} curve`}
                value={clip[fade].curve}
                options={CURVE_OPTIONS}
                disabled={!editable}
                data-param-path={paramPathOf(target, `clip.${fade}.curve`)}
                onChange={(v) => target.set(`clip.${fade}.curve`, v as never)}
              />
            </label>
          ))}
        </div>
        <form
          className="clip-panel__normalise"
          onSubmit={(e) => {
            e.preventDefault();
            normalise();
          }}
        >
          <Select
            size="sm"
            aria-label={`${name} normalise to`}
            value={mode}
            options={[
              { value: NORMALIZE_MODES.loudness, label: 'Loudness (LUFS)' },
              { value: NORMALIZE_MODES.peak, label: 'Peak (dBFS)' },
            ]}
            disabled={!editable}
            onChange={(m) => {
              setMode(m);
              setTargetText(String(DEFAULT_TARGET[m]));
            }}
          />
          <input className="input input--sm clip-panel__target" aria-label={`${name} normalise target`} value={targetText} disabled={!editable} onChange={(e) => setTargetText(e.target.value)} />
          <button type="submit" className="button button--sm button--secondary" disabled={!editable || !track.stemId}>
            Normalise
          </button>
        </form>
        {message && (
          <p className="clip-panel__message" role="status">
            {message}
          </p>
        )}
      </div>
    </div>
  );
});
