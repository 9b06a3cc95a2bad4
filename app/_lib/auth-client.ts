import { createAuthClient } from 'better-auth/react';
import { ApiError, rateLimitMessage, retryAfterFrom } from './api';

function makeClient() {
  return createAuthClient({ baseURL: window.location.origin, basePath: '/api/auth' });
}

type AuthClient = ReturnType<typeof makeClient>;

let client: AuthClient | undefined;

/** Created on first use in the browser: the base URL is the page's own origin. */
export function getAuthClient(): AuthClient {
  client ??= makeClient();
  return client;
}

interface AuthErrorLike {
  status: number;
  statusText?: string;
  message?: string;
  code?: string;
}

/** What the auth routes' error codes say about which form field is at fault. */
function fieldOf(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code === 'INVALID_EMAIL_OR_PASSWORD') return undefined;
  if (code === 'INVALID_PASSWORD') return 'currentPassword';
  if (code.includes('PASSWORD')) return 'password';
  if (code.includes('EMAIL') || code.startsWith('USER_ALREADY_EXISTS')) return 'email';
  if (code.includes('NAME')) return 'name';
  return undefined;
}

const FRIENDLY: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'Wrong email or password.',
  INVALID_PASSWORD: 'The current password is wrong.',
  USER_ALREADY_EXISTS: 'An account with this email already exists. Sign in instead.',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'An account with this email already exists. Sign in instead.',
};

/**
 * Runs one better-auth client call and returns its data, or throws an ApiError like the REST API's,
 * with the rate limiter's `X-Retry-After` turned into "try again in N s".
 */
export async function callAuth<T>(
  run: (fetchOptions: { onError: (ctx: { response: Response }) => void }) => Promise<{ data: T | null; error: AuthErrorLike | null }>,
): Promise<T> {
  let retryAfterSec: number | undefined;
  let result: { data: T | null; error: AuthErrorLike | null };
  try {
    result = await run({ onError: (ctx) => void (retryAfterSec = retryAfterFrom(ctx.response.headers)) });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  }
  const { error } = result;
  if (error) {
    if (error.status === 429) throw new ApiError(429, 'rate_limited', rateLimitMessage(retryAfterSec), undefined, retryAfterSec);
    const code = error.code ?? `http_${error.status}`;
    const message = FRIENDLY[code] ?? error.message ?? error.statusText ?? 'Something went wrong';
    throw new ApiError(error.status, code, message, fieldOf(error.code));
  }
  return result.data as T;
}
