import type { IncomingMessage, ServerResponse } from 'node:http';
import { fromNodeHeaders } from 'better-auth/node';
import { AppError, isAppError } from '../../lib/errors';
import type { Logger } from '../log';
import type { Services } from '../services/create-services';
import type { AuthenticatedUser } from '../services/tokens/api-tokens';

export interface RawUploadDeps {
  services: Services;
  publicUrl: string;
  log: Logger;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' });
  res.end(JSON.stringify(body));
}

/**
 * The wrapper of the uploads our own server serves before Next (a multi-GB body must not go
 * through Next's route handlers): authentication, the Origin check for cookie uploads, then
 * `handle`, whose `AppError`s become the API's error shape. `handle` reads the body itself.
 */
export async function handleRawUpload(
  req: IncomingMessage,
  res: ServerResponse,
  deps: RawUploadDeps,
  handle: (user: AuthenticatedUser) => Promise<{ status: number; body: unknown }>,
): Promise<void> {
  try {
    const auth = await deps.services.authenticate(fromNodeHeaders(req.headers));
    if (!auth) throw new AppError('unauthenticated', { message: 'sign in first, or send Authorization: Bearer <token>' });
    if (auth.via === 'session' && req.headers.origin !== deps.publicUrl) {
      throw new AppError('forbidden', { message: 'cross-site upload refused: the Origin header must be this app' });
    }
    const { status, body } = await handle(auth.user);
    send(res, status, body);
  } catch (err) {
    if (isAppError(err)) {
      const body: Record<string, unknown> = { code: err.code, message: err.userMessage };
      if (typeof err.details?.field === 'string') body.field = err.details.field;
      send(res, err.status, { error: body });
    } else {
      deps.log.error({ err, url: req.url }, 'upload failed');
      send(res, 500, { error: { code: 'internal', message: 'internal error' } });
    }
  }
}
