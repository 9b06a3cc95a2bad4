import type * as Y from 'yjs';
import {
  type AutomationParam,
  type AutomationPoint,
  type BusStrip,
  type CompData,
  type EqData,
  type MasterData,
  type ParamPath,
  type ParamValue,
  type PathSegments,
  type StripData,
  setBusParam,
  setBusStripParam,
  setClipParam,
  setInsertBypass,
  setInsertParam,
  setMasterParam,
  setSend,
  setStripParam,
  setTrackField,
  type StripOwner,
} from '../../../../../lib/doc';

/** What the mixer edits: a track's strip, a bus's strip, or the master section. */
export const TARGET_KINDS = { track: 'track', bus: 'bus', master: 'master' } as const;
export type TargetKind = (typeof TARGET_KINDS)[keyof typeof TARGET_KINDS];

/** Parameter name to value type of a record: `gainDb` to number, `eq.peak1.on` to boolean, ... */
export type ParamsOf<T> = { [P in ParamPath<T>]: ParamValue<T, P> };

/**
 * A track strip's parameters by their dotted path (`gainDb`, `eq.peak1.freqHz`, `comp.on`, ...),
 * and its sends as `send:<busId>:levelDb` / `send:<busId>:pre`.
 */
export type TrackParams = ParamsOf<Omit<StripData, 'sends' | 'inserts'>> & { [send: `send:${string}:levelDb`]: number } & { [send: `send:${string}:pre`]: boolean } & InsertParams & {
  /** The clip (SPEC L20): `clip.gainDb`, `clip.fadeIn.durationSec`, ... (curves are strings). */
  [clip: `clip.${string}`]: number;
  /** Where the clip starts on the timeline. */
  offsetSec: number;
};
/**
 * A strip's inserts (SPEC L18) as `insert:<insertId>:<param>`: `insert:ch:rateHz`,
 * `insert:eq2:peak1.gainDb`, `insert:ch:bypass` (the sync note values and booleans are set with
 * `set`; numbers also move with gestures).
 */
export type InsertParams = { [insert: `insert:${string}:${string}`]: number };
/** A bus's strip, and its effect's params as `params.<name>` (SPEC L8). */
export type BusParams = ParamsOf<Omit<BusStrip, 'inserts'>> & InsertParams & { [param: `params.${string}`]: number };
export type MasterParams = ParamsOf<MasterData>;
/** What an EQ panel edits: the same names on a track, a bus and the master. */
export type EqParams = ParamsOf<{ eq: EqData }>;
/** What a compressor panel edits: the same names on a track, a bus and the master. */
export type CompParams = ParamsOf<{ comp: CompData }>;
/** What a fader, a pan knob and the mute and solo buttons edit: tracks and buses alike. */
export type ChannelParams = Pick<BusParams, 'gainDb' | 'pan' | 'mute' | 'solo'>;

/** The parameters a continuous gesture moves: the numeric ones. */
export type NumericParam<M> = { [P in keyof M]-?: M[P] extends number ? P : never }[keyof M] & string;

/**
 * One place in the mix the user edits, with the same gesture and undo behaviour wherever it is:
 * a panel that takes a `MixTarget<EqParams>` works on `model.track(id)`, `model.bus(id)` and
 * `model.master()` alike. Writes the user may not make (by `canWrite` on `pathOf(param)`, the
 * server's own rules) do nothing.
 */
export interface MixTarget<M> {
  readonly kind: TargetKind;
  /** The track or bus id; `master` for the master section. */
  readonly id: string;
  /** Where a parameter lives in the document: the path `canWrite` and the server's gate judge. */
  pathOf(param: keyof M & string): PathSegments;
  /**
   * A value from a continuous gesture (a fader or knob drag, a held arrow key): at most 20 writes
   * a second, the first at once and the last always. End it with `endGesture`.
   */
  push(param: NumericParam<M>, value: number): void;
  /** Writes what the gesture left pending; the next edit starts a new undo step. */
  endGesture(param: NumericParam<M>): void;
  /** A discrete edit (a toggle, a typed value, a reset): its own undo step. */
  set<P extends keyof M & string>(param: P, value: M[P]): void;
  /**
   * Several parameters at once, in one change and one undo step (the match EQ). Written only when
   * the user may write every one of them.
   */
  setMany(values: { [P in keyof M & string]?: M[P] }): void;
}

export interface TrackTarget extends MixTarget<TrackParams> {
  readonly kind: 'track';
  /**
   * Replaces an automation lane (`gainDb`, `pan`, ...) in one undo step; an empty list removes it.
   * Returns why it was not written (read-only, a value out of range, too many points), or null.
   */
  setLane(param: AutomationParam, points: readonly AutomationPoint[]): string | null;
}
export interface BusTarget extends MixTarget<BusParams> {
  readonly kind: 'bus';
}
export interface MasterTarget extends MixTarget<MasterParams> {
  readonly kind: 'master';
}
export type AnyTarget = TrackTarget | BusTarget | MasterTarget;

/** How a kind of target is found in the document and written, through the lib/doc accessors. */
export interface TargetPlace {
  kind: TargetKind;
  id: string;
  pathOf(param: string): PathSegments;
  /** Throws what the accessor throws: a value out of range, a track deleted a moment ago. */
  write(doc: Y.Doc, param: string, value: unknown, origin: unknown): void;
}

const SEND = /^send:(.+):(levelDb|pre)$/;
/** `insert:<id>:<param>`; insert ids are our own hex ids (no colon), params are dotted names. */
const INSERT = /^insert:([^:]+):(.+)$/;

function insertPath(unit: PathSegments, insertId: string, param: string): PathSegments {
  return param === 'bypass' ? [...unit, 'strip', 'inserts', insertId, 'bypass'] : [...unit, 'strip', 'inserts', insertId, 'params', ...param.split('.')];
}

function writeInsert(doc: Y.Doc, owner: StripOwner, insertId: string, param: string, value: unknown, origin: unknown): void {
  if (param === 'bypass') setInsertBypass(doc, owner, insertId, value as boolean, origin);
  else setInsertParam(doc, owner, insertId, param, value as number | string | boolean, origin);
}

export function trackPlace(id: string): TargetPlace {
  return {
    kind: TARGET_KINDS.track,
    id,
    pathOf(param) {
      const send = SEND.exec(param);
      if (send) return ['tracks', id, 'strip', 'sends', send[1], send[2]];
      const insert = INSERT.exec(param);
      if (insert) return insertPath(['tracks', id], insert[1], insert[2]);
      if (param === 'offsetSec') return ['tracks', id, 'offsetSec'];
      if (param.startsWith('clip.')) return ['tracks', id, ...param.split('.')];
      return ['tracks', id, 'strip', ...param.split('.')];
    },
    write(doc, param, value, origin) {
      const send = SEND.exec(param);
      const insert = INSERT.exec(param);
      if (send) setSend(doc, id, send[1], { [send[2]]: value }, origin);
      else if (insert) writeInsert(doc, { kind: 'track', id }, insert[1], insert[2], value, origin);
      else if (param === 'offsetSec') setTrackField(doc, id, 'offsetSec', value as number, origin);
      else if (param.startsWith('clip.')) setClipParam(doc, id, param.slice(5) as never, value as never, origin);
      else setStripParam(doc, id, param as ParamPath<Omit<StripData, 'sends' | 'inserts'>>, value as never, origin);
    },
  };
}

export function busPlace(id: string): TargetPlace {
  return {
    kind: TARGET_KINDS.bus,
    id,
    pathOf(param) {
      const insert = INSERT.exec(param);
      if (insert) return insertPath(['buses', id], insert[1], insert[2]);
      if (param.startsWith('params.')) return ['buses', id, 'params', param.slice(7)];
      return ['buses', id, 'strip', ...param.split('.')];
    },
    write(doc, param, value, origin) {
      const insert = INSERT.exec(param);
      if (insert) writeInsert(doc, { kind: 'bus', id }, insert[1], insert[2], value, origin);
      else if (param.startsWith('params.')) setBusParam(doc, id, param.slice(7), value as number | string | boolean, origin);
      else setBusStripParam(doc, id, param as ParamPath<Omit<BusStrip, 'inserts'>>, value as never, origin);
    },
  };
}

export const MASTER_ID = 'master';

export function masterPlace(): TargetPlace {
  return {
    kind: TARGET_KINDS.master,
    id: MASTER_ID,
    pathOf: (param) => ['master', ...param.split('.')],
    write: (doc, param, value, origin) => setMasterParam(doc, param as ParamPath<MasterData>, value as never, origin),
  };
}

/**
 * The parameter whose permission stands for a whole target in the UI (the read-only lock, the
 * disabled controls). The rules are per subtree (SPEC P3 `tracks/<id>/strip/`, P6 `master/`, P7
 * `buses`), so any parameter below the target answers for all of them.
 */
export const REPRESENTATIVE_PARAM: Record<TargetKind, string> = { track: 'gainDb', bus: 'gainDb', master: 'width' };
