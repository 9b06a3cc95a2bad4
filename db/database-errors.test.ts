import net from 'node:net';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isForeignKeyViolation } from './database-errors';
import { TEST_POSTGRES_URL } from './testing/test-databases';

const pools: pg.Pool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.end())));

function pool(connectionString: string): pg.Pool {
  const p = new pg.Pool({ connectionString, connectionTimeoutMillis: 2_000 });
  p.on('error', () => undefined);
  pools.push(p);
  return p;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the query should fail'), (err: unknown) => err);

describe('database errors', () => {
  it('a database nobody answers for is unavailable, through drizzle\'s wrapper too', async () => {
    const down = pool(`postgres://postgres@127.0.0.1:${await closedPort()}/test`);
    const raw = await failure(down.query('select 1'));
    expect(isDatabaseUnavailable(raw)).toBe(true);
    const wrapped = await failure(drizzle(down).execute(sql`select 1`));
    expect((wrapped as Error).constructor.name).not.toBe((raw as Error).constructor.name);
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isForeignKeyViolation(wrapped)).toBe(false);
  });

  it('a query the database refuses is not "unavailable"; a foreign-key violation is recognised through the wrapper', async () => {
    const client = await pool(TEST_POSTGRES_URL).connect();
    try {
      const db = drizzle(client);
      expect(isDatabaseUnavailable(await failure(db.execute(sql`select 1/0`)))).toBe(false);
      expect(isDatabaseUnavailable(await failure(db.execute(sql`selec 1`)))).toBe(false);
      await db.execute(sql`create temp table errors_parent (id int primary key)`);
      await db.execute(sql`create temp table errors_child (parent int references errors_parent (id))`);
      const fk = await failure(db.execute(sql`insert into errors_child values (1)`));
      expect(isForeignKeyViolation(fk)).toBe(true);
      expect(isDatabaseUnavailable(fk)).toBe(false);
    } finally {
      client.release();
    }
  });
});
