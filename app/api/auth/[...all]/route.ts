import { findAppContext } from '../../../../server/app-context';

export const dynamic = 'force-dynamic';

async function handle(req: Request): Promise<Response> {
  const ctx = findAppContext(req.headers);
  if (!ctx) return Response.json({ error: { code: 'unavailable', message: 'the server is starting' } }, { status: 503 });
  return ctx.auth.handler(req);
}

export const GET = handle;
export const POST = handle;
