import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db';
import { createPostgresDatabase } from './testing/test-databases';

describe('createDb on PostgreSQL', () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('lets several instances starting at once on a fresh database migrate it once, all of them starting', async () => {
    const { url, drop } = await createPostgresDatabase();
    drops.push(drop);
    // Four at once: without the migration lock, two would run CREATE TABLE together and one fail.
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => createDb({ databaseUrl: url })));
    const opened = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    try {
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
      const applied = (await opened[0].db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: Array<{ n: number }> };
      const files = (await import('node:fs')).readdirSync(new URL('./migrations', import.meta.url)).filter((f) => f.endsWith('.sql'));
      expect(applied.rows[0].n).toBe(files.length);
    } finally {
      for (const database of opened) await database.close();
    }
  });
});
