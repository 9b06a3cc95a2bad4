import * as Y from 'yjs';
import type { z } from 'zod';
import { busSchema } from './bus-schema';
import type { Change } from './changes';
import { formatPath, ROOT_NAMES } from './paths';
import { entityId, masterSchema, metaSchema, trackSchema } from './schema';

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
  const units = new Map<string, string[]>();
  for (const { segments } of changes) {
    const root = segments[0];
    const unit = root === 'tracks' || root === 'buses' ? segments.slice(0, 2) : segments.slice(0, 1);
    units.set(formatPath(unit), unit);
  }
  return [...units.values()];
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

/** The first failure among the units `changes` touched, or undefined when all are valid. */
export function validateTouched(doc: Y.Doc, changes: readonly Change[]): ValidationFailure | undefined {
  for (const unit of touchedUnits(changes)) {
    const failure = validateUnit(doc, unit);
    if (failure) return failure;
  }
  return undefined;
}
