'use client';

import { type PointerEvent, useEffect, useRef } from 'react';
import type { EqBandName, EqData } from '../../../../../lib/doc';
import type { SpectrumSource } from '../meters/spectrum-source';
import { EQ_BAND_COLORS } from './eq-bands';
import { dbToY, freqToX, GRID_DBS, GRID_FREQS_HZ, spectrumColumns, spectrumDbToY, xToFreq, yToDb } from './eq-plot';
import { EQ_BAND_NAMES, eqResponseDb, isPassBand } from './eq-response';
import { paramSpec, roundParam } from '../controls/param-spec';

export interface EqGraphProps {
  /** The track whose live spectrum is drawn behind the curve; null draws none. */
  tapTrackId: string | null;
  /** "Bass" names the graph "Bass EQ response". */
  name: string;
  eq: EqData;
  sampleRate: number;
  spectrum: SpectrumSource | null;
  editable: boolean;
  /** A band handle moved: frequency (and gain for shelves and peaks) during a drag. */
  onBandMove(band: EqBandName, field: 'freqHz' | 'gainDb', value: number): void;
  /** The drag ended. */
  onBandRelease(band: EqBandName): void;
  /** A drag started on a band that is off: switch it on. */
  onBandEnable(band: EqBandName): void;
}

const HEIGHT_PX = 190;
const HANDLE_R = 6;
const GRAB_PX = 14;
const FINE_FACTOR = 0.2;

interface Drag {
  band: EqBandName;
  pointerId: number;
  x0: number;
  y0: number;
  freq0: number;
  gain0: number;
  freqHz: number;
  gainDb: number;
}

type Band = EqData[EqBandName];
const gainOf = (band: Band) => ('gainDb' in band ? band.gainDb : 0);

/**
 * The EQ's response curve over the live spectrum of the strip, on a canvas: log frequency
 * 20 Hz..20 kHz, ±24 dB. Redrawn every animation frame (the spectrum moves); the curve itself is
 * recomputed only when the EQ, the width or a dragged handle changes. Handles can be dragged:
 * x is the frequency, y the gain (shelves and peaks); Shift for fine moves.
 */
export function EqGraph({ tapTrackId, name, eq, sampleRate, spectrum, editable, onBandMove, onBandRelease, onBandEnable }: EqGraphProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drag = useRef<Drag | null>(null);
  const latest = useRef({ eq, sampleRate, spectrum });
  latest.current = { eq, sampleRate, spectrum };
  const dirty = useRef(true);
  dirty.current = true;

  useEffect(() => {
    if (tapTrackId === null) return;
    spectrum?.select(tapTrackId);
    return () => spectrum?.select(null);
  }, [spectrum, tapTrackId]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let frame = 0;
    let curve = new Float32Array(0);
    let freqs = new Float64Array(0);
    let columns = new Float32Array(0);
    let curveFor: { eq: EqData; width: number; sampleRate: number; drag: Drag | null } | null = null;
    const styles = getComputedStyle(canvas);
    const color = (name: string, fallback: string) => styles.getPropertyValue(name).trim() || fallback;
    const accent = color('--accent', '#ffb224');

    const draw = () => {
      frame = requestAnimationFrame(draw);
      const { eq: currentEq, sampleRate: sr, spectrum: source } = latest.current;
      const bins = source?.read() ?? null;
      const dpr = window.devicePixelRatio || 1;
      const width = Math.max(1, Math.round(canvas.clientWidth));
      const height = HEIGHT_PX;
      if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
        dirty.current = true;
      }
      if (!bins && !dirty.current) return;
      dirty.current = false;

      const shownEq = withDrag(currentEq, drag.current);
      if (!curveFor || curveFor.eq !== currentEq || curveFor.width !== width || curveFor.sampleRate !== sr || curveFor.drag !== drag.current) {
        if (freqs.length !== width + 1) {
          freqs = Float64Array.from({ length: width + 1 }, (_, x) => xToFreq(x, width));
          curve = new Float32Array(width + 1);
        }
        eqResponseDb(shownEq, sr, freqs, curve);
        curveFor = { eq: currentEq, width, sampleRate: sr, drag: drag.current && { ...drag.current } };
      }

      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);

      // grid
      ctx.lineWidth = 1;
      ctx.font = '9.5px ui-monospace, monospace';
      ctx.fillStyle = '#7d8590';
      for (const f of GRID_FREQS_HZ) {
        const x = Math.round(freqToX(f, width)) + 0.5;
        ctx.strokeStyle = 'rgba(255,255,255,0.06)';
        ctx.beginPath();
        ctx.moveTo(x, 0);
        ctx.lineTo(x, height);
        ctx.stroke();
        ctx.fillText(f >= 1_000 ? `${f / 1_000}k` : String(f), x + 3, height - 4);
      }
      for (const db of GRID_DBS) {
        const y = Math.round(dbToY(db, height)) + 0.5;
        ctx.strokeStyle = db === 0 ? 'rgba(255,255,255,0.16)' : 'rgba(255,255,255,0.05)';
        ctx.beginPath();
        ctx.moveTo(0, y);
        ctx.lineTo(width, y);
        ctx.stroke();
        if (db !== 0) ctx.fillText(db > 0 ? `+${db}` : String(db), 3, y - 2);
      }

      // live spectrum
      if (bins && source) {
        if (columns.length !== width) columns = new Float32Array(width);
        spectrumColumns(bins, source.sampleRate, source.fftSize, columns);
        ctx.beginPath();
        ctx.moveTo(0, height);
        for (let x = 0; x < width; x++) ctx.lineTo(x + 0.5, Number.isFinite(columns[x]) ? spectrumDbToY(columns[x], height) : height);
        ctx.lineTo(width, height);
        ctx.closePath();
        ctx.fillStyle = 'rgba(124, 196, 255, 0.14)';
        ctx.fill();
        ctx.strokeStyle = 'rgba(124, 196, 255, 0.4)';
        ctx.stroke();
      }

      // response curve
      ctx.beginPath();
      for (let x = 0; x <= width; x++) {
        const y = Math.min(height + 2, Math.max(-2, dbToY(curve[x], height)));
        if (x === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.strokeStyle = accent;
      ctx.lineWidth = 2;
      ctx.stroke();
      ctx.lineTo(width, dbToY(0, height));
      ctx.lineTo(0, dbToY(0, height));
      ctx.closePath();
      ctx.fillStyle = 'rgba(255, 178, 36, 0.08)';
      ctx.fill();

      // handles
      for (const name of EQ_BAND_NAMES) {
        const band = shownEq[name];
        const { x, y } = handleAt(name, band, width, height);
        const on = band.on;
        ctx.beginPath();
        ctx.arc(x, y, HANDLE_R, 0, Math.PI * 2);
        ctx.fillStyle = on ? EQ_BAND_COLORS[name] : '#1b1f24';
        ctx.strokeStyle = EQ_BAND_COLORS[name];
        ctx.lineWidth = 1.5;
        ctx.globalAlpha = on ? 1 : 0.6;
        ctx.fill();
        ctx.stroke();
        ctx.globalAlpha = 1;
      }
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, []);

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!editable || e.button !== 0) return;
    const canvas = e.currentTarget;
    const rect = canvas.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    let best: EqBandName | null = null;
    let bestDistance = GRAB_PX;
    for (const name of EQ_BAND_NAMES) {
      const { x, y } = handleAt(name, eq[name], rect.width, HEIGHT_PX);
      const d = Math.hypot(px - x, py - y);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    if (!best) return;
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    const band = eq[best];
    if (!band.on) onBandEnable(best);
    drag.current = { band: best, pointerId: e.pointerId, x0: px, y0: py, freq0: band.freqHz, gain0: gainOf(band), freqHz: band.freqHz, gainDb: gainOf(band) };
    dirty.current = true;
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (!d || e.pointerId !== d.pointerId) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const factor = e.shiftKey ? FINE_FACTOR : 1;
    const freqSpec = paramSpec(`eq.${d.band}.freqHz`)!;
    const freqHz = roundParam(freqSpec, xToFreq(freqToX(d.freq0, rect.width) + (e.clientX - rect.left - d.x0) * factor, rect.width));
    if (freqHz !== d.freqHz) onBandMove(d.band, 'freqHz', freqHz);
    let gainDb = d.gainDb;
    if (!isPassBand(d.band)) {
      const gainSpec = paramSpec(`eq.${d.band}.gainDb`)!;
      gainDb = roundParam(gainSpec, yToDb(dbToY(d.gain0, HEIGHT_PX) + (e.clientY - rect.top - d.y0) * factor, HEIGHT_PX));
      if (gainDb !== d.gainDb) onBandMove(d.band, 'gainDb', gainDb);
    }
    drag.current = { ...d, freqHz, gainDb };
    dirty.current = true;
  };

  const endDrag = () => {
    const d = drag.current;
    if (!d) return;
    drag.current = null;
    dirty.current = true;
    onBandRelease(d.band);
  };

  return (
    <canvas
      ref={canvasRef}
      className={['eq-graph', editable && 'eq-graph--editable'].filter(Boolean).join(' ')}
      style={{ height: HEIGHT_PX }}
      role="img"
      aria-label={`${name} EQ response`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onLostPointerCapture={endDrag}
    />
  );
}

/** The EQ with a dragged handle's values in place of the document's (which lag by up to 50 ms). */
function withDrag(eq: EqData, d: Drag | null): EqData {
  if (!d) return eq;
  const band = eq[d.band];
  const moved = 'gainDb' in band ? { ...band, on: true, freqHz: d.freqHz, gainDb: d.gainDb } : { ...band, on: true, freqHz: d.freqHz };
  return { ...eq, [d.band]: moved };
}

/** Where a band's handle sits: at its frequency, and at its gain (pass filters on the 0 dB line). */
function handleAt(name: EqBandName, band: Band, width: number, height: number): { x: number; y: number } {
  return { x: freqToX(band.freqHz, width), y: dbToY(isPassBand(name) ? 0 : gainOf(band), height) };
}
