import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Logger } from 'pino';
import type { Db } from '../../db/create-db';
import { account, session, user, verification } from '../../db/schema';
import { MIN_PASSWORD_LENGTH } from '../../lib/api/dto';

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
   * Limit for sign-in, sign-up and change-password per client address.
   * @default better-auth's own: 3 requests per 10 s (429 with `X-Retry-After`)
   */
  credentialRateLimit?: AuthRateLimit;
}

export function createAuth(options: CreateAuthOptions) {
  const { credentialRateLimit } = options;
  const log = options.logger.child({ module: 'auth' });
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
    rateLimit: {
      // better-auth turns it on only when NODE_ENV=production; we want it everywhere.
      enabled: true,
      storage: 'memory',
      customRules: credentialRateLimit
        ? {
            '/sign-in/*': credentialRateLimit,
            '/sign-up/*': credentialRateLimit,
            '/change-password': credentialRateLimit,
          }
        : undefined,
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
