import type { CompData } from '../../../../../lib/doc';
import { compressorCurve } from '../../../../../lib/dsp';

/** The transfer graph spans this input and output range, in dBFS. */
export const CURVE_MIN_DB = -60;
export const CURVE_MAX_DB = 0;

type CurveParams = Pick<CompData, 'thresholdDb' | 'ratio' | 'kneeDb' | 'makeupDb'>;

/** Output level for an input level, in dB: the compressor's static curve plus makeup. */
export function compOutputDb(comp: CurveParams, inputDb: number): number {
  return compressorCurve(inputDb, comp.thresholdDb, comp.ratio, comp.kneeDb) + comp.makeupDb;
}

/**
 * An SVG path of the transfer curve in a `size` x `size` box (input left to right, output bottom
 * to top, both -60..0 dBFS); output beyond the box is clipped to its edge.
 */
export function compCurvePath(comp: CurveParams, size: number, points = 40): string {
  const span = CURVE_MAX_DB - CURVE_MIN_DB;
  let d = '';
  for (let i = 0; i < points; i++) {
    const input = CURVE_MIN_DB + (span * i) / (points - 1);
    const out = Math.min(CURVE_MAX_DB, Math.max(CURVE_MIN_DB, compOutputDb(comp, input)));
    const x = ((input - CURVE_MIN_DB) / span) * size;
    const y = size - ((out - CURVE_MIN_DB) / span) * size;
    d += `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
  }
  return d;
}
