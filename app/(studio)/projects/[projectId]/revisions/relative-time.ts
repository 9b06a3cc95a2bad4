const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const dayAndMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const withYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/**
 * How long ago `iso` was, as an engineer says it: "just now", "2 min ago", "3 h ago",
 * "yesterday", "4 days ago", then the date. A time a little in the future (another clock) is "just now".
 */
export function relativeTime(iso: string, nowMs: number): string {
  const at = new Date(iso);
  const ago = nowMs - at.getTime();
  if (Number.isNaN(ago)) return '';
  if (ago < 45_000) return 'just now';
  if (ago < HOUR_MS) return `${Math.max(1, Math.round(ago / MINUTE_MS))} min ago`;
  if (ago < DAY_MS) return `${Math.floor(ago / HOUR_MS)} h ago`;
  if (ago < 2 * DAY_MS) return 'yesterday';
  if (ago < 7 * DAY_MS) return `${Math.floor(ago / DAY_MS)} days ago`;
  return (new Date(nowMs).getFullYear() === at.getFullYear() ? dayAndMonth : withYear).format(at);
}

/** 83.2 -> "1:23", for lengths and player times. */
export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '0:00';
  const whole = Math.floor(sec);
  const m = Math.floor(whole / 60);
  const s = whole - m * 60;
  return `${m}:${s < 10 ? '0' : ''}${s}`;
}
