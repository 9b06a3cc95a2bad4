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
  it('gathers the updates of its batch window into one commit, and acknowledges each only after it', async () => {
    const store = new CountingStore();
    const queue = new SaveQueue({ store, log: createLogger('silent'), batchWindowMs: 30 });
    const committed: number[] = [];
    for (let i = 0; i < 40; i++) queue.enqueue(record(i), (id) => committed.push(id));
    let barrier = false;
    queue.afterPending(() => (barrier = true));
    expect(committed).toEqual([]);
    expect(barrier).toBe(false);
    await Promise.all(['p0', 'p1', 'p2'].map((p) => queue.whenIdle(p)));
    expect(store.batches).toEqual([40]);
    expect(committed).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(barrier).toBe(true);
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
