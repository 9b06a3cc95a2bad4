import { z } from 'zod';
import {
  COMP_SHAPE,
  type CompData,
  EQ_GAIN_MAX_DB,
  EQ_SHAPE,
  type EqBandName,
  type EqData,
  GAIN_FLOOR_DB,
  GAIN_MAX_DB,
  MAX_FREQ_HZ,
  MIN_FREQ_HZ,
  SEND_SHAPE,
  TRIM_MAX_DB,
} from '../../../../../lib/doc';
import { dbToPosition, positionToDb, type StepSize, stepDb } from './fader-scale';
import type { NumericParam, TrackParams } from '../mixer/mix-target';

/** Every band off and flat, every default of the schema (SPEC "Layout"). */
export const DEFAULT_EQ: EqData = z.strictObject(EQ_SHAPE).parse({});
export const DEFAULT_COMP: CompData = z.strictObject(COMP_SHAPE).parse({});
export const DEFAULT_SEND = z.strictObject(SEND_SHAPE).parse({});

export const PARAM_UNITS = { db: 'db', hz: 'hz', q: 'q', ms: 'ms', ratio: 'ratio', pan: 'pan', pct: 'pct', sec: 'sec' } as const;
export type ParamUnit = (typeof PARAM_UNITS)[keyof typeof PARAM_UNITS];

/**
 * How a knob moves through a range: `linear` in the unit, `log` for frequencies, Q, times and
 * ratio (equal travel per octave), `fader` the console fader law of `fader-scale.ts` (send levels).
 */
export type ParamScale = 'linear' | 'log' | 'fader';

export interface ParamSpec {
  min: number;
  max: number;
  /** What a double-click resets to: the schema default. */
  defaultValue: number;
  unit: ParamUnit;
  scale: ParamScale;
  /** The knob's arc starts at the default (trim, EQ gain, pan) rather than at the minimum. */
  bipolar: boolean;
}

const spec = (min: number, max: number, defaultValue: number, unit: ParamUnit, scale: ParamScale, bipolar = false): ParamSpec => ({
  min,
  max,
  defaultValue,
  unit,
  scale,
  bipolar,
});

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

export const TRIM_SPEC = spec(-TRIM_MAX_DB, TRIM_MAX_DB, 0, 'db', 'linear', true);
export const PAN_SPEC = spec(-1, 1, 0, 'pan', 'linear', true);
export const SEND_LEVEL_SPEC = spec(GAIN_FLOOR_DB, GAIN_MAX_DB, DEFAULT_SEND.levelDb, 'db', 'fader');

const COMP_SPECS: Record<Exclude<keyof CompData, 'on'>, ParamSpec> = {
  thresholdDb: spec(-60, 0, DEFAULT_COMP.thresholdDb, 'db', 'linear'),
  ratio: spec(1, 20, DEFAULT_COMP.ratio, 'ratio', 'log'),
  attackMs: spec(0.1, 500, DEFAULT_COMP.attackMs, 'ms', 'log'),
  releaseMs: spec(1, 5_000, DEFAULT_COMP.releaseMs, 'ms', 'log'),
  kneeDb: spec(0, 24, DEFAULT_COMP.kneeDb, 'db', 'linear'),
  makeupDb: spec(-12, 24, DEFAULT_COMP.makeupDb, 'db', 'linear', true),
};

export type EqField = 'freqHz' | 'gainDb' | 'q';

function eqSpec(band: EqBandName, field: EqField): ParamSpec {
  const defaults = DEFAULT_EQ[band] as Partial<Record<EqField, number>>;
  switch (field) {
    case 'freqHz':
      return spec(MIN_FREQ_HZ, MAX_FREQ_HZ, defaults.freqHz ?? 1_000, 'hz', 'log');
    case 'gainDb':
      return spec(-EQ_GAIN_MAX_DB, EQ_GAIN_MAX_DB, defaults.gainDb ?? 0, 'db', 'linear', true);
    case 'q':
      return spec(0.1, 18, defaults.q ?? 1, 'q', 'log');
  }
}

/** The range, default and scale of a continuous strip control; null for one the UI has no knob for. */
export function paramSpec(control: NumericParam<TrackParams>): ParamSpec | null {
  if (control === 'trimDb') return TRIM_SPEC;
  if (control === 'pan') return PAN_SPEC;
  if (control === 'gainDb') return spec(GAIN_FLOOR_DB, GAIN_MAX_DB, 0, 'db', 'fader');
  if (/^send:.+:levelDb$/.test(control)) return SEND_LEVEL_SPEC;
  const [group, a, b] = control.split('.');
  if (group === 'comp' && Object.hasOwn(COMP_SPECS, a)) return COMP_SPECS[a as keyof typeof COMP_SPECS];
  if (group === 'eq' && Object.hasOwn(DEFAULT_EQ, a) && (b === 'freqHz' || b === 'gainDb' || b === 'q')) return eqSpec(a as EqBandName, b);
  return null;
}

/** A value's place on the knob's travel, 0..1. */
export function toPosition(s: ParamSpec, value: number): number {
  const v = clamp(value, s.min, s.max);
  switch (s.scale) {
    case 'fader':
      return dbToPosition(v);
    case 'log':
      return Math.log(v / s.min) / Math.log(s.max / s.min);
    default:
      return (v - s.min) / (s.max - s.min);
  }
}

/** The value at a place on the travel, rounded to what the readout shows. */
export function fromPosition(s: ParamSpec, position: number): number {
  const p = clamp(position, 0, 1);
  switch (s.scale) {
    case 'fader':
      return positionToDb(p);
    case 'log':
      return roundParam(s, s.min * Math.pow(s.max / s.min, p));
    default:
      return roundParam(s, s.min + p * (s.max - s.min));
  }
}

/** The readout's precision at a value: 3 significant digits of Hz and ms, 0.01 of Q and pan, else 0.1. */
function precision(s: ParamSpec, value: number): number {
  if (s.unit === 'hz' || s.unit === 'ms') return Math.pow(10, Math.floor(Math.log10(Math.abs(value) || 1)) - 2);
  if (s.unit === 'sec') return value >= 10 ? 0.1 : 0.01;
  return s.unit === 'q' || s.unit === 'pan' || s.unit === 'pct' ? 0.01 : 0.1;
}

/** A value snapped to the readout's precision and clamped to the range. */
export function roundParam(s: ParamSpec, value: number): number {
  const step = precision(s, value);
  // toPrecision drops binary noise (0.30000000000000004).
  const rounded = Number((Math.round(value / step) * step).toPrecision(12));
  return clamp(rounded, s.min, s.max) || 0;
}

/** Linear steps per key press in the unit: arrow, Shift+arrow, Page. */
const LINEAR_STEPS: Record<ParamUnit, Record<StepSize, number>> = {
  db: { normal: 0.5, fine: 0.1, page: 3 },
  pan: { normal: 0.05, fine: 0.01, page: 0.25 },
  hz: { normal: 0, fine: 0, page: 0 },
  q: { normal: 0, fine: 0, page: 0 },
  ms: { normal: 0, fine: 0, page: 0 },
  ratio: { normal: 0, fine: 0, page: 0 },
  pct: { normal: 0.01, fine: 0.01, page: 0.1 },
  sec: { normal: 0, fine: 0, page: 0 },
};
/** Log steps as a fraction of the travel: 1/60 per arrow (about a sixth of an octave for EQ frequency), 1/300 fine, 1/10 per page. */
const LOG_STEPS: Record<StepSize, number> = { normal: 1 / 60, fine: 1 / 300, page: 1 / 10 };

/** The next value for a key press, snapped to the step grid (linear) or the readout precision (log). */
export function stepParam(s: ParamSpec, value: number, direction: 1 | -1, size: StepSize): number {
  if (s.scale === 'fader') return clamp(stepDb(value, direction, size), s.min, s.max);
  if (s.scale === 'log') {
    const next = fromPosition(s, toPosition(s, value) + direction * LOG_STEPS[size]);
    // Rounding can land back on the value: then move by one unit of the readout.
    return next !== value ? next : roundParam(s, value + direction * precision(s, value));
  }
  const step = LINEAR_STEPS[s.unit][size];
  const units = value / step;
  const next = direction > 0 ? (Math.floor(units + 1e-6) + 1) * step : (Math.ceil(units - 1e-6) - 1) * step;
  return roundParam(s, next);
}

/** Knobs of a reverb's and a delay's params (SPEC L8), by param name. */
export const BUS_PARAM_SPECS: Record<string, ParamSpec> = {
  decaySec: spec(0.1, 30, 2, 'sec', 'log'),
  preDelayMs: spec(0, 500, 0, 'ms', 'linear'),
  dampingHz: spec(MIN_FREQ_HZ, MAX_FREQ_HZ, 8_000, 'hz', 'log'),
  size: spec(0, 1, 0.6, 'pct', 'linear'),
  mix: spec(0, 1, 1, 'pct', 'linear'),
  timeMs: spec(1, 4_000, 375, 'ms', 'log'),
  feedback: spec(0, 0.95, 0.35, 'pct', 'linear'),
};

/** Knobs of the modulation and pitch inserts (SPEC L18), by kind and param name. */
export function insertParamSpec(kind: string, param: string): ParamSpec | null {
  const defaults: Record<string, Record<string, number>> = {
    chorus: { rateHz: 0.8, depth: 0.5, feedback: 0, mix: 0.5 },
    flanger: { rateHz: 0.25, depth: 0.7, feedback: 0.5, mix: 0.5 },
    phaser: { rateHz: 0.5, depth: 0.8, feedback: 0.4, mix: 0.5 },
    tremolo: { rateHz: 5, depth: 0.5, mix: 1 },
    auto_pan: { rateHz: 0.5, depth: 0.7 },
    pitch: { retuneMs: 20, humanize: 0 },
  };
  const d = defaults[kind]?.[param];
  if (d === undefined) return null;
  switch (param) {
    case 'rateHz':
      return spec(0.01, 20, d, 'hz', 'log');
    case 'feedback':
      return kind === 'phaser' ? spec(-0.9, 0.9, d, 'pct', 'linear', true) : spec(-0.95, 0.95, d, 'pct', 'linear', true);
    case 'retuneMs':
      return spec(0, 400, d, 'ms', 'linear');
    default:
      return spec(0, 1, d, 'pct', 'linear');
  }
}

/** Clip gain (SPEC L20). */
export const CLIP_GAIN_SPEC = spec(-48, 48, 0, 'db', 'linear', true);
