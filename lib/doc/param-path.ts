import * as Y from 'yjs';
import type { z } from 'zod';
import { AppError } from '../errors';
import { leafSchema } from './ymap-schema';

/**
 * Dotted names of the plain parameters below a record type: `gainDb`, `eq.peak1.freqHz`, ...
 * Used to make `setStripParam` / `setMasterParam` reject misspelt names at compile time.
 */
export type ParamPath<T> = {
  [K in keyof T & string]: T[K] extends readonly unknown[]
    ? never
    : T[K] extends Record<string, unknown>
      ? `${K}.${ParamPath<T[K]>}`
      : K;
}[keyof T & string];

/** The value type of the parameter `P` of `T`. */
export type ParamValue<T, P extends string> = P extends `${infer H}.${infer R}`
  ? H extends keyof T
    ? ParamValue<T[H], R>
    : never
  : P extends keyof T
    ? T[P]
    : never;

/**
 * Validates `value` against the leaf schema at `path` below a map of `shape`, then writes it,
 * creating missing nested Y.Maps on the way (one per level, so edits of sibling parameters by two
 * people never conflict). Call inside a transaction.
 */
export function writeParam(map: Y.Map<unknown>, shape: z.ZodRawShape, path: readonly string[], value: unknown): void {
  const schema = leafSchema(shape, path);
  if (!schema) throw new AppError('invalid_input', { message: `unknown parameter ${path.join('.')}` });
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('invalid_input', {
      message: `invalid value for ${path.join('.')}: ${parsed.error.issues[0]?.message}`,
      details: { param: path.join('.') },
    });
  }
  let current = map;
  for (const key of path.slice(0, -1)) {
    let next = current.get(key);
    if (!(next instanceof Y.Map)) {
      next = new Y.Map<unknown>();
      current.set(key, next);
    }
    current = next as Y.Map<unknown>;
  }
  current.set(path[path.length - 1], parsed.data);
}
