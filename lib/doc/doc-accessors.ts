import * as Y from 'yjs';
import { z } from 'zod';
import { AppError } from '../errors';
import { BUS_PARAM_SHAPES, BUS_STRIP_SHAPE, type BusStrip } from './bus-schema';
import { type ParamPath, type ParamValue, writeParam } from './param-path';
import { childMap, ensureRoots, getBusMap } from './roots';
import { BUS_KINDS, type BusKind, EQ_SHAPE, MASTER_MAPS, MASTER_OUTPUT, MASTER_SHAPE, META_SHAPE } from './schema';
import type { MasterData, MasterParam, MetaData, MetaField } from './types';
import { entityId, name as nameSchema } from './units';

export function setMetaField<F extends MetaField>(doc: Y.Doc, field: F, value: MetaData[F], origin?: unknown): void {
  const { meta } = ensureRoots(doc);
  doc.transact(() => writeParam(meta, META_SHAPE, [field], value), origin);
}

/** Sets one master parameter, e.g. `setMasterParam(doc, 'limiter.ceilingDbtp', -1)`. */
export function setMasterParam<P extends MasterParam>(doc: Y.Doc, param: P, value: ParamValue<MasterData, P>, origin?: unknown): void {
  const { master } = ensureRoots(doc);
  doc.transact(() => writeParam(master, MASTER_SHAPE, param.split('.'), value), origin);
}

/**
 * Creates every nested map of `master` that is missing, in one transaction, for the reason given
 * at `createTrack` (SPEC L4). Call it where a project's document is first made; existing maps and
 * values are left as they are.
 */
export function initMaster(doc: Y.Doc, origin?: unknown): void {
  const { master } = ensureRoots(doc);
  const eq = master.get('eq');
  const complete =
    eq instanceof Y.Map && Object.keys(EQ_SHAPE).every((band) => eq.get(band) instanceof Y.Map) && MASTER_MAPS.every((key) => master.get(key) instanceof Y.Map);
  if (complete) return;
  doc.transact(() => {
    const eq = childMap(master, 'eq');
    for (const band of Object.keys(EQ_SHAPE)) childMap(eq, band);
    for (const key of MASTER_MAPS) childMap(master, key);
  }, origin);
}

export interface BusInit {
  name: string;
  kind: BusKind;
  /** Position in the console. @default 0 */
  order?: number;
}

const busOrder = z.number().min(-1e9).max(1e9);

/** Creates a bus with its nested maps up front, for the reason given at `createTrack`. */
export function createBus(doc: Y.Doc, id: string, init: BusInit, origin?: unknown): void {
  const parsedId = entityId.safeParse(id);
  const parsed = z.strictObject({ name: nameSchema, kind: z.enum(BUS_KINDS), order: busOrder.optional() }).safeParse(init);
  if (!parsedId.success || !parsed.success || id === 'master') throw new AppError('invalid_input', { message: `invalid bus ${id}` });
  const { buses } = ensureRoots(doc);
  if (buses.has(id)) throw new AppError('conflict', { message: `bus ${id} exists` });
  doc.transact(() => {
    const bus = new Y.Map<unknown>();
    buses.set(id, bus);
    bus.set('name', parsed.data.name);
    bus.set('kind', parsed.data.kind);
    childMap(bus, 'params');
    if (parsed.data.order !== undefined) bus.set('order', parsed.data.order);
    const strip = childMap(bus, 'strip');
    const eq = childMap(strip, 'eq');
    for (const band of Object.keys(EQ_SHAPE)) childMap(eq, band);
    childMap(strip, 'comp');
    childMap(strip, 'inserts');
  }, origin);
}

/**
 * Deletes a bus and, in the same transaction, every reference to it (SPEC L21): the sends to it,
 * the outputs routed to it (back to the master) and the automation lanes of those sends. Only the
 * lead may make this edit (P7): it writes every track.
 */
export function deleteBus(doc: Y.Doc, id: string, origin?: unknown): void {
  getBusMap(doc, id);
  const roots = ensureRoots(doc);
  doc.transact(() => {
    roots.buses.delete(id);
    for (const track of roots.tracks.values()) {
      if (!(track instanceof Y.Map)) continue;
      const strip = track.get('strip');
      if (strip instanceof Y.Map) {
        const sends = strip.get('sends');
        if (sends instanceof Y.Map && sends.has(id)) sends.delete(id);
        if (strip.get('output') === id) strip.set('output', MASTER_OUTPUT);
      }
      const lanes = track.get('automation');
      if (lanes instanceof Y.Map && lanes.has(`send:${id}`)) lanes.delete(`send:${id}`);
    }
  }, origin);
}

/** Moves a bus in the console: its position among the buses (SPEC R1). */
export function setBusOrder(doc: Y.Doc, id: string, order: number, origin?: unknown): void {
  const bus = getBusMap(doc, id);
  doc.transact(() => writeParam(bus, { order: busOrder }, ['order'], order), origin);
}

export function renameBus(doc: Y.Doc, id: string, name: string, origin?: unknown): void {
  const bus = getBusMap(doc, id);
  doc.transact(() => writeParam(bus, { name: nameSchema }, ['name'], name), origin);
}

/** Sets one parameter of the bus's own kind (SPEC L8), e.g. `decaySec` of a reverb or `sync` of a delay. */
export function setBusParam(doc: Y.Doc, id: string, param: string, value: number | string | boolean, origin?: unknown): void {
  const bus = getBusMap(doc, id);
  const kind = bus.get('kind') as BusKind;
  const shape = BUS_PARAM_SHAPES[kind];
  if (!shape) throw new AppError('invalid_input', { message: `bus ${id} has no kind` });
  doc.transact(() => writeParam(childMap(bus, 'params'), shape, [param], value), origin);
}

export type BusStripParam = ParamPath<Omit<BusStrip, 'inserts'>>;

export function setBusStripParam<P extends BusStripParam>(doc: Y.Doc, id: string, param: P, value: ParamValue<BusStrip, P>, origin?: unknown): void {
  const bus = getBusMap(doc, id);
  doc.transact(() => writeParam(childMap(bus, 'strip'), BUS_STRIP_SHAPE, param.split('.'), value), origin);
}
