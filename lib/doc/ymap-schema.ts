import * as Y from 'yjs';
import { z } from 'zod';

/**
 * zod schemas that read Yjs types directly, so the same schema checks the container kind
 * (a Y.Map where a Y.Map belongs, never a plain JSON object that would make concurrent edits of
 * two of its fields conflict) and the plain values inside it.
 */

const SHAPES = new WeakMap<z.ZodType, z.ZodRawShape>();

/**
 * The entries of `map` as own properties of a plain object. Defined, never assigned: assigning the
 * key `__proto__` would set the object's prototype instead, and the schema would then read the
 * fields of a map the key names as if they were this map's (SPEC L12).
 */
export function entriesOf(map: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of map.entries()) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** A Y.Map whose keys are fixed by `shape`; unknown keys are rejected. */
export function ymap<S extends z.ZodRawShape>(shape: S) {
  const schema = z.instanceof(Y.Map).transform(entriesOf).pipe(z.strictObject(shape));
  SHAPES.set(schema, shape);
  return schema;
}

/** An optional nested Y.Map; absent means every field at its default. */
export function ymapDefault<S extends z.ZodRawShape>(shape: S) {
  const plain = z.strictObject(shape);
  const schema = ymap(shape);
  // Generic shapes defeat zod's NoUndefined<> inference; the default is the parsed empty map.
  return schema.default((() => plain.parse({})) as never);
}

/** A Y.Map from free keys to values, for example busId -> send. */
export function yrecord<K extends z.ZodType<string, string>, V extends z.ZodType>(key: K, value: V) {
  return z.instanceof(Y.Map).transform(entriesOf).pipe(z.record(key, value));
}

/** A Y.Array of plain values. */
export function yarray<T extends z.ZodType>(item: T, max: number) {
  return z
    .instanceof(Y.Array)
    .transform((a) => a.toArray())
    .pipe(z.array(item).max(max));
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
}

/** The nested Y.Map shape behind a field, or undefined for a plain value. */
export function nestedShape(field: z.ZodType): z.ZodRawShape | undefined {
  return SHAPES.get(unwrap(field));
}

/**
 * The schema of the plain value at `path` below a Y.Map of `shape`, plus whether the path ends at
 * a plain value. Used by the accessors to validate one parameter before writing it.
 */
export function leafSchema(shape: z.ZodRawShape, path: readonly string[]): z.ZodType | undefined {
  let current: z.ZodRawShape | undefined = shape;
  for (let i = 0; i < path.length; i++) {
    const field: z.ZodType | undefined = current && Object.hasOwn(current, path[i]) ? (current[path[i]] as z.ZodType) : undefined;
    if (!field) return undefined;
    const inner = nestedShape(field);
    if (i === path.length - 1) return inner ? undefined : unwrap(field);
    current = inner;
  }
  return undefined;
}
