import { z } from 'zod';
import path from 'node:path';
import type { SyncLimits } from './sync/sync-limits';
import type { SignInLimits } from './auth/sign-in-limiter';
import { parseS3Url, type S3Location } from './storage/s3-blob-store';

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The only reader of process.env. Everything else receives a `Config`.
 * Each option documents its default and why.
 */
const boolFlag = z
  .enum(['0', '1', 'true', 'false', 'on', 'off', 'yes', 'no'], {
    message: 'expected one of 0, 1, true, false, on, off, yes, no',
  })
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const positiveInt = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive');

const envSchema = z.object({
  /** @default 3000 */
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(3000),
  /** Interface to listen on. @default '0.0.0.0' (every interface) */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Folder for the embedded database, blobs and the generated auth secret. @default './data' */
  MIXROOM_DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL instead of the embedded PGlite. @default undefined */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Redis for several instances: live updates, presence and membership changes cross through it. @default undefined (one instance) */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  /** Prefix of this deployment's Redis channels (several deployments on one Redis). @default 'mixroom:' */
  MIXROOM_REDIS_PREFIX: z.string().min(1).max(64).default('mixroom:'),
  /** How often instances holding a room compare state vectors to heal dropped messages. @default 3000 */
  MIXROOM_CLUSTER_HEAL_MS: positiveInt.default(3000),
  /**
   * Blob storage shared by every instance: `s3://bucket[/prefix]?endpoint=https://...&region=...`
   * (an S3-compatible store; keys from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or the SDK's
   * usual chain). @default undefined: files under $MIXROOM_DATA_DIR/blobs (one instance only)
   */
  MIXROOM_BLOB_URL: z
    .string()
    .transform((url, ctx) => {
      try {
        return parseS3Url(url);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  /** S3 keys; when absent the AWS SDK looks in its usual places (profiles, instance roles). */
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
  /** The app's origin as browsers see it: auth cookies and the CSRF/Origin checks use it. @default http://localhost:$PORT */
  MIXROOM_PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://mix.example.com' }).optional(),
  /** Secret that signs sessions; when absent one is generated once and kept in the data folder. */
  BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Create demo users and a demo project on first start. @default on */
  MIXROOM_DEMO: boolFlag.default(true),
  /** Log level for pino. @default 'info' */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `development` runs Next in dev mode with hot reload. @default 'production' */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** Sign-in/up/change-password requests per client address per 10 s, whatever their outcome. @default 30 */
  MIXROOM_AUTH_ATTEMPTS_PER_10S: positiveInt.optional(),
  /** Failed sign-ins per account per 15 minutes. @default 5 */
  MIXROOM_AUTH_FAILURES_PER_ACCOUNT: positiveInt.optional(),
  /** Failed sign-ins per client address per 15 minutes (ten people behind one address, a few typos each). @default 50 */
  MIXROOM_AUTH_FAILURES_PER_ADDRESS: positiveInt.optional(),
  /** Wall-clock limit of decoding one upload; the worker is terminated past it. @default 120 */
  MIXROOM_INGEST_TIME_LIMIT_SEC: z.coerce.number({ message: 'must be a number' }).positive('must be positive').default(120),
  /** Largest stem upload in bytes, enforced while streaming. @default 2 GiB */
  MIXROOM_MAX_UPLOAD_BYTES: positiveInt.default(2 * 1024 ** 3),
  // Sync limits (server/sync/sync-limits.ts documents each default and its reason).
  MIXROOM_SYNC_MAX_MESSAGE_BYTES: positiveInt.optional(),
  MIXROOM_SYNC_MESSAGES_PER_SEC: positiveInt.optional(),
  MIXROOM_SYNC_BYTES_PER_SEC: positiveInt.optional(),
  MIXROOM_SYNC_MAX_AWARENESS_BYTES: positiveInt.optional(),
  MIXROOM_SYNC_MAX_CONNECTIONS: positiveInt.optional(),
  MIXROOM_SYNC_IDLE_TIMEOUT_MS: positiveInt.optional(),
  MIXROOM_SYNC_UPGRADE_TIMEOUT_MS: positiveInt.optional(),
  MIXROOM_SYNC_RATE_LIMIT_COOLDOWN_MS: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').optional(),
  MIXROOM_SYNC_SAVE_QUEUE_MAX_BYTES: positiveInt.optional(),
  MIXROOM_SYNC_AUTH_GRACE_MS: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').optional(),
  /** Webhooks may target loopback and private addresses (a receiver on the same network, tests). @default off */
  MIXROOM_WEBHOOK_ALLOW_PRIVATE: boolFlag.default(false),
  /** First delay before a failed webhook delivery is tried again; doubles each time up to 10 minutes. @default 1000 */
  MIXROOM_WEBHOOK_RETRY_MS: positiveInt.default(1000),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  redisPrefix: string;
  clusterHealMs: number;
  /** S3-compatible blob storage; undefined keeps blobs on local disk. */
  blobStore?: S3Location & { credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } };
  /** Origin without a trailing slash, e.g. `http://localhost:3000`. */
  publicUrl: string;
  /** True when MIXROOM_PUBLIC_URL was not given, so the origin follows the port actually bound. */
  publicUrlFromPort: boolean;
  authSecret?: string;
  demo: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  dev: boolean;
  /** Overrides of the sync limits' defaults. */
  syncLimits: Partial<SyncLimits>;
  maxUploadBytes: number;
  ingestTimeLimitSec: number;
  /** Credential requests per address per 10 s; undefined keeps DEFAULT_CREDENTIAL_RATE_LIMIT. */
  authAttemptsPer10s?: number;
  /** Webhooks may target loopback and private addresses. */
  allowPrivateWebhooks: boolean;
  webhookRetryMs: number;
  /** Overrides of the failed sign-in limits' defaults. */
  signInLimits: Partial<SignInLimits>;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings in the environment mean "not set" (e.g. `DATABASE_URL= npm start`).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new ConfigError(['REDIS_URL: several instances must share one PostgreSQL (DATABASE_URL); the embedded PGlite belongs to one process']);
  }
  const publicUrl = (e.MIXROOM_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.MIXROOM_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.MIXROOM_REDIS_PREFIX,
    clusterHealMs: e.MIXROOM_CLUSTER_HEAL_MS,
    blobStore: e.MIXROOM_BLOB_URL && {
      ...e.MIXROOM_BLOB_URL,
      credentials:
        e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
          ? { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY, sessionToken: e.AWS_SESSION_TOKEN }
          : undefined,
    },
    publicUrl: new URL(publicUrl).origin,
    publicUrlFromPort: e.MIXROOM_PUBLIC_URL === undefined,
    authSecret: e.BETTER_AUTH_SECRET,
    demo: e.MIXROOM_DEMO,
    logLevel: e.LOG_LEVEL,
    dev: e.NODE_ENV === 'development',
    maxUploadBytes: e.MIXROOM_MAX_UPLOAD_BYTES,
    ingestTimeLimitSec: e.MIXROOM_INGEST_TIME_LIMIT_SEC,
    authAttemptsPer10s: e.MIXROOM_AUTH_ATTEMPTS_PER_10S,
    allowPrivateWebhooks: e.MIXROOM_WEBHOOK_ALLOW_PRIVATE,
    webhookRetryMs: e.MIXROOM_WEBHOOK_RETRY_MS,
    signInLimits: dropUndefined({ perAccount: e.MIXROOM_AUTH_FAILURES_PER_ACCOUNT, perAddress: e.MIXROOM_AUTH_FAILURES_PER_ADDRESS }),
    syncLimits: dropUndefined({
      maxMessageBytes: e.MIXROOM_SYNC_MAX_MESSAGE_BYTES,
      messagesPerSec: e.MIXROOM_SYNC_MESSAGES_PER_SEC,
      bytesPerSec: e.MIXROOM_SYNC_BYTES_PER_SEC,
      maxAwarenessStateBytes: e.MIXROOM_SYNC_MAX_AWARENESS_BYTES,
      maxConnections: e.MIXROOM_SYNC_MAX_CONNECTIONS,
      idleTimeoutMs: e.MIXROOM_SYNC_IDLE_TIMEOUT_MS,
      upgradeTimeoutMs: e.MIXROOM_SYNC_UPGRADE_TIMEOUT_MS,
      rateLimitCooldownMs: e.MIXROOM_SYNC_RATE_LIMIT_COOLDOWN_MS,
      saveQueueMaxBytes: e.MIXROOM_SYNC_SAVE_QUEUE_MAX_BYTES,
      authGraceMs: e.MIXROOM_SYNC_AUTH_GRACE_MS,
    }),
  };
}
