import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDb, type Database } from './create-db';

let database: Database;
beforeAll(async () => {
  database = await createDb({});
  await database.db.execute(sql`create table t (id int primary key, note text)`);
});
afterAll(() => database?.close());

describe('PGlite on its own thread', () => {
  it('keeps the event loop free while a query runs: timers fire during a slow query', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    await database.db.execute(sql`select pg_sleep(0.5)`);
    clearInterval(timer);
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    // On the main thread, pg_sleep would have held the loop for the whole 500 ms: no tick at all.
    expect(ticks).toBeGreaterThan(10);
  });

  it('brings PostgreSQL error fields across (a unique violation keeps code 23505 and its constraint)', async () => {
    await database.db.execute(sql`insert into t values (1, 'a')`);
    const err = (await database.db.execute(sql`insert into t values (1, 'b')`).catch((e: unknown) => e)) as Error & { cause?: Record<string, unknown> };
    const pgError = (err.cause ?? err) as Record<string, unknown>;
    expect(pgError.code).toBe('23505');
    expect(pgError.constraint).toBe('t_pkey');
  });

  it('commits a transaction whole, rolls a failed one back whole, and queues other queries behind an open one', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t values (2, 'x')`);
      await tx.execute(sql`insert into t values (3, 'y')`);
    });
    const failed = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into t values (4, 'z')`);
        throw new Error('no');
      })
      .catch((e: unknown) => (e as Error).message);
    expect(failed).toBe('no');
    let outsideDone = false;
    let outside: Promise<unknown> | undefined;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`update t set note = 'in tx' where id = 2`);
      outside = database.db.execute(sql`select note from t where id = 2`).then((r) => {
        outsideDone = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 100));
      // The outside reader waits for the transaction, as on one PGlite thread.
      expect(outsideDone).toBe(false);
    });
    const read = (await outside) as { rows: Array<{ note: string }> };
    expect(read.rows[0].note).toBe('in tx');
    const ids = (await database.db.execute(sql`select id from t order by id`)) as unknown as { rows: Array<{ id: number }> };
    expect(ids.rows.map((r) => r.id)).toEqual([1, 2, 3]);
  });
});
