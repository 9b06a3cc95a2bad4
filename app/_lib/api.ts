import type { ErrorBody } from '../../lib/api/dto';

/**
 * A failed API call: the server's `{ error: { code, message, field? } }` plus the HTTP status.
 * Status 0 means the request never got an answer (network down, server restarting).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  /** From `X-Retry-After` on a 429. */
  readonly retryAfterSec?: number;

  constructor(status: number, code: string, message: string, field?: string, retryAfterSec?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSec = retryAfterSec;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

export function retryAfterFrom(headers: Headers): number | undefined {
  const raw = headers.get('x-retry-after') ?? headers.get('retry-after');
  const sec = raw === null ? NaN : Number(raw);
  return Number.isFinite(sec) && sec >= 0 ? Math.ceil(sec) : undefined;
}

export function rateLimitMessage(retryAfterSec: number | undefined): string {
  return retryAfterSec === undefined ? 'Too many attempts, try again shortly' : `Too many attempts, try again in ${retryAfterSec} s`;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface ApiRequestOptions {
  /** @default 'GET' */
  method?: Method;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

/** Same-origin JSON fetch: the browser adds the session cookie and the Origin header itself. */
export async function api<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method: options.method ?? 'GET', headers, credentials: 'same-origin', signal: options.signal };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  }
  const text = res.status === 204 ? '' : await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const body = (data as Partial<ErrorBody> | undefined)?.error;
    const retryAfterSec = retryAfterFrom(res.headers);
    const message =
      res.status === 429 ? rateLimitMessage(retryAfterSec) : (body?.message ?? `The server answered ${res.status} ${res.statusText}`.trim());
    throw new ApiError(res.status, body?.code ?? `http_${res.status}`, message, body?.field, retryAfterSec);
  }
  return data as T;
}
