import * as Y from 'yjs';
import { and, asc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { docClient, docSnapshot, docUpdate, project, user, type DocChange } from '../../db/schema';

export interface DocUpdateRecord {
  projectId: string;
  update: Uint8Array;
  userId: string | null;
  changes: DocChange[];
  /** Yjs client ids this update claimed for `userId` (SPEC G11); stored in the same commit. */
  claims?: readonly number[];
}

export interface LoadedDoc {
  /** The snapshot (if any) followed by every update after it, in commit order. */
  updates: Uint8Array[];
  /** Id of the last update row read; 0 when there is none. */
  lastId: number;
  /** Update rows not folded into the snapshot yet. */
  sinceSnapshot: number;
  /** Their ids (CompactOptions.held). @default none */
  rowIds?: number[];
  /** The user each claimed Yjs client id belongs to (SPEC G11). */
  owners: Map<number, string>;
  /** The project is mastering-only: its gate keeps its one track its only one (SPEC M1). @default false */
  masteringOnly?: boolean;
}

/**
 * Persistence of project documents: an append-only update log and a compacted snapshot. Storage is
 * injected into the sync server through this interface so that tests can make it fail.
 */
export interface DocStore {
  load(projectId: string): Promise<LoadedDoc>;
  /** Appends in one statement (atomic); resolves with the new row ids, in order. */
  append(records: DocUpdateRecord[]): Promise<number[]>;
  /**
   * Folds `state` and every update row still holding its bytes into the snapshot (C6): rows other
   * instances wrote meanwhile are merged in, never dropped, whatever their ids. With `replace`,
   * `state` becomes the snapshot covering every row with id <= upToId instead (a repaired document
   * replacing what the gate refuses now, G15).
   */
  compact(projectId: string, state: Uint8Array, upToId: number, options?: CompactOptions): Promise<void>;
  /**
   * Which of these references no longer exist: the project, and those of `userIds` whose user was
   * deleted (what a foreign-key violation of `append` refers to, for the save queue).
   */
  findDeletedReferences(projectId: string, userIds: readonly string[]): Promise<DeletedReferences>;
}

export interface DeletedReferences {
  projectGone: boolean;
  /** Of the user ids asked about, those with no user row. */
  missingUserIds: string[];
}

export interface CompactOptions {
  /** `state` replaces the snapshot (G15). @default false */
  replace?: boolean;
  /**
   * What `state` is known to hold already: these update rows, and with `snapshot` the stored
   * snapshot. Their bytes are not read back nor merged again; only rows written by others (another
   * instance, C6) are. Only an instance alone may say `snapshot`: with several, an earlier
   * compaction elsewhere may have folded into it rows this one never received.
   */
  held?: { ids: readonly number[]; snapshot?: boolean };
}

/** Compactions of one process at a time: each holds a pooled connection that saves also need. */
export const MAX_CONCURRENT_COMPACTIONS = 2;

/** Ids per `in (...)` list: far below PostgreSQL's 65,535 parameters per statement. */
const IDS_PER_STATEMENT = 5000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs at most `limit` tasks at once, the others in arrival order. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** The driver under drizzle (a pg Pool, or our PGlite thread): both answer `query(text, params)`. */
interface RawClient {
  query(text: string, params: unknown[]): Promise<{ rows: Array<{ id: number | string | bigint }> }>;
}

const insertTexts = new Map<number, string>();

/**
 * `insert into doc_update ... values (...), ... returning id` for `rows` rows, made once per row
 * count. The save queue's commit is the one statement every accepted update pays for; building it
 * through drizzle's query builder cost more CPU than the gate's own checks (a profile at
 * 1,000 updates/s: 9% of the process), so it is written once here.
 */
function insertText(rows: number): string {
  let text = insertTexts.get(rows);
  if (!text) {
    const values = Array.from({ length: rows }, (_, i) => `($${4 * i + 1}, $${4 * i + 2}, $${4 * i + 3}, $${4 * i + 4}::jsonb)`);
    text = `insert into "doc_update" ("project_id", "update", "user_id", "changes") values ${values.join(', ')} returning "id"`;
    if (insertTexts.size < 64) insertTexts.set(rows, text);
  }
  return text;
}

export function createDocStore(db: Db): DocStore {
  const raw = (db as unknown as { $client?: RawClient }).$client;
  const compaction = limiter(MAX_CONCURRENT_COMPACTIONS);
  return {
    async load(projectId) {
      const [snapshot] = await db.select().from(docSnapshot).where(eq(docSnapshot.projectId, projectId));
      const upTo = snapshot?.upToId ?? 0;
      // Every row that still holds its bytes: with several instances, a row with an id below the
      // snapshot's may have committed after it (C6). Applying a row twice changes nothing.
      const rows = await db
        .select({ id: docUpdate.id, update: docUpdate.update })
        .from(docUpdate)
        .where(and(eq(docUpdate.projectId, projectId), isNotNull(docUpdate.update)))
        .orderBy(asc(docUpdate.id));
      const updates = rows.map((r) => r.update as Uint8Array);
      if (snapshot) updates.unshift(snapshot.state);
      const claimed = await db.select({ clientId: docClient.clientId, userId: docClient.userId }).from(docClient).where(eq(docClient.projectId, projectId));
      // A project's kind never changes after it is made.
      const [kind] = await db.select({ kind: project.kind }).from(project).where(eq(project.id, projectId));
      return {
        updates,
        lastId: Math.max(upTo, rows.at(-1)?.id ?? 0),
        sinceSnapshot: rows.length,
        rowIds: rows.map((r) => r.id),
        owners: new Map(claimed.map((c) => [c.clientId, c.userId])),
        masteringOnly: kind?.kind === 'mastering',
      };
    },

    async append(records) {
      if (records.length === 0) return [];
      const claims = records.flatMap((r) => (r.userId === null ? [] : (r.claims ?? []).map((clientId) => ({ projectId: r.projectId, clientId, userId: r.userId! }))));
      const insertUpdates = (tx: Db) =>
        tx
          .insert(docUpdate)
          .values(records.map((r) => ({ projectId: r.projectId, update: r.update, userId: r.userId, changes: r.changes })))
          .returning({ id: docUpdate.id });
      if (claims.length === 0) {
        if (!raw) return (await insertUpdates(db)).map((r) => r.id);
        const params: unknown[] = [];
        for (const r of records) params.push(r.projectId, r.update, r.userId, JSON.stringify(r.changes));
        const { rows } = await raw.query(insertText(records.length), params);
        return rows.map((r) => Number(r.id));
      }
      // The claim and the write it came with are committed together, or neither is.
      return db.transaction(async (tx) => {
        const rows = await insertUpdates(tx as unknown as Db);
        await tx.insert(docClient).values(claims).onConflictDoNothing();
        return rows.map((r) => r.id);
      });
    },

    async findDeletedReferences(projectId, userIds) {
      const [found] = await db.select({ id: project.id }).from(project).where(eq(project.id, projectId));
      const existing = userIds.length === 0 ? [] : await db.select({ id: user.id }).from(user).where(inArray(user.id, [...userIds]));
      const kept = new Set(existing.map((u) => u.id));
      return { projectGone: !found, missingUserIds: userIds.filter((id) => !kept.has(id)) };
    },

    compact(projectId, state, upToId, options = {}) {
      return compaction(() =>
        db.transaction(async (tx) => {
          // One compaction of a project at a time, whichever instance runs it.
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${projectId}))`);
          if (options.replace) {
            await tx
              .insert(docSnapshot)
              .values({ projectId, state, upToId })
              .onConflictDoUpdate({ target: docSnapshot.projectId, set: { state, upToId, updatedAt: sql`now()` }, setWhere: lte(docSnapshot.upToId, upToId) });
            await tx
              .update(docUpdate)
              .set({ update: null })
              .where(and(eq(docUpdate.projectId, projectId), lte(docUpdate.id, upToId), isNotNull(docUpdate.update)));
            return;
          }
          const held = options.held;
          const heldIds = new Set(held?.ids ?? []);
          const [stored] = await tx.select({ upToId: docSnapshot.upToId }).from(docSnapshot).where(eq(docSnapshot.projectId, projectId));
          // Every row still holding its bytes; only those `state` may lack are read (C6).
          const live = await tx
            .select({ id: docUpdate.id })
            .from(docUpdate)
            .where(and(eq(docUpdate.projectId, projectId), isNotNull(docUpdate.update)))
            .orderBy(asc(docUpdate.id));
          const ids = live.map((r) => r.id);
          const others: Uint8Array[] = [];
          for (const part of chunks(ids.filter((id) => !heldIds.has(id)), IDS_PER_STATEMENT)) {
            const rows = await tx.select({ update: docUpdate.update }).from(docUpdate).where(inArray(docUpdate.id, part)).orderBy(asc(docUpdate.id));
            for (const r of rows) if (r.update) others.push(r.update as Uint8Array);
          }
          const [snapshot] = stored && !held?.snapshot ? await tx.select({ state: docSnapshot.state }).from(docSnapshot).where(eq(docSnapshot.projectId, projectId)) : [];
          const parts = [...(snapshot ? [snapshot.state] : []), ...others];
          const merged = parts.length === 0 ? state : Y.mergeUpdates([...parts, state]);
          const folded = Math.max(stored?.upToId ?? 0, upToId, ids.at(-1) ?? 0);
          await tx
            .insert(docSnapshot)
            .values({ projectId, state: merged, upToId: folded })
            .onConflictDoUpdate({ target: docSnapshot.projectId, set: { state: merged, upToId: folded, updatedAt: sql`now()` } });
          // The bytes now live in the snapshot; the rows stay as the audit trail.
          for (const part of chunks(ids, IDS_PER_STATEMENT)) {
            await tx.update(docUpdate).set({ update: null }).where(inArray(docUpdate.id, part));
          }
        }),
      );
    },
  };
}
