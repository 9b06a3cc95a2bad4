import type { Logger } from '../log';
import type { DocStore, DocUpdateRecord } from './doc-store';

export interface SaveQueueOptions {
  store: DocStore;
  log: Logger;
  /** First retry delay after a failed commit; doubles up to maxRetryMs. @default 100 */
  retryMs?: number;
  /** @default 5000 */
  maxRetryMs?: number;
  /**
   * Under load, how long the first record of a batch waits for others before the commit starts.
   * Each commit costs the embedded PGlite a statement and a write to its files whatever its size,
   * so there a short wait turns hundreds of commits a second into a few dozen larger ones. Only
   * under load (more than BATCH_MIN_UPDATES arrived within the window, and the previous commit
   * ended less than the window ago): an edit on a quiet server is committed at once. @default 0
   */
  batchWindowMs?: number;
  /** Told the seconds each update waited for its commit (metrics). */
  onCommitLatency?: (seconds: number) => void;
  /** Told of every failed commit (metrics). */
  onCommitFailed?: () => void;
  /** Told when commits start failing (true) and when one succeeds again (false). */
  onFailingChange?: (failing: boolean) => void;
}

/** Updates within one batch window that count as load (SaveQueueOptions.batchWindowMs). @default 8 */
export const BATCH_MIN_UPDATES = 8;

/**
 * At most this many updates, and about this many bytes, go in one commit. What piles up while the
 * database is away (a 10 s outage at 1,000 updates/s is 10,000 rows) is committed in several
 * statements when it returns: one statement takes at most 65,535 parameters (4 per update row),
 * so a single one for the whole backlog would fail at every retry and never save anything again.
 */
export const MAX_BATCH_UPDATES = 1000;
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;

interface Pending {
  seq: number;
  queuedAt: number;
  record: DocUpdateRecord;
  onCommitted: (id: number) => void;
}

/**
 * Group commit for every room of the process: appends queue up while a commit is in flight and
 * then go to the database together in one statement. A failed commit keeps its records and retries
 * with backoff; nothing is dropped and no caller hears "committed" before the commit did.
 */
export class SaveQueue {
  private queue: Pending[] = [];
  private flushing = false;
  private closed = false;
  private readonly pendingByProject = new Map<string, number>();
  private readonly idleWaiters = new Map<string, Array<() => void>>();
  private retryTimer: NodeJS.Timeout | undefined;
  private batchTimer: NodeJS.Timeout | undefined;
  /** performance.now() when the last commit ended. */
  private lastCommitEnd = -Infinity;
  /** Arrivals in the current window, to tell load from a lone edit. */
  private arrivalsSince = -Infinity;
  private arrivals = 0;
  private retryMs: number;
  private seq = 0;
  /** Callbacks waiting for every record enqueued before them (their seq) to be committed. */
  private barriers: Array<{ seq: number; run: () => void }> = [];
  /** Since when (Date.now()) commits fail, and how many attempts failed; undefined while they succeed. */
  private failing: { since: number; attempts: number } | undefined;

  constructor(private readonly options: SaveQueueOptions) {
    this.retryMs = options.retryMs ?? 100;
  }

  /** Queues an update; `onCommitted` runs with its row id once it is in the database. */
  enqueue(record: DocUpdateRecord, onCommitted: (id: number) => void = () => undefined): void {
    this.queue.push({ seq: ++this.seq, queuedAt: performance.now(), record, onCommitted });
    this.pendingByProject.set(record.projectId, (this.pendingByProject.get(record.projectId) ?? 0) + 1);
    const window = this.options.batchWindowMs ?? 0;
    const now = performance.now();
    if (now - this.arrivalsSince > window) {
      this.arrivalsSince = now;
      this.arrivals = 0;
    }
    this.arrivals++;
    if (this.flushing || this.retryTimer || this.batchTimer) return;
    const wait = window - (now - this.lastCommitEnd);
    if (wait <= 0 || this.arrivals <= BATCH_MIN_UPDATES) {
      void this.flush();
      return;
    }
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      void this.flush();
    }, wait);
  }

  pending(projectId: string): number {
    return this.pendingByProject.get(projectId) ?? 0;
  }

  /**
   * Runs `callback` once every record enqueued so far is committed (at once when none is pending).
   * Unlike `whenIdle`, later records do not hold it back.
   */
  afterPending(callback: () => void): void {
    if (this.queue.length === 0 && !this.flushing && !this.batchTimer) callback();
    else this.barriers.push({ seq: this.seq, run: callback });
  }

  /** Resolves once nothing of this project waits to be committed. */
  whenIdle(projectId: string): Promise<void> {
    if (this.pending(projectId) === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.idleWaiters.get(projectId) ?? [];
      list.push(resolve);
      this.idleWaiters.set(projectId, list);
    });
  }

  /** True while the last commit failed and a retry is due (the database is away). */
  get retrying(): boolean {
    return this.failing !== undefined;
  }

  /** Stops retrying after the current attempt (shutdown). What is still queued stays unsaved. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.batchTimer);
  }

  private async flush(): Promise<void> {
    if (this.closed) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.takeBatch();
        let ids: number[];
        try {
          ids = await this.options.store.append(batch.map((p) => p.record));
        } catch (err) {
          // Keep the batch, in order, ahead of whatever arrived meanwhile.
          this.queue = batch.concat(this.queue);
          this.commitFailed(err);
          this.scheduleRetry();
          return;
        }
        this.commitSucceeded();
        const now = performance.now();
        this.lastCommitEnd = now;
        for (const p of batch) this.options.onCommitLatency?.((now - p.queuedAt) / 1000);
        batch.forEach((p, i) => this.settle(p, ids[i]));
        const done = batch[batch.length - 1].seq;
        const due = this.barriers.filter((b) => b.seq <= done);
        this.barriers = this.barriers.filter((b) => b.seq > done);
        due.forEach((b) => b.run());
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The next commit's records, oldest first, within MAX_BATCH_UPDATES and MAX_BATCH_BYTES (at least one). */
  private takeBatch(): Pending[] {
    if (this.queue.length <= MAX_BATCH_UPDATES) {
      let bytes = 0;
      for (const p of this.queue) bytes += p.record.update.byteLength;
      if (bytes <= MAX_BATCH_BYTES) {
        const all = this.queue;
        this.queue = [];
        return all;
      }
    }
    let n = 0;
    let bytes = 0;
    while (n < this.queue.length && n < MAX_BATCH_UPDATES) {
      bytes += this.queue[n].record.update.byteLength;
      if (n > 0 && bytes > MAX_BATCH_BYTES) break;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private commitFailed(err: unknown): void {
    this.options.onCommitFailed?.();
    const fields = { err, queued: this.queue.length, retryInMs: this.retryMs };
    if (!this.failing) {
      this.failing = { since: Date.now(), attempts: 1 };
      this.options.onFailingChange?.(true);
      this.options.log.error(fields, 'saving document updates failed (is the database down?); rooms stay live, Saved waits, retrying with backoff');
      return;
    }
    this.failing.attempts++;
    this.options.log.warn({ ...fields, err: err instanceof Error ? err.message : String(err), attempts: this.failing.attempts, failingForMs: Date.now() - this.failing.since }, 'saving document updates failed again; will retry');
  }

  private commitSucceeded(): void {
    this.retryMs = this.options.retryMs ?? 100;
    if (!this.failing) return;
    const { since, attempts } = this.failing;
    this.failing = undefined;
    this.options.onFailingChange?.(false);
    this.options.log.info({ failedForMs: Date.now() - since, failedAttempts: attempts, stillQueued: this.queue.length }, 'saving document updates works again');
  }

  private settle(p: Pending, id: number): void {
    const projectId = p.record.projectId;
    const left = (this.pendingByProject.get(projectId) ?? 1) - 1;
    if (left > 0) this.pendingByProject.set(projectId, left);
    else this.pendingByProject.delete(projectId);
    try {
      p.onCommitted(id);
    } catch (err) {
      this.options.log.error({ err, projectId }, 'commit callback failed');
    }
    if (left <= 0) {
      const waiters = this.idleWaiters.get(projectId) ?? [];
      this.idleWaiters.delete(projectId);
      waiters.forEach((w) => w());
    }
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 5000);
  }
}
