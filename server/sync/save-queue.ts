import { isForeignKeyViolation } from '../../db/database-errors';
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
  /**
   * Above this many queued bytes (`queuedBytes`) the queue is `full` until it falls below 3/4 of
   * it: the sync server then takes no new document updates (PROTOCOL W19). @default DEFAULT_SAVE_QUEUE_MAX_BYTES
   */
  maxQueuedBytes?: number;
  /** Told when the queue becomes full (true) and when it has room again (false). */
  onFullChange?: (full: boolean) => void;
}

/**
 * What the updates waiting for the database may hold in memory (PROTOCOL W19). While PostgreSQL
 * is away every accepted update waits here (W17). A queued fader edit costs about 690 bytes of
 * heap (RECORD_OVERHEAD_BYTES plus its update), so 256 MiB holds some 380,000 of them: at 1,000
 * updates/s, about what one busy instance takes, more than 6 minutes, longer than a database
 * restart or a failover takes, and hours at a normal pace. It stays a small part of Node's
 * default heap limit (2 GiB and more on a 64-bit machine), so the backlog never kills the process,
 * which would lose all of it (W9).
 * @default 256 MiB
 */
export const DEFAULT_SAVE_QUEUE_MAX_BYTES = 256 * 1024 * 1024;

/** The queue has room again below this share of its limit, so it does not flap at the limit. */
export const SAVE_QUEUE_RESUME_RATIO = 0.75;

/**
 * What a queued record costs besides its update's bytes: the record, its changed paths, the
 * callback and its closure. Measured (heap growth per queued record, one strip parameter per
 * edit, updates of 38 bytes): 686 bytes a record.
 */
export const RECORD_OVERHEAD_BYTES = 640;

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

/**
 * Commits of one project's records after a foreign-key violation: each attempt writes the authors
 * deleted meanwhile as null, so a second one succeeds unless another author was deleted in between.
 */
const FOREIGN_KEY_ATTEMPTS = 3;

interface Pending {
  seq: number;
  queuedAt: number;
  /** Rewritten without its author when that user was deleted before the commit. */
  record: DocUpdateRecord;
  /** What it counts in `queuedBytes`. */
  bytes: number;
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
  private bytes = 0;
  private isFull = false;
  private readonly maxBytes: number;

  constructor(private readonly options: SaveQueueOptions) {
    this.retryMs = options.retryMs ?? 100;
    this.maxBytes = options.maxQueuedBytes ?? DEFAULT_SAVE_QUEUE_MAX_BYTES;
  }

  /** Bytes of the updates not committed yet (queued or in a commit), each with RECORD_OVERHEAD_BYTES. */
  get queuedBytes(): number {
    return this.bytes;
  }

  /**
   * True from when `queuedBytes` passed the limit until it fell below SAVE_QUEUE_RESUME_RATIO of
   * it: take no new updates meanwhile (PROTOCOL W19). What is queued is never dropped for it.
   */
  get full(): boolean {
    return this.isFull;
  }

  /** Queues an update; `onCommitted` runs with its row id once it is in the database. */
  enqueue(record: DocUpdateRecord, onCommitted: (id: number) => void = () => undefined): void {
    const bytes = record.update.byteLength + RECORD_OVERHEAD_BYTES;
    this.queue.push({ seq: ++this.seq, queuedAt: performance.now(), record, bytes, onCommitted });
    this.bytes += bytes;
    if (!this.isFull && this.bytes > this.maxBytes) this.fullChanged(true);
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
          if (isForeignKeyViolation(err) && (await this.commitEachProject(batch))) continue;
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
        this.runBarriers(batch[batch.length - 1].seq);
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * A batch the database refused because a row refers to a project or user deleted after its
   * update was queued: no retry as it is could ever succeed, and it would hold back every other
   * project's saves. Each project's records are committed on their own (`commitGroup`). True when
   * the whole batch was dealt with; false (what committed is settled, the rest stays in `batch`)
   * when the database failed otherwise, for the caller's retry.
   */
  private async commitEachProject(batch: Pending[]): Promise<boolean> {
    const groups = new Map<string, Pending[]>();
    for (const p of batch) {
      const group = groups.get(p.record.projectId);
      if (group) group.push(p);
      else groups.set(p.record.projectId, [p]);
    }
    const outcomes: Array<{ group: Pending[]; ids: number[] | null }> = [];
    for (const group of groups.values()) {
      try {
        outcomes.push({ group, ids: await this.commitGroup(group) });
      } catch {
        // What did commit stays committed: settle it, and retry the rest of the batch.
        for (const { group: done, ids } of outcomes) if (ids) done.forEach((p, i) => this.settle(p, ids[i]));
        const settled = new Set(outcomes.filter((o) => o.ids).flatMap((o) => o.group));
        batch.splice(0, batch.length, ...batch.filter((p) => !settled.has(p)));
        return false;
      }
    }
    this.commitSucceeded();
    for (const { group, ids } of outcomes) group.forEach((p, i) => this.settle(p, ids ? ids[i] : null));
    this.runBarriers(batch[batch.length - 1].seq);
    return true;
  }

  /**
   * One project's records after a foreign-key violation. While the project exists the violation is
   * an author deleted after their update was queued: the update is still part of the document, so
   * it is saved with no author (its claims, that user's client ids, go with the user). Only when
   * the project is gone are its records dropped (null). Throws what is not a foreign-key violation.
   */
  private async commitGroup(group: Pending[]): Promise<number[] | null> {
    const projectId = group[0].record.projectId;
    let last: unknown;
    let projectGone = false;
    for (let attempt = 0; attempt < FOREIGN_KEY_ATTEMPTS && !projectGone; attempt++) {
      try {
        return await this.options.store.append(group.map((p) => p.record));
      } catch (err) {
        if (!isForeignKeyViolation(err)) throw err;
        last = err;
      }
      const authors = [...new Set(group.flatMap((p) => (p.record.userId === null ? [] : [p.record.userId])))];
      const deleted = await this.options.store.findDeletedReferences(projectId, authors);
      projectGone = deleted.projectGone;
      const missing = new Set(deleted.missingUserIds);
      const orphaned = projectGone ? [] : group.filter((p) => p.record.userId !== null && missing.has(p.record.userId));
      for (const p of orphaned) p.record = { ...p.record, userId: null, claims: [] };
      if (orphaned.length > 0) {
        this.options.log.warn(
          { projectId, updates: orphaned.length, missingUserIds: deleted.missingUserIds },
          'document updates saved without their author: the user was deleted after they were queued',
        );
      }
    }
    this.options.log.error(
      { err: last, projectId, updates: group.length },
      projectGone ? 'document updates dropped: their project no longer exists' : 'document updates dropped: the database still refuses them (a foreign key)',
    );
    return null;
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

  private fullChanged(full: boolean): void {
    this.isFull = full;
    this.options.onFullChange?.(full);
    const fields = { queuedBytes: this.bytes, maxQueuedBytes: this.maxBytes, queued: this.queue.length };
    if (full) this.options.log.error(fields, 'the save queue is over its limit: new document updates are refused (their sockets closed with 4503) until the database takes the backlog');
    else this.options.log.info(fields, 'the save queue has room again: document updates are accepted');
  }

  private runBarriers(done: number): void {
    const due = this.barriers.filter((b) => b.seq <= done);
    this.barriers = this.barriers.filter((b) => b.seq > done);
    due.forEach((b) => b.run());
  }

  /** Done with a record: committed as row `id`, or dropped (null: no commit callback). */
  private settle(p: Pending, id: number | null): void {
    this.bytes -= p.bytes;
    if (this.isFull && this.bytes < this.maxBytes * SAVE_QUEUE_RESUME_RATIO) this.fullChanged(false);
    const projectId = p.record.projectId;
    const left = (this.pendingByProject.get(projectId) ?? 1) - 1;
    if (left > 0) this.pendingByProject.set(projectId, left);
    else this.pendingByProject.delete(projectId);
    try {
      if (id !== null) p.onCommitted(id);
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
