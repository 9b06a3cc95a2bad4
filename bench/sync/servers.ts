import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOST = '127.0.0.1';

/** Work to undo at the end, in reverse order, even after an error or Ctrl-C. */
const cleanups: Array<{ what: string; run: () => Promise<void> | void }> = [];

export function onCleanup(what: string, run: () => Promise<void> | void): () => void {
  const entry = { what, run };
  cleanups.push(entry);
  return () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export async function cleanupAll(): Promise<void> {
  while (cleanups.length > 0) {
    const { what, run } = cleanups.pop()!;
    try {
      await run();
    } catch (err) {
      process.stderr.write(`cleanup of ${what} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
}

export function checkBuild(): void {
  const missing = [path.join(ROOT, 'dist', 'main.mjs'), path.join(ROOT, '.next', 'BUILD_ID')].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(`no production build (${missing.map((f) => path.relative(ROOT, f)).join(', ')} missing): run \`npm run build\` first`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  /** The last 32 KB of its stdout and stderr. */
  output(): string;
  /** Set once the process exited (code or signal). */
  exitedWith(): string | undefined;
  stop(): Promise<void>;
}

function track(name: string, proc: ChildProcess, url: string): ServerProcess {
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-32_768);
  };
  // Always drain the pipes: a full pipe would block the server's logging, and the server with it.
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) =>
    proc.once('exit', (code, signal) => {
      exited = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    proc.kill('SIGTERM');
    const killer = setTimeout(() => proc.kill('SIGKILL'), 8000);
    await exit;
    clearTimeout(killer);
  };
  const forget = onCleanup(`${name} (pid ${proc.pid})`, stop);
  return {
    name,
    pid: proc.pid!,
    url,
    output: () => out,
    exitedWith: () => exited,
    stop: async () => {
      forget();
      await stop();
    },
  };
}

async function waitFor(check: () => Promise<boolean>, what: string, proc: ServerProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitedWith()) throw new Error(`${proc.name} exited (${proc.exitedWith()}) before ${what}:\n${proc.output()}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Our production bundle, `node dist/main.mjs`, with the gate and persistence as shipped. */
export async function startOurs(
  db: { kind: 'pglite' } | { kind: 'postgres'; url: string },
  extraEnv: Record<string, string> = {},
  name = `our server (${db.kind})`,
): Promise<ServerProcess & { dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mixroom-bench-'));
  onCleanup(`data folder ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    HOST,
    PORT: String(port),
    MIXROOM_PUBLIC_URL: url,
    MIXROOM_DATA_DIR: dataDir,
    MIXROOM_DEMO: '0',
    LOG_LEVEL: 'info',
  };
  if (db.kind === 'postgres') env.DATABASE_URL = db.url;
  Object.assign(env, extraEnv);
  // BENCH_NODE_ARGS: flags for our server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under this load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'dist', 'main.mjs')], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const server = track(name, proc, url);
  await waitFor(async () => (await fetch(`${url}/api/health`)).status === 200, 'the health check', server, 60_000);
  return { ...server, dataDir };
}

/** y-websocket 1.5.4's setupWSConnection in its own process (bench/sync/reference-server.cjs). */
export async function startReference(): Promise<ServerProcess> {
  const port = await freePort();
  // BENCH_REFERENCE_NODE_ARGS: the same for the reference server (a profile to compare with ours).
  const nodeArgs = (process.env.BENCH_REFERENCE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bench', 'sync', 'reference-server.cjs')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = track('reference server', proc, `http://${HOST}:${port}`);
  await waitFor(async () => server.output().includes('READY'), 'READY', server, 15_000);
  return server;
}

/** @hocuspocus/server with no extension, in its own process (bench/sync/hocuspocus-server.mjs). */
export async function startHocuspocus(): Promise<ServerProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, [path.join(ROOT, 'bench', 'sync', 'hocuspocus-server.mjs')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = track('hocuspocus', proc, `http://${HOST}:${port}`);
  await waitFor(async () => server.output().includes('READY'), 'READY', server, 15_000);
  return server;
}

export interface BenchDatabase {
  url: string;
  name: string;
  /** pids of the PostgreSQL backends serving this database right now. */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
}

/** A fresh database in the machine's PostgreSQL, dropped at the end (also on error). */
export async function createPgDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `mixroom_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  admin.on('error', () => undefined);
  await admin.query(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    try {
      await admin.query(`drop database if exists ${name} with (force)`);
    } finally {
      await admin.end().catch(() => undefined);
    }
  };
  const forget = onCleanup(`database ${name}`, drop);
  return {
    url: u.toString(),
    name,
    async backendPids() {
      const res = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name]);
      return res.rows.map((r) => r.pid);
    },
    async drop() {
      forget();
      await drop();
    },
  };
}
