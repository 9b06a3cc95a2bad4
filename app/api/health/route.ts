import { json, route } from '../../../server/http/route';
import type { HealthDto } from '../../../lib/api/dto';

export const dynamic = 'force-dynamic';

// Served only once the database is migrated and auth is ready: before that our HTTP server answers 503 itself.
export const GET = route({ auth: false }, async ({ ctx }) => {
  const body: HealthDto = { ok: true, db: ctx.database.kind, version: ctx.version, saves: ctx.sync.saveQueue.retrying ? 'retrying' : 'ok' };
  return json(body);
});
