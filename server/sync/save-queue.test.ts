import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { docClient, docUpdate, project, user } from '../../db/schema';
import { createTestPglite, createTestPostgres } from '../../db/testing/test-databases';
import { createLogger } from '../log';
import { createDocStore, type DocStore, type DocUpdateRecord } from './doc-store';
import { MAX_BATCH_BYTES, MAX_BATCH_UPDATES, RECORD_OVERHEAD_BYTES, SaveQueue } from './save-queue';
import { MemoryDocStore } from '../testing/memory-doc-store';
import { until } from '../testing/sync-client';

/** Counts the commits (append calls) and their sizes; each takes 2 ms. */
class CountingStore extends MemoryDocStore {
  batches: number[] = [];
  override async append(records: DocUpdateRecord[]) {
    this.batches.push(records.length);
    await new Promise((r) => setTimeout(r, 2));
    return super.append(records);
  }
}

const record = (i: number): DocUpdateRecord => ({ projectId: `p${i % 3}`, update: new Uint8Array([0, 0]), userId: null, changes: [] });

describe('save queue batching', () => {
  it('commits a lone update at once, then gathers what follows within its batch window into one commit, acknowledging each only after it', async () => {
    const store = new CountingStore();
    const queue = new SaveQueue({ store, log: createLogger('silent'), batchWindowMs: 1000 });
    const committed: number[] = [];
    const started = performance.now();
    queue.enqueue(record(0), (id) => committed.push(id));
    await queue.whenIdle('p0');
    // A lone update does not wait for the window.
    expect(performance.now() - started).toBeLessThan(900);
    // A burst on a quiet queue goes at once; what arrives while a commit is in flight goes next, together.
    for (let i = 1; i < 41; i++) queue.enqueue(record(i), (id) => committed.push(id));
    let barrier = false;
    queue.afterPending(() => (barrier = true));
    expect(committed).toEqual([1]);
    expect(barrier).toBe(false);
    await Promise.all(['p0', 'p1', 'p2'].map((p) => queue.whenIdle(p)));
    expect(store.batches).toEqual([1, 1, 39]);
    expect(committed).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(barrier).toBe(true);
    // Under load (more than BATCH_MIN_UPDATES in the window, a commit just ended), the next ones wait
    // for the window and go in one commit.
    await new Promise((r) => setTimeout(r, 10));
    const loadStart = performance.now();
    for (let i = 41; i < 61; i++) queue.enqueue(record(i), (id) => committed.push(id));
    expect(committed.length).toBe(41);
    await Promise.all(['p0', 'p1', 'p2'].map((p) => queue.whenIdle(p)));
    expect(store.batches).toEqual([1, 1, 39, 20]);
    expect(performance.now() - loadStart).toBeGreaterThan(500);
  });

  it('without a window commits at once, and groups what arrives while a commit is in flight', async () => {
    const store = new CountingStore();
    const queue = new SaveQueue({ store, log: createLogger('silent') });
    queue.enqueue(record(0));
    for (let i = 1; i < 10; i++) queue.enqueue(record(i));
    await Promise.all(['p0', 'p1', 'p2'].map((p) => queue.whenIdle(p)));
    expect(store.batches).toEqual([1, 9]);
  });
});

describe('save queue while the database is away', () => {
  it('keeps a backlog larger than one statement can carry and commits it, in order, in several commits once the database is back', async () => {
    const database = await createTestPostgres();
    try {
      const projectId = 'save-queue-backlog';
      await database.db.insert(project).values({ id: projectId, name: 'Backlog' });
      const real = createDocStore(database.db);
      let down = true;
      const batches: number[] = [];
      // The real store, refusing while "down" as a stopped server does (cluster.test.ts stops a real one).
      const store: DocStore = {
        ...real,
        append: async (records) => {
          if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
          batches.push(records.length);
          return real.append(records);
        },
      };
      const failing: boolean[] = [];
      let failures = 0;
      const queue = new SaveQueue({ store, log: createLogger('silent'), retryMs: 5, maxRetryMs: 20, onCommitFailed: () => failures++, onFailingChange: (f) => failing.push(f) });
      // 20,000 rows of 4 parameters each: more than PostgreSQL's 65,535 parameters of one statement.
      const n = 20_000;
      const committed: number[] = [];
      const keyOf = (i: number) => `k${i}`;
      // One writer's edits, each its own update (as a room emits them).
      const source = new Y.Doc();
      source.on('update', (update: Uint8Array) => queue.enqueue({ projectId, update, userId: null, changes: [] }, (id) => committed.push(id)));
      for (let i = 0; i < n; i++) source.getMap('m').set(keyOf(i), i);
      await new Promise((r) => setTimeout(r, 100));
      expect(committed).toEqual([]);
      expect(queue.retrying).toBe(true);
      expect(queue.pending(projectId)).toBe(n);
      expect(failures).toBeGreaterThan(1);
      down = false;
      await queue.whenIdle(projectId);
      expect(queue.retrying).toBe(false);
      expect(failing).toEqual([true, false]);
      expect(batches.every((size) => size <= MAX_BATCH_UPDATES)).toBe(true);
      expect(batches.reduce((a, b) => a + b, 0)).toBe(n);
      // Acknowledged in the order they were queued, each with its own row.
      expect(committed.length).toBe(n);
      expect(committed.every((id, i) => i === 0 || id > committed[i - 1])).toBe(true);
      const doc = new Y.Doc();
      for (const u of (await real.load(projectId)).updates) Y.applyUpdate(doc, u);
      expect(doc.getMap('m').size).toBe(n);
      expect(doc.getMap('m').get(keyOf(n - 1))).toBe(n - 1);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('puts no more than MAX_BATCH_BYTES in one commit, but always at least one update', async () => {
    const store = new CountingStore();
    const queue = new SaveQueue({ store, log: createLogger('silent') });
    const big = (i: number): DocUpdateRecord => ({ ...record(i), projectId: 'big', update: new Uint8Array(Math.floor(MAX_BATCH_BYTES * 0.6)) });
    queue.enqueue(record(0));
    // Queued while the first commit is in flight: 0.6 + 0.6 of the limit does not fit in one.
    for (let i = 1; i <= 3; i++) queue.enqueue(big(i));
    queue.enqueue({ ...record(4), projectId: 'big' });
    await queue.whenIdle('big');
    expect(store.batches).toEqual([1, 1, 1, 2]);
  });
});

describe('save queue memory bound (W19)', () => {
  it('W19: over its byte limit it turns full once, drops nothing, and has room again only below 3/4 of the limit once the backlog commits', async () => {
    const store = new MemoryDocStore();
    store.down = true;
    const perRecord = 100 + RECORD_OVERHEAD_BYTES;
    const logged: Array<[string, string]> = [];
    const log = createLogger('silent');
    const capture = (level: string) => (_: unknown, msg: string) => logged.push([level, msg]);
    const changes: Array<{ full: boolean; bytes: number }> = [];
    const queue: SaveQueue = new SaveQueue({
      store,
      log: Object.assign(Object.create(log), { error: capture('error'), info: capture('info'), warn: () => undefined }),
      retryMs: 5,
      maxRetryMs: 20,
      maxQueuedBytes: 10 * perRecord,
      onFullChange: (full) => changes.push({ full, bytes: queue.queuedBytes }),
    });
    const committed: number[] = [];
    const add = (i: number) => queue.enqueue({ projectId: 'p', update: new Uint8Array(100).fill(i), userId: null, changes: [] }, () => committed.push(i));
    for (let i = 0; i < 10; i++) add(i);
    expect(queue.queuedBytes).toBe(10 * perRecord);
    expect(queue.full).toBe(false);
    for (let i = 10; i < 16; i++) add(i);
    expect(queue.full).toBe(true);
    await until(() => queue.retrying, 'a failed commit');
    await new Promise((r) => setTimeout(r, 50));
    expect(committed).toEqual([]);
    expect(queue.queuedBytes).toBe(16 * perRecord);
    store.down = false;
    await queue.whenIdle('p');
    expect(committed).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(store.rows.map((r) => r.update[0])).toEqual(committed);
    expect(queue.full).toBe(false);
    expect(queue.queuedBytes).toBe(0);
    // Full from the record that passed the limit; room again at the first record below 3/4 of it.
    expect(changes).toEqual([
      { full: true, bytes: 11 * perRecord },
      { full: false, bytes: 7 * perRecord },
    ]);
    const about = logged.filter(([, msg]) => msg.includes('save queue'));
    expect(about.map(([level]) => level)).toEqual(['error', 'info']);
  });
});

describe('save queue and a project deleted while its updates wait', () => {
  it('commits the other projects\' updates and drops those of the project that is gone, rather than retrying forever', async () => {
    const database = await createTestPostgres();
    try {
      await database.db.insert(project).values({ id: 'kept', name: 'Kept' });
      const store = createDocStore(database.db);
      const errors: string[] = [];
      const log = createLogger('silent');
      const queue = new SaveQueue({ store, log: Object.assign(Object.create(log), { error: (_: unknown, msg: string) => errors.push(msg) }) });
      const source = new Y.Doc();
      const updates: Uint8Array[] = [];
      source.on('update', (u: Uint8Array) => updates.push(u));
      for (const i of [0, 1, 3]) source.getMap('m').set(`k${i}`, i);
      const other = new Y.Doc();
      other.getMap('m').set('k2', 2);
      updates.splice(2, 0, Y.encodeStateAsUpdate(other));
      const committed: string[] = [];
      // The first goes at once; the other three wait for it and then go together, one of them for a project deleted meanwhile.
      queue.enqueue({ projectId: 'kept', update: updates[0], userId: null, changes: [] }, () => committed.push('kept 0'));
      queue.enqueue({ projectId: 'kept', update: updates[1], userId: null, changes: [] }, () => committed.push('kept 1'));
      queue.enqueue({ projectId: 'gone', update: updates[2], userId: null, changes: [] }, () => committed.push('gone 2'));
      queue.enqueue({ projectId: 'kept', update: updates[3], userId: null, changes: [] }, () => committed.push('kept 3'));
      let barrier = false;
      queue.afterPending(() => (barrier = true));
      await Promise.all([queue.whenIdle('kept'), queue.whenIdle('gone')]);
      expect(committed).toEqual(['kept 0', 'kept 1', 'kept 3']);
      expect(barrier).toBe(true);
      expect(queue.retrying).toBe(false);
      expect(errors).toEqual(['document updates dropped: their project no longer exists']);
      const doc = new Y.Doc();
      for (const u of (await store.load('kept')).updates) Y.applyUpdate(doc, u);
      expect([...doc.getMap('m').keys()].sort()).toEqual(['k0', 'k1', 'k3']);
    } finally {
      await database.close();
    }
  }, 60_000);
});

describe.each([
  ['PostgreSQL', createTestPostgres],
  ['PGlite', createTestPglite],
])('save queue and an author deleted while their updates wait (%s)', (_, createDatabase) => {
  it('saves every update of the project, those of the deleted user with no author and without their client id claims', async () => {
    const database = await createDatabase();
    try {
      const { db } = database;
      await db.insert(user).values([
        { id: 'ann', name: 'Ann', email: 'ann@example.com' },
        { id: 'bob', name: 'Bob', email: 'bob@example.com' },
      ]);
      await db.insert(project).values({ id: 'song', name: 'Song' });
      const real = createDocStore(db);
      // The first commit waits until Bob is deleted; the rest queue behind it and go together.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let calls = 0;
      const store: DocStore = { ...real, append: async (records) => (calls++ === 0 ? held.then(() => real.append(records)) : real.append(records)) };
      const warnings: Array<{ fields: unknown; msg: string }> = [];
      const errors: string[] = [];
      const log = createLogger('silent');
      const queue = new SaveQueue({
        store,
        log: Object.assign(Object.create(log), { warn: (fields: unknown, msg: string) => warnings.push({ fields, msg }), error: (_f: unknown, msg: string) => errors.push(msg) }),
      });
      const ann = new Y.Doc();
      const bob = new Y.Doc();
      const committed: string[] = [];
      const edit = (doc: Y.Doc, userId: string, key: string) => {
        const before = Y.encodeStateVector(doc);
        doc.getMap('m').set(key, key);
        const update = Y.encodeStateAsUpdate(doc, before);
        queue.enqueue({ projectId: 'song', update, userId, changes: [{ path: `m/${key}`, value: key }], claims: [doc.clientID] }, () => committed.push(key));
      };
      edit(ann, 'ann', 'a1');
      edit(bob, 'bob', 'b1');
      edit(ann, 'ann', 'a2');
      edit(bob, 'bob', 'b2');
      await db.delete(user).where(eq(user.id, 'bob'));
      release();
      await queue.whenIdle('song');
      expect(committed).toEqual(['a1', 'b1', 'a2', 'b2']);
      expect(errors).toEqual([]);
      expect(warnings).toEqual([
        { fields: { projectId: 'song', updates: 2, missingUserIds: ['bob'] }, msg: 'document updates saved without their author: the user was deleted after they were queued' },
      ]);
      const rows = await db.select({ userId: docUpdate.userId, changes: docUpdate.changes }).from(docUpdate).where(eq(docUpdate.projectId, 'song')).orderBy(docUpdate.id);
      expect(rows.map((r) => [r.changes[0].path, r.userId])).toEqual([
        ['m/a1', 'ann'],
        ['m/b1', null],
        ['m/a2', 'ann'],
        ['m/b2', null],
      ]);
      const claims = await db.select({ clientId: docClient.clientId, userId: docClient.userId }).from(docClient).where(eq(docClient.projectId, 'song'));
      expect(claims).toEqual([{ clientId: ann.clientID, userId: 'ann' }]);
      const doc = new Y.Doc();
      for (const u of (await real.load('song')).updates) Y.applyUpdate(doc, u);
      expect([...doc.getMap('m').keys()].sort()).toEqual(['a1', 'a2', 'b1', 'b2']);
    } finally {
      await database.close();
    }
  }, 60_000);
});
