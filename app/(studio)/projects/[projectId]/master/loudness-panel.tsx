'use client';

import { memo, useEffect, useRef } from 'react';
import { Button } from '../../../../_components/button';
import type { MeterStore } from '../meters/meter-store';
import { useMeterDraw } from '../meters/use-meter-draw';
import type { LoudnessHistory } from './loudness-history';

export interface LoudnessPanelProps {
  meters: MeterStore | null;
  history: LoudnessHistory | null;
  /** The target loudness, drawn as a line on the bars and the plot (null: none). */
  targetLufs: number | null;
  ceilingDbtp: number | null;
  onReset(): void;
}

/** LUFS scale of the bars and the plot. */
const LUFS_MIN = -48;
const LUFS_MAX = 0;
const TP_MIN = -24;
const TP_MAX = 3;
const LRA_MAX = 24;

type Reading = 'momentaryLufs' | 'shortTermLufs' | 'integratedLufs' | 'loudnessRangeLu' | 'truePeakDbtp';
const ROWS: ReadonlyArray<{ key: Reading; label: string; short: string; unit: string; min: number; max: number }> = [
  { key: 'momentaryLufs', label: 'Momentary loudness', short: 'M', unit: 'LUFS', min: LUFS_MIN, max: LUFS_MAX },
  { key: 'shortTermLufs', label: 'Short-term loudness', short: 'S', unit: 'LUFS', min: LUFS_MIN, max: LUFS_MAX },
  { key: 'integratedLufs', label: 'Integrated loudness', short: 'I', unit: 'LUFS', min: LUFS_MIN, max: LUFS_MAX },
  { key: 'loudnessRangeLu', label: 'Loudness range', short: 'LRA', unit: 'LU', min: 0, max: LRA_MAX },
  { key: 'truePeakDbtp', label: 'True peak', short: 'TP', unit: 'dBTP', min: TP_MIN, max: TP_MAX },
];

const fraction = (v: number, min: number, max: number) => (Number.isFinite(v) ? Math.max(0, Math.min(1, (v - min) / (max - min))) : 0);
const text = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(1));

/** The plot of momentary (faint) and short-term loudness over the played time of the session. */
function LoudnessPlot({ history, targetLufs }: { history: LoudnessHistory | null; targetLufs: number | null }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!history) return;
    const draw = () => {
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      const dpr = window.devicePixelRatio || 1;
      const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
      const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      ctx.clearRect(0, 0, w, h);
      const y = (lufs: number) => h - fraction(lufs, LUFS_MIN, LUFS_MAX) * h;
      ctx.strokeStyle = 'rgba(125, 133, 144, 0.25)';
      ctx.lineWidth = 1;
      ctx.font = `${10 * dpr}px ui-monospace, monospace`;
      ctx.fillStyle = 'rgba(161, 168, 179, 0.8)';
      for (let lufs = -42; lufs <= 0; lufs += 6) {
        ctx.beginPath();
        ctx.moveTo(0, y(lufs));
        ctx.lineTo(w, y(lufs));
        ctx.stroke();
        ctx.fillText(String(lufs), 2 * dpr, y(lufs) - 2 * dpr);
      }
      if (targetLufs !== null) {
        ctx.setLineDash([4 * dpr, 4 * dpr]);
        ctx.strokeStyle = '#ffb224';
        ctx.beginPath();
        ctx.moveTo(0, y(targetLufs));
        ctx.lineTo(w, y(targetLufs));
        ctx.stroke();
        ctx.setLineDash([]);
      }
      const { t } = history;
      if (t.length < 2) return;
      const t0 = t[0];
      const span = Math.max(10, t[t.length - 1] - t0);
      const x = (sec: number) => ((sec - t0) / span) * w;
      const line = (values: number[], style: string, width: number) => {
        ctx.strokeStyle = style;
        ctx.lineWidth = width * dpr;
        ctx.beginPath();
        let pen = false;
        for (let i = 0; i < t.length; i++) {
          if (!Number.isFinite(values[i])) {
            pen = false;
            continue;
          }
          if (pen) ctx.lineTo(x(t[i]), y(values[i]));
          else ctx.moveTo(x(t[i]), y(values[i]));
          pen = true;
        }
        ctx.stroke();
      };
      line(history.momentary, 'rgba(124, 196, 255, 0.35)', 1);
      line(history.shortTerm, '#7cc4ff', 1.5);
    };
    draw();
    return history.subscribe(draw);
  }, [history, targetLufs]);
  return <canvas ref={canvasRef} className="loudness-plot" role="img" aria-label="Loudness over time: short-term (line) and momentary (faint)" />;
}

/**
 * The master's loudness as the worklet measures it (lib/dsp LoudnessMeter, BS.1770-4 / EBU R128):
 * momentary, short-term, integrated, range and true peak as numbers and bars, the plot, and the
 * reset of the integration.
 */
export const LoudnessPanel = memo(function LoudnessPanel({ meters, history, targetLufs, ceilingDbtp, onReset }: LoudnessPanelProps) {
  const rows = useRef<Record<string, { root: HTMLDivElement | null; fill: HTMLDivElement | null; value: HTMLSpanElement | null }>>({});
  useMeterDraw(meters, (s) => {
    const l = s.loudness;
    for (const row of ROWS) {
      const refs = rows.current[row.key];
      if (!refs) continue;
      const v = l ? l[row.key] : undefined;
      if (refs.fill) refs.fill.style.width = `${(fraction(v ?? -Infinity, row.min, row.max) * 100).toFixed(1)}%`;
      if (refs.value) refs.value.textContent = text(v);
      if (refs.root) {
        refs.root.setAttribute('aria-valuenow', v !== undefined && Number.isFinite(v) ? v.toFixed(1) : String(row.min));
        refs.root.setAttribute('aria-valuetext', v !== undefined && Number.isFinite(v) ? `${v.toFixed(1)} ${row.unit}` : 'no reading');
        if (row.key === 'truePeakDbtp') refs.root.dataset.over = String(ceilingDbtp !== null && v !== undefined && v > ceilingDbtp);
      }
    }
  });
  const marker = (row: (typeof ROWS)[number]) => {
    const at = row.unit === 'LUFS' ? targetLufs : row.unit === 'dBTP' ? ceilingDbtp : null;
    return at === null ? null : <span className="loudness-row__target" style={{ left: `${fraction(at, row.min, row.max) * 100}%` }} aria-hidden="true" />;
  };
  return (
    <div className="master-panel loudness">
      <div className="master-panel__head">
        <h3 className="master-panel__title">Loudness</h3>
        <span className="master-panel__note">BS.1770 / EBU R128{targetLufs !== null ? ` · target ${targetLufs} LUFS` : ''}</span>
        <Button size="sm" className="master-panel__action" onClick={onReset} title="Start the integrated loudness, range, true peak and the plot over">
          Reset integration
        </Button>
      </div>
      <div className="loudness__rows">
        {ROWS.map((row) => (
          <div key={row.key} className="loudness-row">
            <span className="loudness-row__label" title={row.label}>
              {row.short}
            </span>
            <div
              ref={(el) => void (rows.current[row.key] = { ...rows.current[row.key], root: el })}
              className="loudness-row__bar"
              role="meter"
              aria-label={`Master ${row.label.toLowerCase()}`}
              aria-valuemin={row.min}
              aria-valuemax={row.max}
              aria-valuenow={row.min}
              aria-valuetext="no reading"
            >
              <div ref={(el) => void (rows.current[row.key] = { ...rows.current[row.key], fill: el })} className="loudness-row__fill" />
              {marker(row)}
            </div>
            <span ref={(el) => void (rows.current[row.key] = { ...rows.current[row.key], value: el })} className="loudness-row__value" aria-hidden="true">
              –
            </span>
            <span className="loudness-row__unit" aria-hidden="true">
              {row.unit}
            </span>
          </div>
        ))}
      </div>
      <LoudnessPlot history={history} targetLufs={targetLufs} />
    </div>
  );
});
