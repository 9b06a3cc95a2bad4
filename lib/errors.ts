/**
 * The one error type of Mixroom. Every failure that a user or a client can cause carries a code
 * from the closed set below; `server/http` maps codes to HTTP statuses in one place.
 */
export const ERROR_CODES = {
  invalid_input: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AppErrorOptions {
  /** Internal message, for logs. */
  message?: string;
  /** Message safe to show to the user; defaults to `message`. */
  userMessage?: string;
  cause?: unknown;
  /** Extra structured detail sent to the client (for example the offending field). */
  details?: Record<string, unknown>;
}

// Next bundles its own copy of this module beside the custom server's, so `instanceof` cannot be
// trusted across the two; a global symbol brand can.
const BRAND = Symbol.for('mixroom.AppError');

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details?: Record<string, unknown>;
  readonly [BRAND] = true;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? options.userMessage ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage ?? options.message ?? code;
    this.details = options.details;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export function isAppError(err: unknown): err is AppError {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
}
