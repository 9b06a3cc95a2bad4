import type { EqData, Hertz } from '../../../../../lib/doc';
import { eqResponseDb, logFrequencies } from './eq-response';

/** The EQ view's axes: 20 Hz..20 kHz on a log scale, ±24 dB (the band gain range). */
export const PLOT_MIN_HZ: Hertz = 20;
export const PLOT_MAX_HZ: Hertz = 20_000;
export const PLOT_RANGE_DB = 24;
/** The spectrum's own scale behind the curve: -90..0 dBFS over the full height. */
export const SPECTRUM_FLOOR_DB = -90;

export const GRID_FREQS_HZ: readonly Hertz[] = [50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000];
export const GRID_DBS: readonly number[] = [-18, -12, -6, 0, 6, 12, 18];

const LOG_SPAN = Math.log(PLOT_MAX_HZ / PLOT_MIN_HZ);

export function freqToX(f: Hertz, width: number): number {
  return (Math.log(Math.max(f, 1e-3) / PLOT_MIN_HZ) / LOG_SPAN) * width;
}

export function xToFreq(x: number, width: number): Hertz {
  return PLOT_MIN_HZ * Math.exp((x / width) * LOG_SPAN);
}

export function dbToY(db: number, height: number): number {
  return ((PLOT_RANGE_DB - db) / (2 * PLOT_RANGE_DB)) * height;
}

export function yToDb(y: number, height: number): number {
  return PLOT_RANGE_DB - (y / height) * 2 * PLOT_RANGE_DB;
}

/** Where a spectrum level in dBFS sits, 0 (top) .. height (bottom). */
export function spectrumDbToY(db: number, height: number): number {
  const t = Math.min(1, Math.max(0, db / SPECTRUM_FLOOR_DB));
  return t * height;
}

/**
 * Folds FFT bins (dB, bin k at k * sampleRate / fftSize) into `columns.length` pixel columns of
 * the log axis: each column takes the loudest bin within it, or, where columns are narrower than
 * a bin (the low end), the level interpolated between the neighbouring bins. Columns above
 * Nyquist get -Infinity. Allocates nothing.
 */
export function spectrumColumns(bins: Float32Array, sampleRate: Hertz, fftSize: number, columns: Float32Array): Float32Array {
  const width = columns.length;
  const binHz = sampleRate / fftSize;
  const last = bins.length - 1;
  for (let c = 0; c < width; c++) {
    const lo = xToFreq(c, width) / binHz;
    const hi = xToFreq(c + 1, width) / binHz;
    if (lo > last) {
      columns[c] = -Infinity;
      continue;
    }
    const first = Math.ceil(lo);
    const end = Math.min(last, Math.floor(hi));
    if (end >= first) {
      let max = -Infinity;
      for (let k = first; k <= end; k++) if (bins[k] > max) max = bins[k];
      columns[c] = max;
    } else {
      const mid = Math.min(last, (lo + hi) / 2);
      const k = Math.min(last - 1, Math.floor(mid));
      const t = mid - k;
      columns[c] = bins[k] * (1 - t) + bins[k + 1] * t;
    }
  }
  return columns;
}

/** An SVG path of the EQ's response, `points` points across `width` x `height` (±PLOT_RANGE_DB). */
export function eqCurvePath(eq: EqData, sampleRate: Hertz, width: number, height: number, points = 48): string {
  const freqs = logFrequencies(points, PLOT_MIN_HZ, PLOT_MAX_HZ);
  const db = eqResponseDb(eq, sampleRate, freqs, new Float32Array(points));
  let d = '';
  for (let i = 0; i < points; i++) {
    const x = (i / (points - 1)) * width;
    const y = Math.min(height, Math.max(0, dbToY(db[i], height)));
    d += `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
  }
  return d;
}
