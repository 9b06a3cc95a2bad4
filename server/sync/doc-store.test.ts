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

  it('C6: rows the compacting document holds are not read back, rows written by others are', async () => {
    const projectId = 'compaction-held';
    await database.db.insert(project).values({ id: projectId, name: 'held' });
    const [mine] = await store.append([{ projectId, update: edit('mine'), userId: null, changes: [] }]);
    const [theirs] = await store.append([{ projectId, update: edit('theirs'), userId: null, changes: [] }]);
    // `state` leaves out the held row on purpose: the store trusts `held`, so that content is not
    // merged in again (it would be, were the held row read back). The other instance's row is.
    await store.compact(projectId, edit('state'), theirs, { held: { ids: [mine] } });
    const loaded = await store.load(projectId);
    expect(keysOf(loaded.updates)).toEqual(['state', 'theirs']);
    expect(loaded.sinceSnapshot).toBe(0);
  });

  it('C6: the stored snapshot is always merged in, with what another instance folded into it', async () => {
    const projectId = 'compaction-snapshot';
    await database.db.insert(project).values({ id: projectId, name: 'snapshot' });
    const [first] = await store.append([{ projectId, update: edit('first'), userId: null, changes: [] }]);
    await store.compact(projectId, edit('first'), first);
    // Another instance compacts: its snapshot holds "other".
    const [other] = await store.append([{ projectId, update: edit('other'), userId: null, changes: [] }]);
    await store.compact(projectId, Y.mergeUpdates([edit('first'), edit('other')]), other, { held: { ids: [other] } });
    // An instance whose state lacks both still gets them from the stored snapshot.
    const [late] = await store.append([{ projectId, update: edit('late'), userId: null, changes: [] }]);
    await store.compact(projectId, edit('late'), late, { held: { ids: [late] } });
    expect(keysOf((await store.load(projectId)).updates)).toEqual(['first', 'late', 'other']);
  });

  it('C6: an instance alone that holds the stored snapshot does not have it read back', async () => {
    const projectId = 'compaction-snapshot-held';
    await database.db.insert(project).values({ id: projectId, name: 'snapshot held' });
    const [first] = await store.append([{ projectId, update: edit('first'), userId: null, changes: [] }]);
    await store.compact(projectId, edit('first'), first);
    const [next] = await store.append([{ projectId, update: edit('next'), userId: null, changes: [] }]);
    // `state` leaves the snapshot's content out on purpose: trusted, it is not merged in again.
    await store.compact(projectId, edit('next'), next, { held: { ids: [next], snapshot: true } });
    expect(keysOf((await store.load(projectId)).updates)).toEqual(['next']);
  });

  it('folds a log longer than one statement may list (6,000 rows)', async () => {
    const projectId = 'compaction-long';
    await database.db.insert(project).values({ id: projectId, name: 'long' });
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(...(await store.append(Array.from({ length: 1000 }, (_, j) => ({ projectId, update: edit(`k${i * 1000 + j}`), userId: null, changes: [] })))));
    }
    await store.compact(projectId, edit('all'), ids.at(-1)!, { held: { ids: ids.slice(0, 5500) } });
    const loaded = await store.load(projectId);
    expect(loaded.sinceSnapshot).toBe(0);
    const keys = keysOf(loaded.updates);
    // The 500 rows not held were read back and merged; the held ones were trusted to be in `state`.
    expect(keys).toHaveLength(501);
    expect(keys).toContain('k5999');
    expect(keys).not.toContain('k0');
  }, 60_000);
});
