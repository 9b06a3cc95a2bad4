import * as Y from 'yjs';
import { placeOfType, type Change } from '../../lib/doc/changes';
import { formatPath, ROOT_NAMES } from '../../lib/doc/paths';
import { RESERVED_KEYS } from '../../lib/doc/units';
import type { UpdateScan } from './update-scan';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are generic over their event type
type AnyType = Y.AbstractType<any>;

const ROOTS: ReadonlySet<string> = new Set(ROOT_NAMES);

/**
 * The changes an update makes, read from the live document WITHOUT applying it, when the update
 * is nothing but plain values set at keys of existing Y.Maps (a fader, a knob, a name: almost all
 * live traffic); null when it is anything else, and the gate then applies it to its shadow and
 * reads what integrated (`collectChanges`). SPEC G17; G2 holds either way: the paths are where the
 * items WILL integrate, derived as Yjs derives them, never what the bytes claim.
 *
 * Each item must be one plain value (ContentAny of length 1) with no right origin, and either
 *  - have as its origin the key's current value in the live document, itself a plain value: Yjs
 *    puts it right after that item (nothing lies between), makes it the key's value and deletes
 *    the old one; or
 *  - have no origin, a parent that exists, and a key that never held anything: it becomes the
 *    key's first value.
 * The containers on the way must exist, be Y.Maps under a root and be undeleted. No two items may
 * target one key, an item may not depend on another of the same update, and the delete set may
 * only delete what is already deleted or what the items replace. Anything else (a concurrent
 * write to the same key, a created or deleted Y type, a list, a reserved key) returns null.
 * `server/sync/leaf-sets.test.ts` checks the result against `collectChanges` on generated updates.
 */
export function predictLeafSets(live: Y.Doc, update: Uint8Array, deletes: UpdateScan['deletes']): Change[] | null {
  const store = live.store;
  const { structs } = Y.decodeUpdate(update);
  if (structs.length === 0) return null;
  const changes: Change[] = [];
  const replaced = new Set<Y.Item>();
  const targets = new Set<string>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || struct.rightOrigin !== null) return null;
    const content = struct.content;
    if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return null;
    let map: AnyType;
    let key: string;
    if (struct.origin !== null) {
      const left = existingItem(store, struct.origin);
      if (!left || left.deleted || left.right !== null || left.parentSub === null || !(left.content instanceof Y.ContentAny)) return null;
      if (left.lastId.clock !== struct.origin.clock) return null;
      map = left.parent as AnyType;
      key = left.parentSub;
      if (!(map instanceof Y.Map) || map._map.get(key) !== left) return null;
      replaced.add(left);
    } else {
      if (struct.parentSub === null) return null;
      const parent = struct.parent;
      if (typeof parent === 'string') {
        if (!ROOTS.has(parent)) return null;
        map = live.share.get(parent) as AnyType;
      } else {
        const holder = parent instanceof Y.ID ? existingItem(store, parent) : undefined;
        if (!holder || holder.deleted || !(holder.content instanceof Y.ContentType)) return null;
        map = holder.content.type as AnyType;
      }
      key = struct.parentSub;
      if (!(map instanceof Y.Map) || map._map.has(key)) return null;
    }
    if (RESERVED_KEYS.has(key)) return null;
    const place = placeOfType(map, (root) => rootNameIn(live, root));
    if (place === null || !('segments' in place) || !ROOTS.has(place.segments[0])) return null;
    const segments = [...place.segments, key];
    const path = formatPath(segments);
    if (targets.has(path)) return null;
    targets.add(path);
    changes.push({ path, segments, kind: 'set', value: content.arr[0] });
  }
  return deletesOnly(store, deletes, replaced) ? changes : null;
}

/** The item of the live document that holds `id`, if the document has that clock. */
function existingItem(store: Y.Doc['store'], id: Y.ID): Y.Item | undefined {
  if (id.clock >= Y.getState(store, id.client)) return undefined;
  const struct = Y.getItem(store, id);
  return struct instanceof Y.Item ? struct : undefined;
}

/** The name `root` has among `live`'s root types. */
function rootNameIn(live: Y.Doc, root: AnyType): string | undefined {
  for (const [name, type] of live.share) if (type === root) return name;
  return undefined;
}

/** Every deleted range covers only structs already deleted, or items the update's sets replace. */
function deletesOnly(store: Y.Doc['store'], deletes: UpdateScan['deletes'], replaced: ReadonlySet<Y.Item>): boolean {
  for (const [client, ranges] of deletes) {
    const structs = store.clients.get(client);
    const end = Y.getState(store, client);
    for (const [clock, len] of ranges) {
      if (len === 0) continue;
      if (!structs || clock + len > end) return false;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
        const struct = structs[i];
        if (!struct.deleted && !(struct instanceof Y.Item && replaced.has(struct))) return false;
      }
    }
  }
  return true;
}
