import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createDb, type Database } from '../db/create-db';
import { registerAppContext, unregisterAppContext, INSTANCE_HEADER, type AppContext } from './app-context';
import { CLIENT_IP_HEADER, type AuthRateLimit } from './auth/create-auth';
import { createAppContext } from './create-app-context';
import { ingestFile, measureFile } from './ingest/ingest-file';
import { INGEST_DEFAULTS } from './ingest/ingest-options';
import { handleRenderUpload, matchRenderUpload } from './revisions/render-upload-handler';
import { handleMasteringProjectUpload, handleStemUpload, matchMasteringProjectUpload, matchStemUpload } from './stems/upload-handler';
import { handleReferenceUpload, matchReferenceUpload } from './references/upload-handler';
import { seedDemoSong } from './demo/seed-demo-song';
import type { Config } from './config';
import { createLogger, type Logger } from './log';
import { createMetrics } from './metrics';
import { seedDemo, type DemoLogin } from './services/demo/seed-demo';
import { authenticateUpgrade } from './sync/authenticate-upgrade';
import { DEFAULT_SYNC_LIMITS } from './sync/sync-limits';
import { applySecurityHeaders } from './http/security-headers';
import { createUpgradeRouter, writeStatus, type UpgradeHandler } from './upgrade-router';

/**
 * The uploads our server reads itself, before Next (whose route handlers would buffer or cut a
 * multi-GB body): stems, mastering-only projects with their mix, references and revision
 * renders. True when `req` was one of them.
 */
function serveUpload(req: http.IncomingMessage, res: http.ServerResponse, ctx: AppContext): boolean {
  const deps = { services: ctx.services, publicUrl: ctx.config.publicUrl, maxUploadBytes: ctx.config.maxUploadBytes, log: ctx.log };
  const render = matchRenderUpload(req);
  if (render) {
    void handleRenderUpload(req, res, render, { ...deps, revisions: ctx.revisionContext });
    return true;
  }
  const projectId = matchStemUpload(req);
  if (projectId) {
    void handleStemUpload(req, res, projectId, { ...deps, stems: ctx.stemContext });
    return true;
  }
  if (matchMasteringProjectUpload(req)) {
    void handleMasteringProjectUpload(req, res, { ...deps, stems: ctx.stemContext });
    return true;
  }
  const referenceProject = matchReferenceUpload(req);
  if (referenceProject) {
    void handleReferenceUpload(req, res, referenceProject, { ...deps, stems: ctx.stemContext });
    return true;
  }
  return false;
}

/** Both server/ (source) and dist/ (bundle) sit one level below the project root. */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** How long shutdown waits for requests in flight before cutting them. @default 4000 (the process must exit within 5 s) */
export const SHUTDOWN_GRACE_MS = 4000;

export interface StartAppOptions {
  config: Config;
  log?: Logger;
  /** Project root holding .next and db/migrations. @default APP_ROOT */
  dir?: string;
  /** Sign-in/up rate limit; tests that create many users raise it. @default better-auth's 3 per 10 s */
  credentialRateLimit?: AuthRateLimit;
  /** Database to use instead of opening one from the config (tests share one in-memory PGlite). */
  database?: Database;
}

export interface RunningApp {
  url: string;
  port: number;
  ctx: AppContext;
  demoLogins: DemoLogin[];
  close(): Promise<void>;
}

export function readVersion(dir: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * The composition root: one HTTP server for Next, the API and (via the upgrade router) sync.
 * It listens first and answers 503 until the database is migrated and auth is ready.
 */
export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const { config } = options;
  const dir = options.dir ?? APP_ROOT;
  const log = options.log ?? createLogger(config.logLevel);
  const instanceId = crypto.randomUUID();
  let ctx: AppContext | undefined;
  let nextHandler: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;
  let syncUpgrade: UpgradeHandler = (_req, socket) => writeStatus(socket, 503, 'the server is starting');
  const nextEmitter = new EventEmitter();
  const metrics = createMetrics();
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const headersTimeout = config.syncLimits.upgradeTimeoutMs ?? DEFAULT_SYNC_LIMITS.upgradeTimeoutMs;
  const server = http.createServer(
    {
      // Request heads (upgrades included) must arrive whole within this long: a slowloris client
      // otherwise holds a socket open by sending one header line at a time.
      headersTimeout,
      // Node checks the timeout on this period; its default of 30 s would triple the bound.
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
    },
    (req, res) => {
      // HSTS follows MIXROOM_PUBLIC_URL; without it the origin is http://localhost.
      applySecurityHeaders(req, res, { publicUrl: config.publicUrl, dev: config.dev });
      inFlight++;
      res.on('close', () => {
        inFlight--;
        if (inFlight === 0) drained?.();
      });
      // Overwritten, never trusted from the client: rate limiting keys on it, routes find their app by it.
      req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? 'unknown';
      req.headers[INSTANCE_HEADER] = instanceId;
      if (req.url === '/metrics' && req.method === 'GET') {
        metrics.registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
            res.end(text);
          },
          (err) => {
            log.error({ err }, 'collecting metrics failed');
            res.writeHead(500).end();
          },
        );
        return;
      }
      if (!nextHandler) {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ error: { code: 'unavailable', message: 'the server is starting' } }));
        return;
      }
      if (ctx && serveUpload(req, res, ctx)) return;
      nextHandler(req, res).catch((err) => {
        log.error({ err, url: req.url }, 'request failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    },
  );
  server.on('clientError', (err, socket) => {
    log.debug({ err }, 'client error');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on(
    'upgrade',
    createUpgradeRouter({
      log,
      sync: (req, socket, head) => syncUpgrade(req, socket, head),
      nextEmitter: config.dev ? nextEmitter : undefined,
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const publicUrl = config.publicUrlFromPort ? `http://localhost:${port}` : config.publicUrl;
  const effective: Config = { ...config, port, publicUrl };

  let database: Database | undefined = options.database;
  try {
    database ??= await createDb({
      databaseUrl: config.databaseUrl,
      pgliteDir: path.join(config.dataDir, 'pglite'),
      migrationsDir: path.join(dir, 'db', 'migrations'),
    });
    const app = createAppContext({
      config: effective,
      database,
      log,
      metrics: metrics.sync,
      version: readVersion(dir),
      credentialRateLimit: options.credentialRateLimit,
      ingest: (request) => ingestFile({ timeLimitSec: config.ingestTimeLimitSec, ...request }),
      measure: (file, options) => measureFile(file, { timeLimitSec: config.ingestTimeLimitSec, workerHeapMb: INGEST_DEFAULTS.workerHeapMb, ...options }),
    });
    ctx = app;
    const { auth, services, sync } = app;
    registerAppContext(instanceId, app);

    app.webhookDispatcher.start();
    const demoLogins = config.demo ? await seedDemo({ auth, services, db: database.db, log }) : [];

    const { default: next } = await import('next');
    const nextApp = next({ dev: config.dev, dir, hostname: 'localhost', port, httpServer: nextEmitter as http.Server });
    await nextApp.prepare();
    syncUpgrade = (req, socket, head) =>
      sync.handleUpgrade(req, socket, head, () => authenticateUpgrade(req, { db: app.database.db, services, publicUrl }));
    nextHandler = nextApp.getRequestHandler();

    // The demo song is synthesised and ingested in the background: /api/health never waits for it.
    const seeding = new AbortController();
    const seeded = config.demo
      ? seedDemoSong(app, seeding.signal).then(
          (added) => added.length > 0 && log.info({ stems: added }, 'demo song ready'),
          (err) => !seeding.signal.aborted && log.warn({ err }, 'seeding the demo song failed; the next start tries again'),
        )
      : Promise.resolve();

    const drainRequests = async () => {
      if (inFlight === 0) return;
      await Promise.race([
        new Promise<void>((resolve) => (drained = resolve)),
        new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref()),
      ]);
    };
    const close = async () => {
      seeding.abort();
      server.close();
      server.closeIdleConnections();
      // Sync sockets are told to reconnect elsewhere while requests in flight finish.
      await Promise.all([sync.close(), app.webhookDispatcher.close(), drainRequests(), Promise.race([seeded, new Promise((r) => setTimeout(r, 2000).unref())])]);
      server.closeAllConnections();
      unregisterAppContext(instanceId);
      await nextApp.close().catch((err) => log.warn({ err }, 'closing Next failed'));
      if (!options.database) await database?.close();
    };
    return { url: `http://localhost:${port}`, port, ctx: app, demoLogins, close };
  } catch (err) {
    await ctx?.webhookDispatcher.close();
    server.close();
    server.closeAllConnections();
    unregisterAppContext(instanceId);
    if (!options.database) await database?.close().catch(() => undefined);
    throw err;
  }
}
