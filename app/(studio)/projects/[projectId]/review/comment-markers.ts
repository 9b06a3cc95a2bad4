import type { Thread } from './comment-threads';

/** A thread's mark on the waveform, in shares of its width (0..1). */
export interface Marker {
  id: string;
  left: number;
  /** 0 for a point in time; the share the range covers otherwise. */
  width: number;
  /** The row it is drawn on, so that marks close together stay apart. */
  row: number;
  color: string;
  resolved: boolean;
}

export interface MarkerLayoutOptions {
  /** The width of a point mark, as a share of the waveform (its pixel size over the width). */
  pointShare: number;
  /** @default 3 */
  maxRows?: number;
}

/**
 * Places the marks of the threads along a render of `durationSec`: at their time, as wide as their
 * range, each on the first row where it touches no earlier mark; when every row is taken, on the
 * row that frees up first. Times past the end are drawn at the end.
 */
export function layoutMarkers(threads: readonly Thread[], durationSec: number, options: MarkerLayoutOptions): Marker[] {
  const maxRows = Math.max(1, options.maxRows ?? 3);
  const length = durationSec > 0 ? durationSec : 1;
  const share = (sec: number) => Math.min(1, Math.max(0, sec / length));
  const rowEnds: number[] = [];
  const sorted = threads.filter((t) => !t.root.deleted).sort((a, b) => a.root.atSec - b.root.atSec);
  return sorted.map(({ root }) => {
    const left = share(root.atSec);
    const width = root.endSec === null ? 0 : Math.max(0, share(root.endSec) - left);
    const right = left + Math.max(width, options.pointShare);
    let row = rowEnds.findIndex((end) => end <= left);
    if (row === -1) row = rowEnds.length < maxRows ? rowEnds.length : rowEnds.indexOf(Math.min(...rowEnds));
    rowEnds[row] = Math.max(rowEnds[row] ?? 0, right);
    return { id: root.id, left, width, row, color: root.author?.color ?? '#a1a8b3', resolved: root.resolved };
  });
}
