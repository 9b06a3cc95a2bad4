import * as Y from 'yjs';
import { z } from 'zod';
import { busSchema } from './bus-schema';
import { formatPath } from './paths';
import { ensureRoots } from './roots';
import { entityId, MASTER_OUTPUT, MASTER_SHAPE, masterSchema, META_SHAPE, metaSchema, trackSchema } from './schema';
import type { BusData, MasterData, MetaData, TrackData } from './types';

/** Deeply readonly: a snapshot is shared by the UI and the engine and must not be mutated. */
export type Frozen<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

/**
 * One track as the engine renders it; every optional field is filled with its default. Units:
 * `strip.gainDb`, `strip.trimDb`, EQ and send levels in dB (`GAIN_FLOOR_DB` = silence), `pan`
 * -1..1, frequencies in Hz, `offsetSec` and automation times in seconds, comp times in ms.
 * `assignees` has no duplicates; automation points are sorted by time; `strip.output` names an
 * existing bus or is 'master'; `strip.sends` names existing buses only (SPEC L10).
 */
export type TrackSnapshot = TrackData & { id: string };
/** One bus; every bus feeds the master. */
export type BusSnapshot = BusData & { id: string };

export interface MixSnapshotData {
  meta: MetaData;
  /** Sorted by `order`, then by id. */
  tracks: TrackSnapshot[];
  /** Sorted by `order`, then by id. */
  buses: BusSnapshot[];
  master: MasterData;
  /**
   * Paths of entries left out because they fail the schema (a document the gate let through has
   * none; a local document can, for example after an import).
   */
  invalid: string[];
}

/** The whole mix as plain, deeply frozen data: the only thing the audio engine reads. */
export type MixSnapshot = Frozen<MixSnapshotData>;

function deepFreeze<T>(value: T): Frozen<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value as Frozen<T>;
}

function normaliseTrack(track: TrackSnapshot, busIds: ReadonlySet<string>): TrackSnapshot {
  const sends = Object.fromEntries(Object.entries(track.strip.sends).filter(([busId]) => busIds.has(busId)));
  const output = busIds.has(track.strip.output) ? track.strip.output : MASTER_OUTPUT;
  const automation = Object.fromEntries(
    Object.entries(track.automation).map(([param, points]) => [param, [...points].sort((a, b) => a[0] - b[0])]),
  );
  return { ...track, assignees: [...new Set(track.assignees)], strip: { ...track.strip, sends, output }, automation };
}

/**
 * Reads the document into a `MixSnapshot`. Cross-value rules (sorted points, existing buses,
 * unique assignees) are normalised here rather than enforced by the gate, because concurrent
 * merges can combine individually valid values in any way (SPEC L10).
 */
export function readMix(doc: Y.Doc): MixSnapshot {
  const roots = ensureRoots(doc);
  const invalid: string[] = [];
  const parseOr = <T>(schema: z.ZodType<T>, value: unknown, path: string[], fallback: () => T): T => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    invalid.push(formatPath(path));
    return fallback();
  };
  const rejectId = (path: string[]): undefined => void invalid.push(formatPath(path));

  const meta = parseOr(metaSchema, roots.meta, ['meta'], () => z.strictObject(META_SHAPE).parse({}));
  const master = parseOr(masterSchema, roots.master, ['master'], () => z.strictObject(MASTER_SHAPE).parse({}));

  const buses: BusSnapshot[] = [];
  for (const [id, map] of roots.buses.entries()) {
    const valid = entityId.safeParse(id).success && id !== MASTER_OUTPUT;
    const bus = valid ? parseOr<BusData | undefined>(busSchema, map, ['buses', id], () => undefined) : rejectId(['buses', id]);
    if (bus) buses.push({ ...bus, id });
  }
  buses.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const busIds = new Set(buses.map((b) => b.id));

  const tracks: TrackSnapshot[] = [];
  for (const [id, map] of roots.tracks.entries()) {
    const track = entityId.safeParse(id).success ? parseOr<TrackData | undefined>(trackSchema, map, ['tracks', id], () => undefined) : rejectId(['tracks', id]);
    if (track) tracks.push(normaliseTrack({ ...track, id }, busIds));
  }
  tracks.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return deepFreeze({ meta, tracks, buses, master, invalid });
}
