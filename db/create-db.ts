import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { checkPgliteDir } from './pglite-dir';
import { PgliteThread } from './pglite-thread';
import type { PGlite } from '@electric-sql/pglite';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  databaseUrl?: string;
  /** Folder for PGlite; `undefined` with no databaseUrl means in-memory (tests). */
  pgliteDir?: string;
  /** Folder holding the drizzle-kit migrations. @default db/migrations of this checkout */
  migrationsDir?: string;
  /** Apply migrations after opening. @default true */
  migrate?: boolean;
}

// Both the source (db/) and the server bundle (dist/) sit one level below the project root.
export const DEFAULT_MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'db', 'migrations');

/** The PostgreSQL advisory lock key that serialises migrations ("mixr" in ASCII). */
const MIGRATION_LOCK_KEY = 0x6d697872;

export async function createDb(options: CreateDbOptions): Promise<Database> {
  const migrationsFolder = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const migrate = options.migrate ?? true;
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    // A server that does not answer at all (unreachable, not refusing) fails a query's connection
    // after 10 s rather than the operating system's TCP timeout of minutes; the save queue retries.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 10_000 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Queries report their own errors.
    });
    const db = drizzle(pool, { schema });
    try {
      if (migrate) {
        const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
        // Instances starting together on one database (several instances, start:cluster) take
        // turns: one session holds an advisory lock while it migrates, the others then find the
        // migrations applied. Without it both ran CREATE TABLE and one failed.
        const client = await pool.connect();
        try {
          await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
          try {
            await run(drizzle(client, { schema }), { migrationsFolder });
          } finally {
            await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
          }
        } finally {
          client.release();
        }
      }
    } catch (err) {
      await pool.end();
      throw err;
    }
    return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() };
  }

  let lock: DataDirLock | undefined;
  let dataDir: string | undefined;
  if (options.pgliteDir) {
    // The lock sits beside the PGlite folder, so that a second process fails before touching it.
    lock = acquireDataDirLock(path.dirname(options.pgliteDir));
    dataDir = options.pgliteDir;
  }
  try {
    if (dataDir) checkPgliteDir(dataDir);
  } catch (err) {
    lock?.release();
    throw err;
  }
  let thread: PgliteThread | undefined;
  try {
    const { drizzle } = await import('drizzle-orm/pglite');
    // Off the main thread: PGlite's queries run synchronously in WASM (db/pglite-thread.ts).
    thread = new PgliteThread({ dataDir, migrationsFolder, migrate });
    await thread.ready;
    const client = thread;
    const db = drizzle({ client: client as unknown as PGlite, schema });
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      close: async () => {
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    await thread?.close().catch(() => undefined);
    lock?.release();
    throw err;
  }
}
