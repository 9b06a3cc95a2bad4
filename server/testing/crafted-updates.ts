import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { ensureRoots } from '../../lib/doc/roots';

/**
 * Yjs v1 updates written by hand, for the adversarial tests: what a hostile client can send that
 * no Yjs document would. Layout as in yjs `writeStructs` / `writeDeleteSet`.
 */

/** A struct of a hand-written update. Items are written with a root parent and plain content. */
export type RawStruct =
  | { kind: 'gc'; len: number }
  | { kind: 'skip'; len: number }
  | { kind: 'item'; root: string; key?: string; values: unknown[] }
  | { kind: 'text'; root: string; key: string; text: string };

export interface RawGroup {
  client: number;
  clock: number;
  structs: RawStruct[];
}

export interface RawUpdate {
  groups?: RawGroup[];
  /** Per client id: [clock, len] ranges. */
  deletes?: Array<{ client: number; ranges: Array<[number, number]> }>;
}

export function writeRawUpdate({ groups = [], deletes = [] }: RawUpdate): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, groups.length);
  for (const group of groups) {
    encoding.writeVarUint(e, group.structs.length);
    encoding.writeVarUint(e, group.client);
    encoding.writeVarUint(e, group.clock);
    for (const struct of group.structs) writeStruct(e, struct);
  }
  encoding.writeVarUint(e, deletes.length);
  for (const { client, ranges } of deletes) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges.length);
    for (const [clock, len] of ranges) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, len);
    }
  }
  return encoding.toUint8Array(e);
}

function writeStruct(e: encoding.Encoder, struct: RawStruct): void {
  switch (struct.kind) {
    case 'gc':
      encoding.writeUint8(e, 0);
      encoding.writeVarUint(e, struct.len);
      return;
    case 'skip':
      encoding.writeUint8(e, 10);
      encoding.writeVarUint(e, struct.len);
      return;
    case 'item':
    case 'text': {
      const content = struct.kind === 'item' ? 8 : 4;
      encoding.writeUint8(e, content | (struct.key !== undefined ? 32 : 0));
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, struct.root);
      if (struct.key !== undefined) encoding.writeVarString(e, struct.key);
      if (struct.kind === 'text') {
        encoding.writeVarString(e, struct.text);
      } else {
        encoding.writeVarUint(e, struct.values.length);
        for (const v of struct.values) encoding.writeAny(e, v as never);
      }
    }
  }
}

/** `count` GC structs of length 1, each under its own invented client id from `firstClient`. */
export function gcFlood(count: number, firstClient = 1_000_000): Uint8Array {
  return writeRawUpdate({
    groups: Array.from({ length: count }, (_, i) => ({ client: firstClient + i, clock: 0, structs: [{ kind: 'gc' as const, len: 1 }] })),
  });
}

/**
 * A document replica that writes under `clientId` (continuing at that id's next clock), as after a
 * completed sync with `live`. The id is set after the sync: Yjs picks a new one for a document that
 * receives structs under its own.
 */
export function replicaAs(live: Y.Doc, clientId?: number): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  ensureRoots(doc);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
  if (clientId !== undefined) doc.clientID = clientId;
  return doc;
}

/** The update `fn` makes on `doc`, as a client would send it. */
export function editOf(doc: Y.Doc, fn: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  fn(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/** `a` followed by `b`'s bytes: a valid update with a malformed tail. */
export function concatBytes(a: Uint8Array, b: Uint8Array | number[]): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
