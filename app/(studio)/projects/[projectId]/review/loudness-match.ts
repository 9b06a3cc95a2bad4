/** Gains in dB for the two sides of an A/B. */
export interface AbGainsDb {
  a: number;
  b: number;
}

/**
 * Loudness-matching gains from the measured integrated loudness of each side: the louder side is
 * turned down to the quieter one, nothing is turned up (so nothing clips that did not). A side with
 * no measured loudness (silence) leaves both as they are.
 */
export function matchGainsDb(aLufs: number | null, bLufs: number | null): AbGainsDb {
  if (aLufs === null || bLufs === null || !Number.isFinite(aLufs) || !Number.isFinite(bLufs)) return { a: 0, b: 0 };
  const reference = Math.min(aLufs, bLufs);
  return { a: reference - aLufs, b: reference - bLufs };
}

export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}
