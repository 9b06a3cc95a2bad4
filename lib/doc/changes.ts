import * as Y from 'yjs';
import { formatPath } from './paths';
import { RESERVED_KEYS } from './units';

export const CHANGE_KINDS = {
  /** A Y.Map key now holds `value` (a plain value, or the JSON of a Y type created here). */
  set: 'set',
  /** A Y.Map key no longer holds anything. */
  delete: 'delete',
  /** The content of a Y.Array changed; `value` is the whole new array. */
  array: 'array',
} as const;
export type ChangeKind = (typeof CHANGE_KINDS)[keyof typeof CHANGE_KINDS];

/** One changed place in the document, as it integrated (SPEC L3, G2). */
export interface Change {
  path: string;
  segments: readonly string[];
  kind: ChangeKind;
  /** The new value as JSON; undefined for deletions. */
  value?: unknown;
  /** True when a Y.Map or Y.Array was created at this path by the transaction. */
  created?: boolean;
}

/** Something no valid edit produces: list content in a Y.Map, a text type, a type in a list. */
export interface Anomaly {
  path: string;
  message: string;
}

export interface ChangeSet {
  changes: Change[];
  anomalies: Anomaly[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are generic over their event type
type AnyType = Y.AbstractType<any>;

/**
 * Where a shared type sits, walking up through the items that hold it: its path from a root
 * through Y.Map keys (`segments`); `inList` (the path below the list item) when it or an ancestor
 * is a list item; null when it or an ancestor is deleted, or its root is not one `rootName` knows.
 */
export function placeOfType(type: AnyType, rootName: (root: AnyType) => string | undefined): { segments: string[] } | { inList: string[] } | null {
  const segments: string[] = [];
  let current = type;
  while (current._item !== null) {
    const item = current._item;
    if (item.deleted) return null;
    if (item.parentSub === null) return { inList: segments.reverse() };
    segments.push(item.parentSub);
    current = item.parent as AnyType;
  }
  const name = rootName(current);
  if (name === undefined) return null;
  segments.push(name);
  return { segments: segments.reverse() };
}

/**
 * Every path a transaction changed, read from where its items actually integrated
 * (`transaction.changed` and each type's `_item.parent` / `_item.parentSub`), never from what the
 * update bytes claimed: an item whose origin lies in another track's map integrates into that map,
 * and is reported there. Changes below a container deleted before or by this transaction are
 * invisible and left out; the container's own deletion is reported.
 */
export function collectChanges(transaction: Y.Transaction): ChangeSet {
  const roots = new Map<AnyType, string>();
  for (const [name, type] of transaction.doc.share) roots.set(type, name);
  const out: ChangeSet = { changes: [], anomalies: [] };

  const pathOf = (type: AnyType): string[] | null => {
    const place = placeOfType(type, (root) => roots.get(root));
    if (place === null) return null;
    if ('inList' in place) {
      out.anomalies.push({ path: formatPath(place.inList), message: 'a shared type inside a list' });
      return null;
    }
    return place.segments;
  };

  const isNew = (type: AnyType): boolean => {
    const id = type._item?.id;
    return id !== undefined && id.clock >= (transaction.beforeState.get(id.client) ?? 0);
  };

  const emitArray = (array: Y.Array<unknown>, segments: string[], created: boolean) => {
    const path = formatPath(segments);
    if (array._map.size > 0) out.anomalies.push({ path, message: 'keyed content in a Y.Array' });
    const items = array.toArray();
    if (items.some((v) => v instanceof Y.AbstractType)) out.anomalies.push({ path, message: 'a shared type inside a list' });
    out.changes.push({ path, segments, kind: 'array', value: array.toJSON(), ...(created ? { created } : {}) });
  };

  const emitKey = (map: Y.Map<unknown>, key: string, segments: string[]) => {
    const path = formatPath(segments);
    if (RESERVED_KEYS.has(key)) out.anomalies.push({ path, message: `the reserved key ${key}` });
    if (!map.has(key)) {
      out.changes.push({ path, segments, kind: 'delete' });
      return;
    }
    const value = map.get(key);
    if (!(value instanceof Y.AbstractType)) {
      out.changes.push({ path, segments, kind: 'set', value });
    } else if (!isNew(value)) {
      out.changes.push({ path, segments, kind: 'set', value: value.toJSON() });
    } else if (value instanceof Y.Map) {
      out.changes.push({ path, segments, kind: 'set', value: value.toJSON(), created: true });
      if (value._start !== null) out.anomalies.push({ path, message: 'list content in a Y.Map' });
      for (const childKey of value.keys()) emitKey(value, childKey, [...segments, childKey]);
    } else if (value instanceof Y.Array) {
      emitArray(value, segments, true);
    } else {
      out.anomalies.push({ path, message: `unsupported shared type ${value.constructor.name}` });
    }
  };

  for (const [type, keys] of transaction.changed) {
    const segments = pathOf(type);
    if (segments === null) continue;
    const path = formatPath(segments);
    if (type instanceof Y.Map) {
      for (const key of keys) {
        if (key === null) out.anomalies.push({ path, message: 'list content in a Y.Map' });
        else emitKey(type, key, [...segments, key]);
      }
    } else if (type instanceof Y.Array) {
      if ([...keys].some((k) => k !== null)) out.anomalies.push({ path, message: 'keyed content in a Y.Array' });
      emitArray(type, segments, false);
    } else {
      out.anomalies.push({ path, message: `unsupported shared type ${type.constructor.name}` });
    }
  }
  return out;
}
