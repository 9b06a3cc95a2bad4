import { json, route } from '../../../server/http/route';
import type { HealthDto } from '../../../lib/api/dto';

export const dynamic = 'force-dynamic';

// Served only once the database is migrated and auth is ready: before that our HTTP server answers 503 itself.
export const GET = route({ auth: false }, async ({ ctx }) => {
  const { saveQueue } = ctx.sync;
  const body: HealthDto = { ok: true, db: ctx.database.kind, version: ctx.version, saves: saveQueue.full ? 'full' : saveQueue.retrying ? 'retrying' : 'ok' };
  return json(body);
});
