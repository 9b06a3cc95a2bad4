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
  compact(projectId: string, state: Uint8Array, upToId: number, options?: { replace?: boolean }): Promise<void>;
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

    async compact(projectId, state, upToId, options = {}) {
      await db.transaction(async (tx) => {
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
        const [snapshot] = await tx.select().from(docSnapshot).where(eq(docSnapshot.projectId, projectId));
        const rows = await tx
          .select({ id: docUpdate.id, update: docUpdate.update })
          .from(docUpdate)
          .where(and(eq(docUpdate.projectId, projectId), isNotNull(docUpdate.update)))
          .orderBy(asc(docUpdate.id));
        const merged = Y.mergeUpdates([...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.update as Uint8Array), state]);
        const folded = Math.max(snapshot?.upToId ?? 0, upToId, rows.at(-1)?.id ?? 0);
        await tx
          .insert(docSnapshot)
          .values({ projectId, state: merged, upToId: folded })
          .onConflictDoUpdate({ target: docSnapshot.projectId, set: { state: merged, upToId: folded, updatedAt: sql`now()` } });
        // The bytes now live in the snapshot; the rows stay as the audit trail.
        if (rows.length > 0) {
          await tx
            .update(docUpdate)
            .set({ update: null })
            .where(inArray(docUpdate.id, rows.map((r) => r.id)));
        }
      });
    },
  };
}
