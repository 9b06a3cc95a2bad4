'use client';

import { memo, useEffect, useMemo, useRef } from 'react';
import { BIQUAD_COEFFICIENT_COUNT, biquadCoefficients, biquadMagnitude } from '../../../../../lib/dsp/biquad-coefficients';
import { averageSpectrum, matchEq, type MatchEqSetting, SPECTRUM_BANDS_HZ, spectrumShape } from '../../../../../lib/dsp/average-spectrum';
import { can } from '../../../../../lib/project-actions';
import { Button } from '../../../../_components/button';
import { useStore } from '../common/use-store';
import type { MasterTarget } from '../mixer/mix-target';
import { useStudio } from '../studio-context';
import type { MasterMeasurement } from './master-analysis';
import { referenceGainDb, type ReferencesModel } from './references-model';

const CHART_MIN_DB = -18;
const CHART_MAX_DB = 12;
const F_MIN = 20;
const F_MAX = 20000;

/** The response of a match EQ (its shelves and peaks) at `f`, in dB. */
function matchResponseDb(settings: readonly MatchEqSetting[], f: number, sampleRate: number): number {
  const c = new Float64Array(BIQUAD_COEFFICIENT_COUNT);
  let m = 1;
  for (const s of settings) {
    if (s.gainDb === 0) continue;
    const type = s.band === 'lowShelf' ? 'lowshelf' : s.band === 'highShelf' ? 'highshelf' : 'peaking';
    biquadCoefficients(type, s.freqHz, s.q, s.gainDb, sampleRate, c);
    m *= biquadMagnitude(c, f, sampleRate);
  }
  return 20 * Math.log10(m);
}

/** The two average spectra (shapes, their mids at 0 dB) and the match EQ's curve. */
function SpectrumChart({ master, reference, match, sampleRate }: { master: Float64Array | null; reference: Float64Array | null; match: MatchEqSetting[] | null; sampleRate: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
    const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
    canvas.width = w;
    canvas.height = h;
    const x = (f: number) => (Math.log(f / F_MIN) / Math.log(F_MAX / F_MIN)) * w;
    const y = (db: number) => h - ((Math.max(CHART_MIN_DB, Math.min(CHART_MAX_DB, db)) - CHART_MIN_DB) / (CHART_MAX_DB - CHART_MIN_DB)) * h;
    ctx.clearRect(0, 0, w, h);
    ctx.strokeStyle = 'rgba(125, 133, 144, 0.25)';
    ctx.fillStyle = 'rgba(161, 168, 179, 0.8)';
    ctx.font = `${9 * dpr}px ui-monospace, monospace`;
    for (const f of [50, 100, 200, 500, 1000, 2000, 5000, 10000]) {
      ctx.beginPath();
      ctx.moveTo(x(f), 0);
      ctx.lineTo(x(f), h);
      ctx.stroke();
      ctx.fillText(f >= 1000 ? `${f / 1000}k` : String(f), x(f) + 2 * dpr, h - 3 * dpr);
    }
    ctx.beginPath();
    ctx.moveTo(0, y(0));
    ctx.lineTo(w, y(0));
    ctx.stroke();
    const curve = (bands: Float64Array, style: string) => {
      const shape = spectrumShape(bands);
      ctx.strokeStyle = style;
      ctx.lineWidth = 1.5 * dpr;
      ctx.beginPath();
      SPECTRUM_BANDS_HZ.forEach((f, k) => (k === 0 ? ctx.moveTo(x(f), y(shape[k])) : ctx.lineTo(x(f), y(shape[k]))));
      ctx.stroke();
    };
    if (master) curve(master, '#b99bff');
    if (reference) curve(reference, '#3dd6c6');
    if (match) {
      ctx.strokeStyle = '#ffb224';
      ctx.setLineDash([4 * dpr, 3 * dpr]);
      ctx.beginPath();
      for (let px = 0; px <= w; px += 2) {
        const f = F_MIN * Math.pow(F_MAX / F_MIN, px / w);
        const v = y(matchResponseDb(match, f, sampleRate));
        if (px === 0) ctx.moveTo(px, v);
        else ctx.lineTo(px, v);
      }
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }, [master, reference, match, sampleRate]);
  return (
    <canvas
      ref={ref}
      className="reference-chart"
      role="img"
      aria-label="Average spectrum: the master (violet), the reference (teal) and the match EQ (amber, dashed)"
    />
  );
}

export interface ReferencesPanelProps {
  references: ReferencesModel | null;
  target: MasterTarget;
  measurement: MasterMeasurement | null;
  editable: boolean;
}

const duration = (sec: number) => `${Math.floor(sec / 60)}:${String(Math.floor(sec % 60)).padStart(2, '0')}`;

/**
 * Reference tracks: upload (lead and mastering), pick one to hear (the monitor's Reference side,
 * loudness-matched to the master, at the playhead's relative position), its average spectrum over
 * the master's, and the match EQ applied to the master EQ as one undoable edit.
 */
export const ReferencesPanel = memo(function ReferencesPanel({ references, target, measurement, editable }: ReferencesPanelProps) {
  const { role, playback, analysis, model } = useStudio();
  const analysing = useStore(analysis, (s) => s.running);
  const state = useStore(references);
  const monitor = useStore(playback, (s) => s.monitor);
  const fileRef = useRef<HTMLInputElement>(null);
  const mayManage = can(role, 'manageReferences');
  const selected = state?.list.find((r) => r.id === state.selectedId) ?? null;
  const sampleRate = playback?.sampleRate ?? 48000;
  const masterPcm = measurement?.pcm ?? null;
  const masterSpectrum = useMemo(() => (masterPcm ? averageSpectrum(masterPcm.channels, masterPcm.sampleRate) : null), [masterPcm]);
  const match = useMemo(() => (masterSpectrum && state?.spectrum ? matchEq(masterSpectrum, state.spectrum) : null), [masterSpectrum, state?.spectrum]);
  const gainDb = referenceGainDb(selected?.integratedLufs ?? null, measurement?.integratedLufs ?? null);

  // The reference plays at the master's loudness (from the last analysis).
  useEffect(() => {
    if (playback && selected && monitor && monitor.referenceGainDb !== gainDb) playback.setMonitor({ referenceGainDb: gainDb });
  }, [playback, selected, monitor, gainDb]);

  // Comparing spectra needs the master rendered: analyse it when a reference is picked first.
  const hasSelection = selected !== null;
  useEffect(() => {
    if (hasSelection && analysis && !masterPcm && analysing === false) void analysis.run(model.snapshot.mix);
  }, [hasSelection, analysis, masterPcm, analysing, model]);

  if (!references || !state) return null;
  const listening = monitor?.source === 'reference';
  const apply = () => {
    if (!match) return;
    const values: Record<string, number | boolean> = {};
    for (const m of match) {
      if (m.gainDb === 0) continue;
      values[`eq.${m.band}.on`] = true;
      values[`eq.${m.band}.freqHz`] = m.freqHz;
      values[`eq.${m.band}.q`] = m.q;
      values[`eq.${m.band}.gainDb`] = m.gainDb;
    }
    target.setMany(values);
  };
  return (
    <div className="master-panel references">
      <div className="master-panel__head">
        <h3 className="master-panel__title">References</h3>
        <span className="master-panel__note">never rendered</span>
        {mayManage && (
          <>
            <input
              ref={fileRef}
              type="file"
              accept="audio/*,.wav,.aif,.aiff,.flac,.mp3"
              className="sr-only"
              aria-label="Upload a reference track"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void references.upload(file);
                e.target.value = '';
              }}
            />
            <Button size="sm" className="master-panel__action" busy={state.uploading !== null} onClick={() => fileRef.current?.click()}>
              Add reference…
            </Button>
          </>
        )}
      </div>
      {state.uploading && (
        <progress className="export__bar" aria-label="Reference upload progress" max={100} value={Math.round(state.uploading.fraction * 100)} />
      )}
      {state.error && (
        <p className="platforms__error" role="alert">
          {state.error}
        </p>
      )}
      {state.list.length === 0 ? (
        <p className="references__empty">{mayManage ? 'Add a commercial master to compare with.' : 'No reference tracks yet.'}</p>
      ) : (
        <ul className="references__list" aria-label="Reference tracks">
          {state.list.map((r) => (
            <li key={r.id} className="references__item" data-selected={r.id === state.selectedId}>
              <button
                type="button"
                className="references__pick"
                aria-pressed={r.id === state.selectedId}
                title="Load it to compare: the monitor's Reference side plays it"
                onClick={() => (r.id === state.selectedId ? references.unselect() : void references.select(r.id))}
              >
                {r.name}
              </button>
              <span className="references__meta">
                {r.integratedLufs === null ? '–' : `${r.integratedLufs.toFixed(1)} LUFS`} · {duration(r.durationSec)}
              </span>
              {mayManage && (
                <button type="button" className="strip__icon-btn" aria-label={`Delete reference ${r.name}`} title="Delete" onClick={() => void references.remove(r.id)}>
                  <svg viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M4 4l8 8M12 4l-8 8" />
                  </svg>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {selected && (
        <div className="references__compare">
          <div className="monitor__row">
            <Button
              size="sm"
              variant={listening ? 'primary' : 'secondary'}
              disabled={state.loading || !playback}
              aria-pressed={listening}
              onClick={() => playback?.setMonitor({ source: listening ? 'master' : 'reference' })}
            >
              {state.loading ? 'Loading…' : listening ? 'Hearing the reference' : 'Hear the reference'}
            </Button>
            <span className="references__meta">{`at ${gainDb >= 0 ? '+' : ''}${gainDb.toFixed(1)} dB (matched to the master)`}</span>
          </div>
          <SpectrumChart master={masterSpectrum} reference={state.spectrum} match={match} sampleRate={sampleRate} />
          {match ? (
            <div className="monitor__row">
              <span className="references__meta">
                Match EQ: {match.map((m) => `${m.band === 'lowShelf' ? 'low' : m.band === 'highShelf' ? 'high' : `${m.freqHz >= 1000 ? `${m.freqHz / 1000}k` : m.freqHz}`} ${m.gainDb > 0 ? '+' : ''}${m.gainDb.toFixed(1)}`).join(' · ')}
              </span>
              <Button size="sm" disabled={!editable || match.every((m) => m.gainDb === 0)} onClick={apply} title="Set the master EQ's shelves and peaks to the match EQ: one edit, undone with Ctrl+Z">
                Apply match EQ
              </Button>
            </div>
          ) : (
            <span className="references__meta">{measurement ? 'Measuring…' : 'Analyse the master to compare spectra.'}</span>
          )}
        </div>
      )}
    </div>
  );
});
