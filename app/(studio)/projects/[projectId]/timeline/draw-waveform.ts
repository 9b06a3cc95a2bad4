import type { TimelineView } from './timeline-view';
import { pickPeakLevel, type WaveformPeaks } from './waveform-peaks';

export interface DrawWaveformOptions {
  view: TimelineView;
  /** CSS pixels; the canvas is sized to these times `devicePixelRatio`. */
  width: number;
  height: number;
  /** Where the stem starts on the timeline. */
  offsetSec: number;
  color: string;
  peaks: WaveformPeaks;
}

/**
 * Draws the visible stretch of a stem: the clip (a tinted block from offset to end) and, per CSS
 * pixel column, the min..max of all channels at the peak level closest to the zoom.
 */
export function drawWaveform(canvas: HTMLCanvasElement, options: DrawWaveformOptions): void {
  const ctx = prepareCanvas(canvas, options.width, options.height);
  if (!ctx) return;
  const { view, width, height, offsetSec, color, peaks } = options;
  const durationSec = peaks.frames / peaks.sampleRate;
  const clipX0 = (offsetSec - view.startSec) * view.pxPerSec;
  const clipX1 = clipX0 + durationSec * view.pxPerSec;
  const from = Math.max(0, Math.floor(clipX0));
  const to = Math.min(width, Math.ceil(clipX1));
  if (to <= from) return;

  ctx.fillStyle = withAlpha(color, 0.1);
  ctx.fillRect(clipX0, 0, clipX1 - clipX0, height);
  ctx.fillStyle = withAlpha(color, 0.55);
  if (clipX0 >= 0) ctx.fillRect(Math.floor(clipX0), 0, 1, height);
  if (clipX1 <= width) ctx.fillRect(Math.ceil(clipX1) - 1, 0, 1, height);

  const framesPerPx = peaks.sampleRate / view.pxPerSec;
  const level = pickPeakLevel(peaks, framesPerPx);
  const { data, samplesPerPeak } = level;
  const channels = peaks.channels;
  const mid = height / 2;
  const scale = (height / 2 - 2) / 128;

  ctx.fillStyle = color;
  for (let x = from; x < to; x++) {
    const f0 = (view.startSec + x / view.pxPerSec - offsetSec) * peaks.sampleRate;
    const i0 = Math.max(0, Math.floor(f0 / samplesPerPeak));
    const i1 = Math.min(level.length, Math.max(i0 + 1, Math.ceil((f0 + framesPerPx) / samplesPerPeak)));
    let lo = 127;
    let hi = -128;
    for (let i = i0; i < i1; i++) {
      for (let c = 0; c < channels; c++) {
        const at = (i * channels + c) * 2;
        if (data[at] < lo) lo = data[at];
        if (data[at + 1] > hi) hi = data[at + 1];
      }
    }
    if (hi < lo) continue;
    const top = mid - hi * scale;
    const bottom = mid - lo * scale;
    // At least one device pixel high, so silence still reads as a line.
    ctx.fillRect(x, top, 1, Math.max(1, bottom - top));
  }
}

export interface DrawRulerOptions {
  view: TimelineView;
  width: number;
  height: number;
  stepSec: number;
  barSec: number;
  barEvery: number;
  formatLabel(sec: number): string;
}

/** Seconds on the upper half, bar numbers (4/4 at the song's tempo) on the lower half. */
export function drawRuler(canvas: HTMLCanvasElement, o: DrawRulerOptions): void {
  const ctx = prepareCanvas(canvas, o.width, o.height);
  if (!ctx) return;
  const { view, width, height } = o;
  const endSec = view.startSec + width / view.pxPerSec;
  const half = Math.round(height / 2);
  ctx.font = '10.5px ui-monospace, "DejaVu Sans Mono", monospace';
  ctx.textBaseline = 'middle';

  ctx.fillStyle = '#363b44';
  ctx.fillRect(0, half, width, 1);
  for (let k = Math.floor(view.startSec / o.stepSec); k * o.stepSec <= endSec; k++) {
    const sec = k * o.stepSec;
    const x = Math.round((sec - view.startSec) * view.pxPerSec);
    ctx.fillStyle = '#4a505b';
    ctx.fillRect(x, 0, 1, half);
    ctx.fillStyle = '#a1a8b3';
    // A label cut by the left edge reads wrong (":30"): the next one is enough.
    if (x >= 0) ctx.fillText(o.formatLabel(sec), x + 4, half / 2 + 1);
  }
  const step = o.barSec * o.barEvery;
  for (let k = Math.floor(view.startSec / step); k * step <= endSec; k++) {
    const x = Math.round((k * step - view.startSec) * view.pxPerSec);
    ctx.fillStyle = '#2f343c';
    ctx.fillRect(x, half, 1, height - half);
    ctx.fillStyle = '#7d8590';
    if (x >= 0) ctx.fillText(String(k * o.barEvery + 1), x + 4, half + (height - half) / 2 + 1);
  }
}

/** Sizes the canvas for the device's pixel ratio and clears it; draw in CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** `#rrggbb` plus alpha; the track colours are validated as `#rrggbb` by the document schema. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
