import { findAppContext } from '../../../../server/app-context';
import { checkOrigin, errorResponse } from '../../../../server/http/route';
import { AppError, isAppError } from '../../../../lib/errors';

export const dynamic = 'force-dynamic';

async function handle(req: Request): Promise<Response> {
  const ctx = findAppContext(req.headers);
  if (!ctx) return errorResponse(new AppError('unavailable', { message: 'the server is starting' }));
  try {
    // better-auth checks the Origin only when cookies are sent; sign-up and sign-in from another
    // site's page are refused too (login CSRF).
    checkOrigin(req, ctx.config.publicUrl);
  } catch (err) {
    if (isAppError(err)) return errorResponse(err);
    throw err;
  }
  return ctx.auth.handler(req);
}

export const GET = handle;
export const POST = handle;
