import * as Y from 'yjs';
import type { z } from 'zod';
import { busSchema } from './bus-schema';
import type { Change } from './changes';
import { formatPath, ROOT_NAMES } from './paths';
import { entityId, MASTER_SHAPE, masterSchema, META_SHAPE, metaSchema, TRACK_SHAPE, trackSchema } from './schema';
import { leafSchema } from './ymap-schema';

export interface ValidationFailure {
  /** The offending place, e.g. `tracks/a/strip/gainDb`. */
  path: string;
  message: string;
}

/**
 * The units a set of changes touched: a whole track, a whole bus, `meta` or `master`. Each is
 * validated whole after the change (SPEC L9), so a value can never be valid on its own but leave
 * its track without a required field.
 */
export function touchedUnits(changes: readonly Change[]): string[][] {
  return [...changesByUnit(changes).values()].map((u) => u.unit);
}

/** The unit a path lies in: `tracks/<id>`, `buses/<id>`, `meta` or `master`. */
function unitOf(segments: readonly string[]): string[] {
  return segments[0] === 'tracks' || segments[0] === 'buses' ? segments.slice(0, 2) : segments.slice(0, 1);
}

function changesByUnit(changes: readonly Change[]): Map<string, { unit: string[]; changes: Change[] }> {
  const units = new Map<string, { unit: string[]; changes: Change[] }>();
  for (const change of changes) {
    const unit = unitOf(change.segments);
    const key = formatPath(unit);
    const entry = units.get(key);
    if (entry) entry.changes.push(change);
    else units.set(key, { unit, changes: [change] });
  }
  return units;
}

function firstIssue(unit: string[], error: z.ZodError): ValidationFailure {
  const issue = error.issues[0];
  return { path: formatPath([...unit, ...issue.path.map(String)]), message: issue.message };
}

/** Validates one unit of `doc` as it is now; undefined when valid or deleted. */
export function validateUnit(doc: Y.Doc, unit: string[]): ValidationFailure | undefined {
  const [root, id] = unit;
  if (!(ROOT_NAMES as readonly string[]).includes(root)) return { path: formatPath(unit), message: 'unknown root' };
  const map = doc.getMap(root);
  if (unit.length === 1) {
    if (root === 'meta') return check(unit, metaSchema, map);
    if (root === 'master') return check(unit, masterSchema, map);
    return undefined;
  }
  if (!map.has(id)) return undefined;
  if (!entityId.safeParse(id).success) return { path: formatPath(unit), message: 'ids are 1-64 characters' };
  if (root === 'buses' && id === 'master') return { path: formatPath(unit), message: '"master" is not a bus id' };
  return check(unit, root === 'tracks' ? trackSchema : busSchema, map.get(id));
}

function check(unit: string[], schema: z.ZodType, value: unknown): ValidationFailure | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : firstIssue(unit, result.error);
}

/**
 * The units whose shape is a Y.Map of fixed fields all the way down to its plain values, with no
 * rule across fields (L10): a bus is not one (its `params` follow its `kind`).
 */
const FIXED_SHAPES: Readonly<Record<string, z.ZodRawShape>> = { tracks: TRACK_SHAPE, meta: META_SHAPE, master: MASTER_SHAPE };

/**
 * A unit that was valid before the changes, whose every change sets a plain value at a fixed field
 * of its shape (a fader, a knob, a name), is valid after them exactly when each new value is valid
 * for its field: the strict object schemas have no rule across fields (L10), and nothing else of
 * the unit changed. Returns that verdict, or null when the shortcut does not apply (a Y type
 * created or replaced, a deletion, a record or a list on the way, an unknown key, a bus) and the
 * unit must be validated whole. The new values are read from `doc` after the changes, or with
 * `values: 'changes'` from the changes themselves (`doc` as it was before them).
 */
export function validateLeafChanges(
  doc: Y.Doc,
  unit: string[],
  changes: readonly Change[],
  values: 'doc' | 'changes' = 'doc',
): ValidationFailure | undefined | null {
  const shape = FIXED_SHAPES[unit[0]];
  if (!shape) return null;
  const root = doc.getMap(unit[0]);
  const unitMap = unit.length === 1 ? root : root.get(unit[1]);
  if (!(unitMap instanceof Y.Map)) return null;
  for (const change of changes) {
    if (change.kind !== 'set' || change.created) return null;
    const rest = change.segments.slice(unit.length);
    const schema = leafSchema(shape, rest);
    if (!schema) return null;
    // The field's map, reached through Y.Maps only.
    let map: unknown = unitMap;
    for (const key of rest.slice(0, -1)) {
      if (!(map instanceof Y.Map)) return null;
      map = map.get(key);
    }
    if (!(map instanceof Y.Map)) return null;
    const value = values === 'doc' ? map.get(rest[rest.length - 1]) : change.value;
    // undefined may stand for a default in the whole unit's parse: leave that to it.
    if (value === undefined || value instanceof Y.AbstractType) return null;
    const result = schema.safeParse(value);
    if (!result.success) return firstIssue([...unit, ...rest], result.error);
  }
  return undefined;
}

/**
 * validateLeafChanges for every unit `changes` touch, with the values taken from the changes and
 * `doc` the valid document before them (the gate's fast path, server/sync/leaf-sets.ts); null as
 * soon as one unit needs its whole validation after the changes.
 */
export function validateLeafSets(doc: Y.Doc, changes: readonly Change[]): ValidationFailure | undefined | null {
  let failure: ValidationFailure | undefined;
  for (const { unit, changes: unitChanges } of changesByUnit(changes).values()) {
    const verdict = validateLeafChanges(doc, unit, unitChanges, 'changes');
    if (verdict === null) return null;
    failure ??= verdict;
  }
  return failure;
}

/**
 * The first failure among the units `changes` touched, or undefined when all are valid. With
 * `validBefore` (the caller knows every unit of `doc` was valid before these changes, as the
 * gate's live document always is), a unit whose changes only set plain values is checked value by
 * value instead of whole (validateLeafChanges): the same verdict for a fraction of the work.
 */
export function validateTouched(doc: Y.Doc, changes: readonly Change[], options: { validBefore?: boolean } = {}): ValidationFailure | undefined {
  for (const { unit, changes: unitChanges } of changesByUnit(changes).values()) {
    const quick = options.validBefore ? validateLeafChanges(doc, unit, unitChanges) : null;
    const failure = quick === null ? validateUnit(doc, unit) : quick;
    if (failure) return failure;
  }
  return undefined;
}
