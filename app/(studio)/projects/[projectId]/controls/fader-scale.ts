import { type Decibels, GAIN_FLOOR_DB, GAIN_MAX_DB } from '../../../../../lib/doc';

/** Fader travel: 0 is the bottom (silence), 1 the top (+12 dB). */
export type FaderPosition = number;

/**
 * Fader law as piecewise-linear knots, like a console's printed scale: most of the travel sits
 * between -20 and +6 dB, where mixing happens, and 0 dB sits at three quarters of the way up.
 * Below -60 dB the fader runs quickly down to silence.
 */
const KNOTS: readonly (readonly [FaderPosition, Decibels])[] = [
  [0, GAIN_FLOOR_DB],
  [0.08, -60],
  [0.17, -40],
  [0.28, -30],
  [0.42, -20],
  [0.56, -10],
  [0.66, -5],
  [0.76, 0],
  [0.88, 6],
  [1, GAIN_MAX_DB],
];

/** Scale marks printed beside the fader. */
export const FADER_MARKS_DB: readonly Decibels[] = [12, 6, 0, -5, -10, -20, -30, -40, -60, GAIN_FLOOR_DB];

export const UNITY_DB: Decibels = 0;
export const PAN_CENTER = 0;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round = (value: number, step: number) => Math.round(value / step) * step;
/** One decimal, without binary noise (-4.500000001) and without -0. */
const tidy = (value: number) => Number(value.toFixed(1)) || 0;

export function clampDb(db: Decibels): Decibels {
  return clamp(db, GAIN_FLOOR_DB, GAIN_MAX_DB);
}

export function dbToPosition(db: Decibels): FaderPosition {
  const value = clampDb(db);
  for (let i = 1; i < KNOTS.length; i++) {
    const [p1, d1] = KNOTS[i];
    if (value <= d1) {
      const [p0, d0] = KNOTS[i - 1];
      return p0 + ((value - d0) / (d1 - d0)) * (p1 - p0);
    }
  }
  return 1;
}

/** The gain at a fader position, rounded to 0.1 dB (what the readout can show). */
export function positionToDb(position: FaderPosition): Decibels {
  const p = clamp(position, 0, 1);
  if (p <= 0) return GAIN_FLOOR_DB;
  for (let i = 1; i < KNOTS.length; i++) {
    const [p1, d1] = KNOTS[i];
    if (p <= p1) {
      const [p0, d0] = KNOTS[i - 1];
      return clampDb(tidy(d0 + ((p - p0) / (p1 - p0)) * (d1 - d0)));
    }
  }
  return GAIN_MAX_DB;
}

export type StepSize = 'fine' | 'normal' | 'page';

/**
 * The next gain for a key press: 0.5 dB steps from -20 dB up, 2 dB steps below, 6 dB per page,
 * 0.1 dB with Shift. Values snap to the step grid. Below -60 dB the next step is silence, and
 * from silence the next step up is -60 dB (the range between is no place for a level).
 */
export function stepDb(db: Decibels, direction: 1 | -1, size: StepSize): Decibels {
  if (direction > 0 && db < -60) return -60;
  if (direction < 0 && db <= -60) return GAIN_FLOOR_DB;
  const step = size === 'fine' ? 0.1 : size === 'page' ? 6 : (direction > 0 ? db >= -20 : db > -20) ? 0.5 : 2;
  const units = db / step;
  const next = direction > 0 ? (Math.floor(units + 1e-6) + 1) * step : (Math.ceil(units - 1e-6) - 1) * step;
  return tidy(clamp(next, -60, GAIN_MAX_DB));
}

/** '-∞' at silence, else signed with one decimal: '+3.0', '0.0', '-4.5'. */
export function formatDb(db: Decibels): string {
  if (db <= GAIN_FLOOR_DB) return '-∞';
  const value = tidy(db);
  return value > 0 ? `+${value.toFixed(1)}` : value.toFixed(1);
}

/** The fader's accessible value: '-4.5 dB', '-∞ dB'. */
export function faderValueText(db: Decibels): string {
  return `${formatDb(db)} dB`;
}

/** A typed gain: '-4.5', '+3', '-4.5 dB', '−6' (Unicode minus), '-inf' or '-∞'. Null when unreadable. */
export function parseDb(text: string): Decibels | null {
  const cleaned = text.trim().replace(/\u2212/g, '-').replace(/\s*db$/i, '').trim();
  if (/^-?(inf|infinity|∞)$/i.test(cleaned)) return GAIN_FLOOR_DB;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
  return clampDb(tidy(Number(cleaned)));
}

/** Pan as a console prints it: 'C', 'L30', 'R100' (percent of the way to one side). */
export function formatPan(pan: number): string {
  const percent = Math.round(pan * 100);
  if (percent === 0) return 'C';
  return percent < 0 ? `L${-percent}` : `R${percent}`;
}

export function clampPan(pan: number): number {
  return clamp(round(pan, 0.01), -1, 1) || 0;
}

/** Pan steps: 5 % per arrow, 1 % with Shift, 25 % per page. */
export function stepPan(pan: number, direction: 1 | -1, size: StepSize): number {
  const step = size === 'fine' ? 0.01 : size === 'page' ? 0.25 : 0.05;
  const units = pan / step;
  const next = direction > 0 ? (Math.floor(units + 1e-6) + 1) * step : (Math.ceil(units - 1e-6) - 1) * step;
  return clampPan(next);
}
