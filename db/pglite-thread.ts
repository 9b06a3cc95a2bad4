import { Worker } from 'node:worker_threads';

/** What drizzle-orm's PGlite session calls on a client: `query` and `transaction`. */
export interface PgliteLikeClient {
  query(sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<unknown>;
  transaction<T>(callback: (tx: PgliteLikeClient) => Promise<T>): Promise<T>;
}

export interface PgliteThreadOptions {
  /** PGlite's folder; undefined for an in-memory database. */
  dataDir?: string;
  migrationsFolder: string;
  migrate: boolean;
}

type Reply = { id: number; ok: true; result?: unknown } | { id: number; ok: false; error: Record<string, unknown> };

/** Rebuilds an error the worker sent as data, with PostgreSQL's fields (code, constraint ...) on it. */
function toError(data: Record<string, unknown>): Error {
  const err = new Error(String(data.message ?? 'PGlite worker error'));
  Object.assign(err, data);
  return err;
}

/**
 * PGlite on a worker thread (db/pglite-worker.mjs): its queries run synchronously in WASM, and on
 * the main thread they would stall every socket of the sync server meanwhile. This is a client
 * drizzle-orm's PGlite driver can use; each call is one message to the worker and one back.
 * Transactions keep PGlite's own semantics: while one is open, other queries wait in the worker.
 */
export class PgliteThread implements PgliteLikeClient {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private nextTx = 1;
  private failure: Error | undefined;
  readonly ready: Promise<void>;

  constructor(options: PgliteThreadOptions) {
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { dataDir: options.dataDir, migrationsFolder: options.migrationsFolder, migrate: options.migrate },
    });
    this.ready = new Promise((resolve, reject) => {
      const onReady = (msg: { ready?: boolean; error?: Record<string, unknown> }) => {
        if (msg.ready === undefined) return;
        this.worker.off('message', onReady);
        if (msg.ready) resolve();
        else reject(toError(msg.error ?? {}));
      };
      this.worker.on('message', onReady);
      this.worker.once('exit', (code) => reject(new Error(`the PGlite worker exited with code ${code} while opening`)));
    });
    this.worker.on('message', (msg: Reply) => {
      if (typeof msg.id !== 'number') return;
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      this.refCount();
      if (msg.ok) w.resolve(msg.result);
      else w.reject(toError(msg.error));
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const w of this.waiting.values()) w.reject(this.failure);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the PGlite worker exited (code ${code})`)));
    // The worker keeps the process alive while it opens and while a request is under way, as a
    // socket would, but not while idle.
    this.ready.then(
      () => {
        this.opened = true;
        this.refCount();
      },
      () => undefined,
    );
  }

  private opened = false;

  private refCount(): void {
    if (this.waiting.size > 0 || !this.opened) this.worker.ref();
    else this.worker.unref();
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.refCount();
      this.worker.postMessage({ ...message, id });
    });
  }

  query(sql: string, params: unknown[] = [], options: { rowMode?: 'array' | 'object' } = {}): Promise<unknown> {
    return this.call({ op: 'query', sql, params, rowMode: options.rowMode ?? 'object' });
  }

  async transaction<T>(callback: (tx: PgliteLikeClient) => Promise<T>): Promise<T> {
    const tx = this.nextTx++;
    await this.call({ op: 'begin', tx });
    const client: PgliteLikeClient = {
      query: (sql, params = [], options = {}) => this.call({ op: 'query', sql, params, rowMode: options.rowMode ?? 'object', tx }),
      transaction: () => Promise.reject(new Error('nested transactions go through savepoints')),
    };
    let result: T;
    try {
      result = await callback(client);
    } catch (err) {
      await this.call({ op: 'end', tx, commit: false }).catch(() => undefined);
      throw err;
    }
    await this.call({ op: 'end', tx, commit: true });
    return result;
  }

  /** Closes the database, then the thread. */
  async close(): Promise<void> {
    try {
      if (!this.failure) await this.call({ op: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }
}
