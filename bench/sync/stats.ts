/** Nearest-rank percentile of unsorted samples (Infinity stands for "never arrived"). */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Samples plus `missing` Infinity entries, sorted. */
export function sortWithMissing(samples: number[], missing: number): Float64Array {
  const out = new Float64Array(samples.length + Math.max(0, missing));
  out.set(samples);
  out.fill(Infinity, samples.length);
  return out.sort();
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return Number.isNaN(ms) ? '-' : 'lost';
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

export function fmtNum(n: number, digits = 0): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '-';
}
