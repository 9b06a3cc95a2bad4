import { type AutomationParam, GAIN_FLOOR_DB, GAIN_MAX_DB } from '../../../../../lib/doc';
import {
  clampDb,
  clampPan,
  dbToPosition,
  faderValueText,
  formatPan,
  positionToDb,
  type StepSize,
  stepDb,
  stepPan,
} from '../controls/fader-scale';

/** The lanes every track has on the timeline; sends and insert bypass lanes follow its buses and inserts (SPEC L7). */
export const EDITABLE_LANES = ['gainDb', 'pan', 'mute'] as const;
/** Any lane of SPEC L7: `gainDb`, `pan`, `mute`, `send:<busId>`, `bypass:<insertId>`. */
export type EditableLane = AutomationParam;

/**
 * How a lane maps its values onto its height, so that it reads like the control it automates: the
 * fader lane uses the fader's own law (0 dB three quarters up), the pan lane is linear, L at the
 * bottom. Positions are 0 (bottom) .. 1 (top).
 */
export interface LaneScale {
  param: EditableLane;
  /** Shown in the lane's header and accessible name: "Bass fader automation", "Bass send Delay automation". */
  label: string;
  /** Each point's value holds until the next (mute, bypass), rather than ramping to it. */
  held?: boolean;
  min: number;
  max: number;
  /** A reference line drawn across the lane (unity gain, centre). */
  referenceValue: number;
  toPosition(value: number): number;
  /** The value at a position, rounded to what the control can show. */
  fromPosition(position: number): number;
  clamp(value: number): number;
  step(value: number, direction: 1 | -1, size: StepSize): number;
  /** The accessible value: `-4.5 dB`, `L30`. */
  format(value: number): string;
}

const clamp01 = (p: number) => Math.min(1, Math.max(0, p));

export const LANE_SCALES: Readonly<Record<'gainDb' | 'pan', LaneScale>> = {
  gainDb: {
    param: 'gainDb',
    label: 'Fader',
    min: GAIN_FLOOR_DB,
    max: GAIN_MAX_DB,
    referenceValue: 0,
    toPosition: dbToPosition,
    fromPosition: positionToDb,
    clamp: clampDb,
    step: stepDb,
    format: faderValueText,
  },
  pan: {
    param: 'pan',
    label: 'Pan',
    min: -1,
    max: 1,
    referenceValue: 0,
    toPosition: (pan) => clamp01((pan + 1) / 2),
    fromPosition: (position) => clampPan(clamp01(position) * 2 - 1),
    clamp: clampPan,
    step: stepPan,
    format: formatPan,
  },
};

/** An on/off lane: 1 at the top (muted, bypassed), held until the next point. */
function switchScale(param: EditableLane, label: string, onText: string): LaneScale {
  const snap = (v: number) => (v >= 0.5 ? 1 : 0);
  return {
    param,
    label,
    held: true,
    min: 0,
    max: 1,
    referenceValue: 0,
    toPosition: (v) => clamp01(v),
    fromPosition: snap,
    clamp: snap,
    step: (_v, direction) => (direction > 0 ? 1 : 0),
    format: (v) => (v >= 0.5 ? onText : 'off'),
  };
}

/**
 * The scale of any lane: the fader's and pan's own, a send level on the fader law, mute and insert
 * bypass as switches. `name` names the bus or insert in the label ("Send Delay", "Bypass Chorus").
 */
export function laneScale(param: EditableLane, name = ''): LaneScale {
  if (param === 'gainDb' || param === 'pan') return LANE_SCALES[param];
  if (param === 'mute') return switchScale(param, 'Mute', 'muted');
  if (param.startsWith('bypass:')) return switchScale(param, `Bypass ${name}`.trim(), 'bypassed');
  return { ...LANE_SCALES.gainDb, param, label: `Send ${name}`.trim() };
}

/** Room above the top and below the bottom of the value range, so that a handle there stays whole. */
export const LANE_PAD_PX = 6;

/** Pixels from the lane's top edge to a position on its scale. */
export function positionToY(position: number, heightPx: number): number {
  return LANE_PAD_PX + (1 - clamp01(position)) * (heightPx - 2 * LANE_PAD_PX);
}

/** The position on the scale under a pixel row (pixels from the lane's top edge), clamped to 0..1. */
export function yToPosition(y: number, heightPx: number): number {
  const travel = heightPx - 2 * LANE_PAD_PX;
  return travel > 0 ? clamp01(1 - (y - LANE_PAD_PX) / travel) : 0.5;
}
