import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../../db/create-db';
import { project } from '../../db/schema';
import { createDocStore, type DocStore } from './doc-store';

let database: Database;
let store: DocStore;
beforeAll(async () => {
  database = await createDb({});
  store = createDocStore(database.db);
}, 180_000);
afterAll(() => database?.close());

/** An update that sets `key` in the map `m`, from a document of its own (its own client id). */
function edit(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, key);
  return Y.encodeStateAsUpdate(doc);
}

function keysOf(updates: Uint8Array[]): string[] {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return [...doc.getMap('m').keys()].sort();
}

describe('doc store compaction with several instances', () => {
  it('C6: a compaction by an instance that lacks another instance\'s earlier row keeps that row\'s content', async () => {
    const projectId = 'compaction-c6';
    await database.db.insert(project).values({ id: projectId, name: 'C6' });
    // Instance A stores "a" (the lower id); instance B stores "b" and holds only "b" in memory.
    const [idA] = await store.append([{ projectId, update: edit('a'), userId: null, changes: [] }]);
    const [idB] = await store.append([{ projectId, update: edit('b'), userId: null, changes: [] }]);
    expect(idB).toBeGreaterThan(idA);
    await store.compact(projectId, edit('b'), idB);
    const loaded = await store.load(projectId);
    expect(keysOf(loaded.updates)).toEqual(['a', 'b']);
    // Folded: the rows' bytes now live in the snapshot only.
    expect(loaded.sinceSnapshot).toBe(0);
  });

  it('C6: content only an instance\'s memory holds (its accepting instance died before the commit) becomes durable at compaction', async () => {
    const projectId = 'compaction-memory';
    await database.db.insert(project).values({ id: projectId, name: 'memory' });
    const [id] = await store.append([{ projectId, update: edit('stored'), userId: null, changes: [] }]);
    const memory = Y.mergeUpdates([edit('stored'), edit('only-in-memory')]);
    await store.compact(projectId, memory, id);
    expect(keysOf((await store.load(projectId)).updates)).toEqual(['only-in-memory', 'stored']);
  });

  it('G15: a replacing compaction drops what the repaired state no longer holds', async () => {
    const projectId = 'compaction-replace';
    await database.db.insert(project).values({ id: projectId, name: 'replace' });
    const [id] = await store.append([{ projectId, update: edit('bad'), userId: null, changes: [] }]);
    await store.compact(projectId, edit('good'), id, { replace: true });
    expect(keysOf((await store.load(projectId)).updates)).toEqual(['good']);
  });
});
