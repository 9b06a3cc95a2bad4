import type { Decibels } from '../dsp';

/** What normalising aims at: the sample peak (dBFS) or the integrated loudness (LUFS). */
export const NORMALIZE_MODES = { peak: 'peak', loudness: 'loudness' } as const;
export type NormalizeMode = (typeof NORMALIZE_MODES)[keyof typeof NORMALIZE_MODES];

/** The levels of a stem from its analysis (the ingest's report, `GET /api/stems/:id/analysis`). */
export interface StemLevels {
  samplePeakDbfs: Decibels;
  /** Null for a stem no loudness block reached (near silence). */
  integratedLufs: number | null;
}

/** The clip gain range of the document (SPEC L20). */
const CLIP_GAIN_MAX_DB = 48;

/**
 * The clip gain that brings a stem's sample peak to `target` dBFS, or its integrated loudness to
 * `target` LUFS: non-destructive normalising (the stem is untouched; the clip gain does it). The
 * clip gain is a plain factor before every other stage, so the clip then measures at the target
 * exactly (up to float rounding). Null when the stem has no loudness to normalise or is silent;
 * the result is clamped to the document's clip gain range.
 */
export function normalizeClipGainDb(levels: StemLevels, mode: NormalizeMode, target: number): Decibels | null {
  const measured = mode === 'peak' ? levels.samplePeakDbfs : levels.integratedLufs;
  if (measured === null || !Number.isFinite(measured)) return null;
  return Math.max(-CLIP_GAIN_MAX_DB, Math.min(CLIP_GAIN_MAX_DB, target - measured));
}
