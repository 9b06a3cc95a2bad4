/** 83.25 -> "1:23.3": a time on a revision, to a tenth of a second. */
export function formatTimecode(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '0:00.0';
  const tenths = Math.round(sec * 10);
  const m = Math.floor(tenths / 600);
  const s = (tenths - m * 600) / 10;
  return `${m}:${s < 10 ? '0' : ''}${s.toFixed(1)}`;
}

/**
 * Reads a time as people type it: seconds ("83.2"), or minutes and seconds ("1:23.2", "1:23").
 * Null for anything else, negative times included.
 */
export function parseTimecode(text: string): number | null {
  const match = /^\s*(?:(\d{1,4}):)?(\d+(?:\.\d*)?|\.\d+)\s*$/.exec(text);
  if (!match) return null;
  const minutes = match[1] === undefined ? 0 : Number(match[1]);
  const seconds = Number(match[2]);
  if (match[1] !== undefined && seconds >= 60) return null;
  const total = minutes * 60 + seconds;
  return Number.isFinite(total) ? total : null;
}
