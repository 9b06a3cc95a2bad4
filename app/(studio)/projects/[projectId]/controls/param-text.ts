import { GAIN_FLOOR_DB } from '../../../../../lib/doc';
import { formatDb, formatPan } from './fader-scale';
import { type ParamSpec, type ParamUnit, roundParam } from './param-spec';

/** A value as the knob's readout prints it: '+3.0', '1.20k', '0.71', '10.0', '4.0:1', 'L30'. */
export function formatParam(unit: ParamUnit, value: number): string {
  switch (unit) {
    case 'db':
      return formatDb(value);
    case 'hz':
      return value >= 1_000 ? `${trim3(value / 1_000)}k` : trim3(value);
    case 'ms':
      return value >= 1_000 ? `${trim3(value / 1_000)}s` : trim3(value);
    case 'q':
      return value.toFixed(2);
    case 'ratio':
      return `${value.toFixed(1)}:1`;
    case 'pan':
      return formatPan(value);
    case 'pct':
      return `${Math.round(value * 100)}%`;
    case 'sec':
      return value >= 10 ? value.toFixed(1) : value.toFixed(2);
  }
}

/** Three significant digits, keeping trailing zeros so readouts do not jump in width: '1.20', '250', '20.0'. */
function trim3(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

const UNIT_TEXT: Record<ParamUnit, string> = { db: ' dB', hz: ' Hz', q: '', ms: ' ms', ratio: '', pan: '', pct: '', sec: ' s' };

/** The accessible value: '-4.5 dB', '1.20 kHz', 'Q 0.71', '10.0 ms', '4.0:1', 'L30'. */
export function paramValueText(unit: ParamUnit, value: number): string {
  if (unit === 'hz' && value >= 1_000) return `${trim3(value / 1_000)} kHz`;
  if (unit === 'ms' && value >= 1_000) return `${trim3(value / 1_000)} s`;
  if (unit === 'q') return `Q ${formatParam(unit, value)}`;
  if (unit === 'db') return `${formatDb(value)} dB`;
  return `${formatParam(unit, value)}${UNIT_TEXT[unit]}`;
}

/** What to tell someone whose typed value could not be read. */
export const PARAM_INPUT_HINT: Record<ParamUnit, string> = {
  db: 'Type a level in dB, for example -4.5 or +3',
  hz: 'Type a frequency, for example 250 or 2.5k',
  q: 'Type a Q, for example 0.7',
  ms: 'Type a time in ms, for example 10 or 0.5s',
  ratio: 'Type a ratio, for example 4 or 4:1',
  pan: 'Type a pan position: C, L30 or R100',
  pct: 'Type a percentage, for example 40 or 40%',
  sec: 'Type a time in seconds, for example 2.5',
};

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)`;

/**
 * A typed value in the spec's unit, rounded and clamped to its range; null when unreadable.
 * Accepts the readout's own forms and common ways of typing: '-4.5 dB', '-inf', '2.5k', '2500 Hz',
 * '2.5 kHz', '0.5s', '30 ms', '4:1', 'L30', 'R 100', 'C', a Unicode minus.
 */
export function parseParam(s: ParamSpec, text: string): number | null {
  const cleaned = text.trim().replace(/\u2212/g, '-').toLowerCase();
  const value = read(s.unit, cleaned);
  if (value === null || Number.isNaN(value)) return null;
  if (s.unit === 'db' && value <= GAIN_FLOOR_DB && s.min <= GAIN_FLOOR_DB) return s.min;
  return roundParam(s, value);
}

function read(unit: ParamUnit, text: string): number | null {
  const match = (pattern: string) => new RegExp(`^(${NUMBER})\\s*${pattern}$`).exec(text);
  switch (unit) {
    case 'db': {
      if (/^-?(inf|infinity|∞)(\s*db)?$/.test(text)) return GAIN_FLOOR_DB;
      const m = match('(db)?');
      return m ? Number(m[1]) : null;
    }
    case 'hz': {
      const m = match('(k|khz|hz)?');
      if (!m) return null;
      return Number(m[1]) * (m[2] === 'k' || m[2] === 'khz' ? 1_000 : 1);
    }
    case 'ms': {
      const m = match('(ms|s)?');
      if (!m) return null;
      return Number(m[1]) * (m[2] === 's' ? 1_000 : 1);
    }
    case 'q': {
      const m = match('') ?? /^q\s*([+-]?(?:\d+\.?\d*|\.\d+))$/.exec(text);
      return m ? Number(m[1]) : null;
    }
    case 'ratio': {
      const m = match('(:\\s*1)?');
      return m ? Number(m[1]) : null;
    }
    case 'pct': {
      const m = match('%?');
      return m ? Number(m[1]) / 100 : null;
    }
    case 'sec': {
      const m = match('(s|sec)?');
      return m ? Number(m[1]) : null;
    }
    case 'pan': {
      if (text === 'c' || text === 'center' || text === 'centre') return 0;
      const side = /^([lr])\s*(\d+\.?\d*)$/.exec(text);
      if (side) return (side[1] === 'l' ? -1 : 1) * (Number(side[2]) / 100);
      const m = match('');
      return m ? Number(m[1]) / 100 : null;
    }
  }
}
