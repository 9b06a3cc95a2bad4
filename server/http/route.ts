import type { z } from 'zod';
import { AppError, isAppError } from '../../lib/errors';
import type { ErrorBody } from '../../lib/api/dto';
import { findAppContext, type AppContext } from '../app-context';
import type { AuthenticatedUser } from '../services/tokens/api-tokens';

/** JSON bodies of this API are small; anything larger is a mistake or an attack. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RouteArgs<TBody, TAuth extends boolean> {
  req: Request;
  ctx: AppContext;
  params: Record<string, string>;
  user: TAuth extends true ? AuthenticatedUser : AuthenticatedUser | undefined;
  body: TBody;
}

export interface RouteOptions<S extends z.ZodType | undefined, TAuth extends boolean> {
  /** Require a signed-in user or an API token. @default true */
  auth?: TAuth;
  /** Schema of the JSON body; without one, a body is not read. */
  body?: S;
}

type Handler<S extends z.ZodType | undefined, TAuth extends boolean> = (
  args: RouteArgs<S extends z.ZodType ? z.infer<S> : undefined, TAuth>,
) => Promise<Response>;

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

export function errorResponse(err: AppError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.userMessage } };
  const field = err.details?.field;
  if (typeof field === 'string') body.error.field = field;
  return json(body, err.status);
}

/**
 * The one wrapper of every /api route handler: context -> CSRF (Origin) check -> authentication ->
 * JSON parsing with a size bound and a strict schema -> the handler -> AppError mapped to a status.
 * Handlers stay thin: they call a service and shape the response.
 */
export function route<S extends z.ZodType | undefined = undefined, TAuth extends boolean = true>(
  options: RouteOptions<S, TAuth>,
  handler: Handler<S, TAuth>,
) {
  return async (req: Request, segment: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const ctx = findAppContext(req.headers);
    if (!ctx) return errorResponse(new AppError('unavailable', { message: 'the server is starting' }));
    try {
      const bearer = req.headers.has('authorization');
      // Requests with a bearer token cannot be forged by another site; cookie ones can.
      if (!bearer) checkOrigin(req, ctx.config.publicUrl);
      const authResult = await ctx.services.authenticate(req.headers);
      if ((options.auth ?? true) && !authResult) {
        throw new AppError('unauthenticated', {
          message: bearer ? 'the API token is invalid, revoked or expired' : 'sign in first',
        });
      }
      const body = options.body ? await readJson(req, options.body) : undefined;
      const raw = (await segment?.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
      return await handler({ req, ctx, params, user: authResult?.user, body } as never);
    } catch (err) {
      if (isAppError(err)) return errorResponse(err);
      ctx.log.error({ err, method: req.method, url: req.url }, 'unhandled error in route');
      return errorResponse(new AppError('internal', { message: 'internal error', cause: err }));
    }
  };
}

/** Refuses a state-changing request whose Origin is not the app's own (cookie-borne CSRF). */
export function checkOrigin(req: Request, publicUrl: string): void {
  if (!STATE_CHANGING.has(req.method)) return;
  const origin = req.headers.get('origin');
  if (origin !== publicUrl) {
    throw new AppError('forbidden', {
      message: origin
        ? `cross-site request refused: Origin ${origin} is not ${publicUrl}`
        : 'request refused: a cookie-authenticated change must carry an Origin header (or use an API token)',
    });
  }
}

async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('invalid_input', { message: 'the body must be JSON (Content-Type: application/json)' });
  }
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_JSON_BODY_BYTES) throw tooLarge();
  const text = await readBounded(req);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError('invalid_input', { message: `malformed JSON: ${(err as Error).message}`, cause: err });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
        : field
          ? `${field}: ${issue.message}`
          : issue.message;
    throw new AppError('invalid_input', { message, details: { field: field || undefined } });
  }
  return parsed.data;
}

function tooLarge(): AppError {
  return new AppError('invalid_input', { message: `the JSON body is larger than ${MAX_JSON_BODY_BYTES} bytes` });
}

async function readBounded(req: Request): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_JSON_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}
