import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/create-db';
import type { AppContext } from './app-context';
import { resolveAuthSecret } from './auth/auth-secret';
import { createAuth, type AuthRateLimit } from './auth/create-auth';
import type { Config } from './config';
import type { IngestRequest, IngestResult } from './ingest/ingest-options';
import type { Logger } from './log';
import type { SyncMetrics } from './sync/sync-metrics';
import { createServices } from './services/create-services';
import { credentialsExpireAt, sessionCredential } from './services/credentials';
import { createStemService } from './stems/create-stem-service';
import { createReferenceService } from './references/create-reference-service';
import { collectStemGarbage, removeUnusedBlobs, touchesStemReferences, type StemContext } from './stems/stems';
import { createBlobStore } from './storage/create-blob-store';
import { createDocStore } from './sync/doc-store';
import { SyncServer } from './sync/sync-server';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimiter } from './auth/sign-in-limiter';
import { initMaster } from '../lib/doc/doc-accessors';
import { createRevisionService } from './revisions/create-revision-service';
import type { RevisionContext } from './revisions/revision-renders';
import { createReviewService } from './review/create-review-service';
import { WebhookDispatcher } from './review/webhook-dispatcher';

/** How long PGlite's save queue gathers updates before a commit (SaveQueueOptions.batchWindowMs). @default 20 */
export const PGLITE_SAVE_BATCH_WINDOW_MS = 20;
/**
 * The same for PostgreSQL, under load only (more than BATCH_MIN_UPDATES in the window). Each
 * commit is a round trip and a socket write whatever its size: at 1,000 updates/s, 10 ms turns
 * hundreds of commits a second into about a hundred, for at most 10 ms more before Saved.
 * @default 10
 */
export const POSTGRES_SAVE_BATCH_WINDOW_MS = 10;

export interface CreateAppContextOptions {
  config: Config;
  database: Database;
  log: Logger;
  metrics: SyncMetrics;
  version: string;
  credentialRateLimit?: AuthRateLimit;
  ingest: (request: IngestRequest) => Promise<IngestResult>;
  /** Measures an uploaded revision render off the main thread. */
  measure: RevisionContext['measure'];
}

/** Wires the process's parts together: auth, sync, storage and the use cases. */
export function createAppContext(options: CreateAppContextOptions): AppContext {
  const { config, database, log } = options;
  const db = database.db;
  const base = { db, publicUrl: config.publicUrl, now: () => new Date() };
  const auth = createAuth({
    db,
    secret: resolveAuthSecret(config.authSecret, config.dataDir),
    publicUrl: config.publicUrl,
    logger: log,
    credentialRateLimit:
      options.credentialRateLimit ?? (config.authAttemptsPer10s ? { window: 10, max: config.authAttemptsPer10s } : undefined),
    signInLimiter: new SignInLimiter({ ...DEFAULT_SIGN_IN_LIMITS, ...config.signInLimits }),
    onSessionEnded: (sessionId) => sync.endCredential(sessionCredential(sessionId)),
  });
  const tmpDir = path.join(config.dataDir, 'tmp');
  // Leftovers of a process that died mid-upload: nothing in here outlives its request.
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.mkdirSync(tmpDir, { recursive: true });
  const blobs = createBlobStore(config);
  let stemCtx: StemContext | undefined;
  const collect = (projectId: string) =>
    stemCtx && void collectStemGarbage(stemCtx, projectId).catch((err) => log.warn({ err, projectId }, 'stem garbage collection failed'));
  const sync = new SyncServer({
    store: createDocStore(db),
    log: log.child({ module: 'sync' }),
    limits: config.syncLimits,
    metrics: options.metrics,
    // The embedded database pays per commit, not per row: under load, gather 20 ms of updates into one.
    saveBatchWindowMs: database.kind === 'pglite' ? PGLITE_SAVE_BATCH_WINDOW_MS : POSTGRES_SAVE_BATCH_WINDOW_MS,
    cluster: config.redisUrl ? { redisUrl: config.redisUrl, prefix: config.redisPrefix, healIntervalMs: config.clusterHealMs } : undefined,
    credentialsExpireAt: (credentialIds) => credentialsExpireAt(base, credentialIds),
    onChanges: (projectId, changes) => {
      if (touchesStemReferences(changes)) collect(projectId);
    },
  });
  stemCtx = { ...base, blobs, sync, ingest: options.ingest, tmpDir, log: log.child({ module: 'stems' }) };
  const stemsCtx = stemCtx;
  const services = createServices(
    {
      ...base,
      events: {
        // The master section's maps exist before anyone edits them (SPEC L4, L17). Should this
        // fail, the project is still there: the maps are then made by the first master edit.
        projectCreated: async (projectId, leadUserId) => {
          try {
            const result = await sync.editAs(projectId, { userId: leadUserId, role: 'lead' }, (doc) => initMaster(doc));
            if (!result.ok) log.warn({ projectId, code: result.code, reason: result.message }, 'the master section of a new project was refused');
          } catch (err) {
            log.warn({ err, projectId }, 'could not create the master section of a new project');
          }
        },
        memberChanged: (projectId, userId, role) => sync.updateMember(projectId, userId, role),
        credentialEnded: (credentialId) => sync.endCredential(credentialId),
        projectDeleted: (projectId, shas) => {
          sync.closeProject(projectId);
          void removeUnusedBlobs(stemsCtx, shas).catch((err) => log.warn({ err, projectId }, 'removing blobs failed'));
        },
      },
    },
    auth,
  );
  const webhookDispatcher = new WebhookDispatcher({ db, log: log.child({ module: 'webhooks' }), allowPrivate: config.allowPrivateWebhooks, retryMs: config.webhookRetryMs });
  const onWebhookQueued = () => webhookDispatcher.wake();
  const revisionContext: RevisionContext = { ...stemCtx, log: log.child({ module: 'revisions' }), measure: options.measure, onWebhookQueued };
  return {
    config,
    log,
    database,
    auth,
    services,
    sync,
    stems: createStemService(stemCtx),
    references: createReferenceService(stemCtx),
    stemContext: stemCtx,
    revisions: createRevisionService(revisionContext),
    revisionContext,
    review: createReviewService({ db, now: base.now, onWebhookQueued, allowPrivateWebhooks: config.allowPrivateWebhooks }),
    webhookDispatcher,
    version: options.version,
  };
}
