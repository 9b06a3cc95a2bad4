import * as Y from 'yjs';
import { createBus, initMaster } from './doc-accessors';
import { readMix, type MixSnapshot } from './read-mix';
import { childMap, ensureRoots } from './roots';
import { createTrack, setAssignees } from './track-accessors';

type Plain = Record<string, unknown>;

const isRecord = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes `target`'s values into `doc` as ordinary edits, so that `readMix(doc)` gives `target`
 * back (restoring a revision, DESIGN "Revisions"): only what differs from the document's own
 * `readMix` is written; tracks and buses it lacks are created with their nested maps (SPEC L4),
 * and those `target` lacks are deleted. Maps are never replaced (P9): a missing one is created,
 * an existing one is written into. Lists are written whole (L3), assignees by difference.
 */
export function writeMix(doc: Y.Doc, target: MixSnapshot, origin?: unknown): void {
  doc.transact(() => {
    const roots = ensureRoots(doc);
    initMaster(doc);
    const before = readMix(doc);
    for (const track of before.tracks) if (!target.tracks.some((t) => t.id === track.id)) roots.tracks.delete(track.id);
    for (const bus of before.buses) if (!target.buses.some((b) => b.id === bus.id)) roots.buses.delete(bus.id);
    for (const bus of target.buses) if (!roots.buses.has(bus.id)) createBus(doc, bus.id, { name: bus.name, kind: bus.kind });
    for (const track of target.tracks) if (!roots.tracks.has(track.id)) createTrack(doc, track.id, { name: track.name });

    const current = readMix(doc);
    writeInto(roots.meta, current.meta as Plain, target.meta as Plain);
    writeInto(roots.master, current.master as Plain, target.master as Plain);
    for (const bus of target.buses) {
      const now = current.buses.find((b) => b.id === bus.id) as Plain | undefined;
      writeInto(roots.buses.get(bus.id)!, omitId(now ?? {}), omitId(bus as Plain));
    }
    for (const track of target.tracks) {
      const now = current.tracks.find((t) => t.id === track.id) as Plain | undefined;
      const map = roots.tracks.get(track.id)!;
      if (!same(now?.assignees, track.assignees)) setAssignees(doc, track.id, track.assignees);
      const { assignees: _a, ...rest } = omitId(track as Plain);
      const { assignees: _b, ...was } = omitId(now ?? {});
      writeInto(map, was, rest);
    }
  }, origin);
}

function omitId(value: Plain): Plain {
  const { id: _id, ...rest } = value;
  return rest;
}

/** Writes the leaves of `to` that differ from `from` below `map`; deletes keys only `from` has. */
function writeInto(map: Y.Map<unknown>, from: Plain, to: Plain): void {
  for (const key of Object.keys(from)) if (!(key in to)) map.delete(key);
  for (const [key, value] of Object.entries(to)) {
    const was = from[key];
    if (isRecord(value)) {
      const child = map.get(key) instanceof Y.Map ? (map.get(key) as Y.Map<unknown>) : childMap(map, key);
      writeInto(child, isRecord(was) ? was : {}, value);
    } else if (Array.isArray(value)) {
      if (same(was, value)) continue;
      const list = new Y.Array<unknown>();
      list.push(value.map((item) => (Array.isArray(item) ? [...item] : item)));
      map.set(key, list);
    } else if (was !== value) {
      map.set(key, value);
    }
  }
}
