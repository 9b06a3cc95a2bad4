import * as Y from 'yjs';
import { z } from 'zod';
import { AppError } from '../errors';
import type { ParamValue } from './param-path';
import { writeParam } from './param-path';
import { childMap, ensureRoots, getTrackMap } from './roots';
import { CLIP_MAPS } from './clip-schema';
import { automationParam, automationPoint, automationValueSchema, EQ_SHAPE, type ReviewState, REVIEW_STATES, reviewNote, SEND_SHAPE, STRIP_SHAPE, TRACK_SHAPE } from './schema';
import type { AutomationParam, AutomationPoint, SendData, StripData, StripParam, TrackData, TrackField } from './types';
import { entityId, MAX_ASSIGNEES, userId } from './units';

const fieldSchema = (field: z.ZodType) => (field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType;

const trackInitSchema = z.strictObject({
  name: TRACK_SHAPE.name,
  assignees: z.array(userId).max(MAX_ASSIGNEES).optional(),
  color: fieldSchema(TRACK_SHAPE.color).optional(),
  order: fieldSchema(TRACK_SHAPE.order).optional(),
  stemId: fieldSchema(TRACK_SHAPE.stemId).optional(),
  offsetSec: fieldSchema(TRACK_SHAPE.offsetSec).optional(),
  gainDb: STRIP_SHAPE.gainDb.optional(),
  pan: STRIP_SHAPE.pan.optional(),
  mute: STRIP_SHAPE.mute.optional(),
  solo: STRIP_SHAPE.solo.optional(),
});
export type TrackInit = z.input<typeof trackInitSchema>;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('invalid_input', { message: `invalid ${what}: ${result.error.issues[0]?.message}`, cause: result.error });
  return result.data;
}

/**
 * Creates a track with its whole nested structure. Creating every nested map up front matters:
 * two people who lazily create the same missing map concurrently would each make their own, and
 * one of them would lose their edits (SPEC L4).
 */
export function createTrack(doc: Y.Doc, id: string, init: TrackInit, origin?: unknown): void {
  parse(entityId, id, 'track id');
  const data = parse(trackInitSchema, init, 'track');
  const { tracks } = ensureRoots(doc);
  if (tracks.has(id)) throw new AppError('conflict', { message: `track ${id} exists` });
  doc.transact(() => {
    const track = new Y.Map<unknown>();
    tracks.set(id, track);
    track.set('name', data.name);
    const assignees = new Y.Array<string>();
    track.set('assignees', assignees);
    assignees.push([...new Set(data.assignees ?? [])]);
    for (const key of ['color', 'order', 'stemId', 'offsetSec'] as const) if (data[key] !== undefined) track.set(key, data[key]);
    const strip = childMap(track, 'strip');
    strip.set('gainDb', data.gainDb ?? 0);
    strip.set('pan', data.pan ?? 0);
    strip.set('mute', data.mute ?? false);
    strip.set('solo', data.solo ?? false);
    const eq = childMap(strip, 'eq');
    for (const band of Object.keys(EQ_SHAPE)) childMap(eq, band);
    childMap(strip, 'comp');
    childMap(strip, 'sends');
    childMap(strip, 'inserts');
    const clip = childMap(track, 'clip');
    for (const key of CLIP_MAPS) childMap(clip, key);
    childMap(track, 'automation');
    childMap(track, 'review').set('state', REVIEW_STATES.in_progress);
  }, origin);
}

export function deleteTrack(doc: Y.Doc, id: string, origin?: unknown): void {
  getTrackMap(doc, id);
  doc.transact(() => ensureRoots(doc).tracks.delete(id), origin);
}

export function renameTrack(doc: Y.Doc, id: string, name: string, origin?: unknown): void {
  const track = getTrackMap(doc, id);
  const value = parse(TRACK_SHAPE.name, name, 'track name');
  doc.transact(() => track.set('name', value), origin);
}

/** Sets the assignees by difference, so a concurrent assignment of someone else survives. */
export function setAssignees(doc: Y.Doc, id: string, userIds: readonly string[], origin?: unknown): void {
  const track = getTrackMap(doc, id);
  const wanted = new Set(parse(z.array(userId).max(MAX_ASSIGNEES), userIds, 'assignees'));
  doc.transact(() => {
    let array = track.get('assignees');
    if (!(array instanceof Y.Array)) {
      array = new Y.Array<string>();
      track.set('assignees', array);
    }
    const list = array as Y.Array<string>;
    const present = list.toArray();
    for (let i = present.length - 1; i >= 0; i--) if (!wanted.has(present[i]) || present.indexOf(present[i]) !== i) list.delete(i, 1);
    const missing = [...wanted].filter((u) => !present.includes(u));
    if (missing.length > 0) list.push(missing);
  }, origin);
}

export function setTrackField<F extends TrackField>(doc: Y.Doc, id: string, field: F, value: TrackData[F], origin?: unknown): void {
  const track = getTrackMap(doc, id);
  doc.transact(() => writeParam(track, TRACK_SHAPE, [field], value), origin);
}

/** Sets one strip parameter, e.g. `setStripParam(doc, 'bass', 'eq.peak1.gainDb', -3)`. */
export function setStripParam<P extends StripParam>(doc: Y.Doc, id: string, param: P, value: ParamValue<StripData, P>, origin?: unknown): void {
  const track = getTrackMap(doc, id);
  doc.transact(() => writeParam(childMap(track, 'strip'), STRIP_SHAPE, param.split('.'), value), origin);
}

export function setSend(doc: Y.Doc, id: string, busId: string, send: Partial<SendData>, origin?: unknown): void {
  const track = getTrackMap(doc, id);
  parse(entityId, busId, 'bus id');
  doc.transact(() => {
    const target = childMap(childMap(childMap(track, 'strip'), 'sends'), busId);
    for (const [key, value] of Object.entries(send)) writeParam(target, SEND_SHAPE, [key], value);
  }, origin);
}

export function deleteSend(doc: Y.Doc, id: string, busId: string, origin?: unknown): void {
  const sends = getTrackMap(doc, id).get('strip');
  doc.transact(() => {
    const map = sends instanceof Y.Map ? sends.get('sends') : undefined;
    if (map instanceof Y.Map) map.delete(busId);
  }, origin);
}

/** Replaces one automation lane; an empty list removes the lane. Points are stored sorted by time. */
export function setAutomation(doc: Y.Doc, id: string, param: AutomationParam, points: readonly AutomationPoint[], origin?: unknown): void {
  const track = getTrackMap(doc, id);
  parse(automationParam, param, 'automation param');
  const range = automationValueSchema(param);
  const sorted = points.map((p) => parse(automationPoint, p, 'automation point')).sort((a, b) => a[0] - b[0]);
  for (const [, value] of sorted) parse(range, value, `${param} automation value`);
  doc.transact(() => {
    const lanes = childMap(track, 'automation');
    if (sorted.length === 0) return void lanes.delete(param);
    const lane = new Y.Array<[number, number]>();
    lane.push(sorted);
    lanes.set(param, lane);
  }, origin);
}

export function setReviewState(doc: Y.Doc, id: string, state: ReviewState, origin?: unknown): void {
  const track = getTrackMap(doc, id);
  const value = parse(z.enum(REVIEW_STATES), state, 'review state');
  doc.transact(() => childMap(track, 'review').set('state', value), origin);
}

/**
 * The lead's decision on a track, state and note in one transaction: approved (the note cleared)
 * or changes requested with a note saying what.
 */
export function setReviewDecision(doc: Y.Doc, id: string, state: ReviewState, note: string, origin?: unknown): void {
  const track = getTrackMap(doc, id);
  const value = parse(z.enum(REVIEW_STATES), state, 'review state');
  const text = parse(reviewNote, note, 'review note');
  doc.transact(() => {
    const review = childMap(track, 'review');
    review.set('state', value);
    review.set('note', text);
  }, origin);
}
