import { describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import type { DocStore, DocUpdateRecord } from './doc-store';
import { SaveQueue } from './save-queue';

/** Counts the commits (append calls) and their sizes. */
class CountingStore implements DocStore {
  batches: number[] = [];
  private nextId = 1;
  async load() {
    return { updates: [], lastId: 0, sinceSnapshot: 0, owners: new Map<number, string>() };
  }
  async append(records: DocUpdateRecord[]) {
    this.batches.push(records.length);
    await new Promise((r) => setTimeout(r, 2));
    return records.map(() => this.nextId++);
  }
  async compact() {}
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
