import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../config';
import { startApp, type RunningApp, APP_ROOT } from '../app';
import { createLogger } from '../log';
import type { Database } from '../../db/create-db';
import { createDb } from '../../db/create-db';

export interface TestApp extends RunningApp {
  dataDir: string;
  /** fetch against the app; sets the app's Origin unless `origin: null`. */
  request(p: string, init?: RequestOptions): Promise<Response>;
}

export interface RequestOptions {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  cookie?: string;
  token?: string;
  /** The Origin header to send; `null` sends none. @default the app's own origin */
  origin?: string | null;
}

export interface StartTestAppOptions {
  env?: Record<string, string>;
  database?: Database;
  /** Reuse a data folder (and with it the auth secret), as a restart does. @default a new temporary one */
  dataDir?: string;
  /**
   * Sign-in/up limit; `'default'` keeps better-auth's own.
   * @default a generous limit: tests create many users from one address
   */
  credentialRateLimit?: { window: number; max: number } | 'default';
}

/**
 * The real server on port 0 with a temporary data folder and an in-memory PGlite. Needs a Next
 * production build (`npm run build`), as `npm test` makes before running the suites.
 */
export async function startTestApp(options: StartTestAppOptions = {}): Promise<TestApp> {
  if (!fs.existsSync(path.join(APP_ROOT, '.next', 'BUILD_ID'))) {
    throw new Error('No Next build: run `npm run build` first (npm test does it for you).');
  }
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-test-'));
  const config: Config = loadConfig({ PORT: '0', HOST: '127.0.0.1', MIXROOM_DATA_DIR: dataDir, MIXROOM_DEMO: '0', ...options.env });
  const database = options.database ?? (await createDb({}));
  const app = await startApp({
    config,
    log: createLogger('silent'),
    database,
    credentialRateLimit:
      options.credentialRateLimit === 'default' ? undefined : (options.credentialRateLimit ?? { window: 10, max: 1000 }),
  });
  return {
    ...app,
    dataDir,
    request: (p, init = {}) => request(app.url, app.ctx.config.publicUrl, p, init),
    async close() {
      await app.close();
      if (!options.database) await database.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function request(baseUrl: string, origin: string, p: string, init: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.origin !== null) headers.origin = init.origin ?? origin;
  if (init.cookie) headers.cookie = init.cookie;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  return fetch(`${baseUrl}${p}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  cookie: string;
}

let counter = 0;

/** Signs a new user up through the public better-auth route and returns their session cookie. */
export async function signUp(app: TestApp, name = `User ${++counter}`): Promise<TestUser> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${Date.now()}.${counter}@example.com`;
  const password = 'correct horse battery';
  const res = await app.request('/api/auth/sign-up/email', { json: { name, email, password } });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  return { id: body.user.id, email, name, password, cookie: sessionCookie(res) };
}

export function sessionCookie(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export async function createToken(app: TestApp, user: TestUser, name = 'test'): Promise<string> {
  const res = await app.request('/api/tokens', { cookie: user.cookie, json: { name } });
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
