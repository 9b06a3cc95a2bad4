import * as Y from 'yjs';
import { ensureRoots } from '../../lib/doc/roots';
import { ROOT_NAMES } from '../../lib/doc/paths';

/**
 * Client ids a stored document may have before it is rebased on load. Each page load that edits
 * adds one, so an honest project reaches this only after years; 200,000 were one attack's worth,
 * and made every join cost seconds. @default 20000
 */
export const MAX_DOC_CLIENT_IDS = 20_000;

export interface DocRepair {
  /** The document to use: the one passed in, or its rebased copy. */
  doc: Y.Doc;
  /** What was wrong, for the log line; empty when nothing was. */
  problems: string[];
  /** True when `doc` is a new history with the same content: save it as the snapshot. */
  rebased: boolean;
}

/**
 * Checks a document just loaded from storage for what an earlier release let in (SPEC G15), and
 * repairs it:
 * - pending structs or deletions (they depend on history that does not exist) are dropped: they
 *   are not part of the content, and kept they would make every later update look pending;
 * - a history of more than `maxClientIds` client ids is replaced by a fresh one holding the same
 *   content (`rebase`). Clients holding the old history are refused on their next write and
 *   resync, which costs them only edits the server never had.
 */
export function repairDoc(doc: Y.Doc, maxClientIds = MAX_DOC_CLIENT_IDS): DocRepair {
  const problems: string[] = [];
  const store = doc.store;
  if (store.pendingStructs !== null || store.pendingDs !== null) {
    problems.push(`dropped ${store.pendingStructs ? 'pending structs' : ''}${store.pendingStructs && store.pendingDs ? ' and ' : ''}${store.pendingDs ? 'pending deletions' : ''}`);
    store.pendingStructs = null;
    store.pendingDs = null;
  }
  const clients = store.clients.size;
  if (clients <= maxClientIds) return { doc, problems, rebased: false };
  problems.push(`rebased a history of ${clients} client ids`);
  const fresh = rebase(doc);
  doc.destroy();
  return { doc: fresh, problems, rebased: true };
}

/** A new document whose history is one transaction of the server's, writing `doc`'s content. */
function rebase(doc: Y.Doc): Y.Doc {
  const fresh = new Y.Doc();
  const roots = ensureRoots(fresh);
  fresh.transact(() => {
    for (const name of ROOT_NAMES) copyMap(doc.getMap(name), roots[name] as Y.Map<unknown>);
  });
  return fresh;
}

function copyMap(from: Y.Map<unknown>, to: Y.Map<unknown>): void {
  for (const [key, value] of from.entries()) {
    const copy = copyValue(value);
    if (copy !== undefined) to.set(key, copy);
  }
}

function copyValue(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const map = new Y.Map<unknown>();
    copyMap(value, map);
    return map;
  }
  if (value instanceof Y.Array) {
    // Lists hold plain values only (SPEC L4); anything else could not have passed the gate.
    const array = new Y.Array<unknown>();
    array.push(value.toArray().filter((v) => !(v instanceof Y.AbstractType)));
    return array;
  }
  return value instanceof Y.AbstractType ? undefined : value;
}
