import * as Y from 'yjs';
import { z } from 'zod';
import { AppError } from '../errors';
import { BUS_INSERT_KINDS, INSERT_KINDS, INSERT_PARAM_SHAPES, type InsertKind, MAX_INSERTS } from './insert-schema';
import { writeParam } from './param-path';
import { childMap, getBusMap, getTrackMap } from './roots';
import { EQ_SHAPE } from './processor-shapes';
import { entityId } from './units';

/** Whose strip an insert list belongs to. */
export type StripOwner = { kind: 'track'; id: string } | { kind: 'bus'; id: string };

const insertOrder = z.number().min(-1e9).max(1e9);

function stripOf(doc: Y.Doc, owner: StripOwner): Y.Map<unknown> {
  const unit = owner.kind === 'track' ? getTrackMap(doc, owner.id) : getBusMap(doc, owner.id);
  return childMap(unit, 'strip');
}

function insertMap(doc: Y.Doc, owner: StripOwner, insertId: string): Y.Map<unknown> {
  const inserts = stripOf(doc, owner).get('inserts');
  const insert = inserts instanceof Y.Map ? inserts.get(insertId) : undefined;
  if (!(insert instanceof Y.Map)) throw new AppError('not_found', { message: `no insert ${insertId} on ${owner.kind} ${owner.id}` });
  return insert;
}

export interface InsertInit {
  kind: InsertKind;
  /** Position in the list; @default after the last one. */
  order?: number;
}

/**
 * Adds an insert to a strip with its nested maps created up front (SPEC L4, L18): at the end of the
 * list unless an order is given. Pitch correction is for tracks only.
 */
export function addInsert(doc: Y.Doc, owner: StripOwner, insertId: string, init: InsertInit, origin?: unknown): void {
  if (!entityId.safeParse(insertId).success) throw new AppError('invalid_input', { message: `invalid insert id ${insertId}` });
  const kinds: readonly string[] = owner.kind === 'track' ? Object.values(INSERT_KINDS) : BUS_INSERT_KINDS;
  if (!kinds.includes(init.kind)) throw new AppError('invalid_input', { message: `a ${init.kind} insert cannot go on a ${owner.kind}` });
  if (init.order !== undefined && !insertOrder.safeParse(init.order).success) throw new AppError('invalid_input', { message: 'insert order out of range' });
  const strip = stripOf(doc, owner);
  const existing = strip.get('inserts');
  const present = existing instanceof Y.Map ? [...existing.values()] : [];
  if (existing instanceof Y.Map && existing.has(insertId)) throw new AppError('conflict', { message: `insert ${insertId} exists` });
  if (present.length >= MAX_INSERTS) throw new AppError('invalid_input', { message: `at most ${MAX_INSERTS} inserts on a strip` });
  const last = present.reduce<number>((max, m) => (m instanceof Y.Map && typeof m.get('order') === 'number' ? Math.max(max, m.get('order') as number) : max), -1);
  doc.transact(() => {
    const inserts = childMap(strip, 'inserts');
    const insert = new Y.Map<unknown>();
    inserts.set(insertId, insert);
    insert.set('kind', init.kind);
    insert.set('order', init.order ?? Math.min(1e9, Math.floor(last) + 1));
    insert.set('bypass', false);
    const params = childMap(insert, 'params');
    if (init.kind === 'eq') for (const band of Object.keys(EQ_SHAPE)) childMap(params, band);
  }, origin);
}

export function removeInsert(doc: Y.Doc, owner: StripOwner, insertId: string, origin?: unknown): void {
  insertMap(doc, owner, insertId);
  doc.transact(() => (stripOf(doc, owner).get('inserts') as Y.Map<unknown>).delete(insertId), origin);
}

export function setInsertBypass(doc: Y.Doc, owner: StripOwner, insertId: string, bypass: boolean, origin?: unknown): void {
  const insert = insertMap(doc, owner, insertId);
  doc.transact(() => writeParam(insert, { bypass: z.boolean() }, ['bypass'], bypass), origin);
}

/** Moves an insert in its list: processing runs by ascending order, ties by id. */
export function setInsertOrder(doc: Y.Doc, owner: StripOwner, insertId: string, order: number, origin?: unknown): void {
  const insert = insertMap(doc, owner, insertId);
  doc.transact(() => writeParam(insert, { order: insertOrder }, ['order'], order), origin);
}

/**
 * Puts the strip's inserts in the order of `insertIds` (order 0, 1, 2, ...), writing only the
 * orders that change. Ids not on the strip are refused.
 */
export function reorderInserts(doc: Y.Doc, owner: StripOwner, insertIds: readonly string[], origin?: unknown): void {
  const maps = insertIds.map((id) => insertMap(doc, owner, id));
  doc.transact(() => maps.forEach((insert, k) => insert.get('order') !== k && insert.set('order', k)), origin);
}

/** Sets one parameter of the insert's own kind, e.g. `rateHz` of a chorus or `peak1.gainDb` of an EQ. */
export function setInsertParam(doc: Y.Doc, owner: StripOwner, insertId: string, param: string, value: number | string | boolean, origin?: unknown): void {
  const insert = insertMap(doc, owner, insertId);
  const shape = INSERT_PARAM_SHAPES[insert.get('kind') as InsertKind] as z.ZodRawShape | undefined;
  if (!shape) throw new AppError('invalid_input', { message: `insert ${insertId} has no kind` });
  doc.transact(() => writeParam(childMap(insert, 'params'), shape, param.split('.'), value), origin);
}
