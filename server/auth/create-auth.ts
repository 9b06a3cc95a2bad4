import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import type { Logger } from 'pino';
import type { Db } from '../../db/create-db';
import { account, session, user, verification } from '../../db/schema';
import { MIN_PASSWORD_LENGTH } from '../../lib/api/dto';
import { controlCharsMessage, hasControlChars } from '../../lib/names';
import { passwordProblem } from './password-policy';
import { SignInLimiter } from './sign-in-limiter';

/** Header our own HTTP server sets from the socket's address (overwriting whatever a client sent). */
export const CLIENT_IP_HEADER = 'x-mixroom-client-ip';


export interface AuthRateLimit {
  /** Window in seconds. */
  window: number;
  /** Requests per window and client address. */
  max: number;
}

export interface CreateAuthOptions {
  db: Db;
  secret: string;
  /** The app's origin; cookies and the origin check follow it. */
  publicUrl: string;
  logger: Logger;
  /**
   * Requests to sign-in, sign-up and change-password per client address, whatever their outcome:
   * a bound on floods. Failed sign-ins have their own, tighter limits (`signInLimiter`).
   * @default DEFAULT_CREDENTIAL_RATE_LIMIT
   */
  credentialRateLimit?: AuthRateLimit;
  /** Failed sign-ins per account and per address. @default a SignInLimiter with its defaults */
  signInLimiter?: SignInLimiter;
  /** A session row was deleted (sign-out, revoked, the user deleted): its live sockets close (W21). */
  onSessionEnded?: (sessionId: string) => void;
}

/** Ten people behind one address signing in at once, each retrying a typo, stay well inside it. @default 30 per 10 s */
export const DEFAULT_CREDENTIAL_RATE_LIMIT: AuthRateLimit = { window: 10, max: 30 };

/** Fields of better-auth's bodies that our checks read. */
interface CredentialBody {
  email?: unknown;
  name?: unknown;
  password?: unknown;
  newPassword?: unknown;
}

const badRequest = (message: string, field: string) => new APIError('BAD_REQUEST', { code: 'invalid_input', message, field });

export function createAuth(options: CreateAuthOptions) {
  const credentialRateLimit = options.credentialRateLimit ?? DEFAULT_CREDENTIAL_RATE_LIMIT;
  const limiter = options.signInLimiter ?? new SignInLimiter();
  const log = options.logger.child({ module: 'auth' });
  const addressOf = (headers: Headers | undefined) => headers?.get(CLIENT_IP_HEADER) ?? 'unknown';
  return betterAuth({
    appName: 'Mixroom',
    baseURL: options.publicUrl,
    basePath: '/api/auth',
    secret: options.secret,
    trustedOrigins: [options.publicUrl],
    database: drizzleAdapter(options.db, { provider: 'pg', schema: { user, session, account, verification } }),
    emailAndPassword: {
      enabled: true,
      // No mail can be sent from here, so there is nothing to verify with.
      requireEmailVerification: false,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
      autoSignIn: true,
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    databaseHooks: {
      session: {
        delete: {
          after: async (ended) => {
            options.onSessionEnded?.(ended.id);
          },
        },
      },
    },
    rateLimit: {
      // better-auth turns it on only when NODE_ENV=production; we want it everywhere.
      enabled: true,
      storage: 'memory',
      customRules: {
        '/sign-in/*': credentialRateLimit,
        '/sign-up/*': credentialRateLimit,
        '/change-password': credentialRateLimit,
      },
    },
    hooks: {
      // Names are one line; passwords long and not common; failed sign-ins are limited.
      before: createAuthMiddleware(async (ctx) => {
        const body = (ctx.body ?? {}) as CredentialBody;
        if ((ctx.path === '/sign-up/email' || ctx.path === '/update-user') && typeof body.name === 'string' && hasControlChars(body.name)) {
          throw badRequest(controlCharsMessage('name'), 'name');
        }
        for (const field of ['password', 'newPassword'] as const) {
          const password = body[field];
          if ((ctx.path === '/sign-up/email' || ctx.path === '/change-password') && typeof password === 'string') {
            const problem = passwordProblem(password);
            if (problem) throw badRequest(problem, field);
          }
        }
        if (ctx.path === '/sign-in/email' && typeof body.email === 'string') {
          const retryAfter = limiter.retryAfterSec(body.email, addressOf(ctx.headers));
          if (retryAfter !== undefined) {
            throw new APIError(
              'TOO_MANY_REQUESTS',
              { code: 'rate_limited', message: `too many failed sign-ins; try again in ${retryAfter} s` },
              { 'retry-after': String(retryAfter), 'x-retry-after': String(retryAfter) },
            );
          }
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const body = (ctx.body ?? {}) as CredentialBody;
        if (ctx.path !== '/sign-in/email' || typeof body.email !== 'string') return;
        const returned = ctx.context.returned;
        if (isAPIError(returned)) {
          if (returned.statusCode === 401) limiter.failed(body.email, addressOf(ctx.headers));
        } else {
          limiter.succeeded(body.email);
        }
      }),
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: options.publicUrl.startsWith('https:'),
    },
    logger: {
      log: (level, message, ...args) => {
        const fn = level === 'error' ? log.error : level === 'warn' ? log.warn : log.debug;
        fn.call(log, { args }, message);
      },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
