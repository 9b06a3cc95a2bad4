#!/usr/bin/env node
// `npm run start:cluster`: N instances of the bundled server on one machine, on consecutive ports,
// sharing the machine's PostgreSQL and Redis (README "Several instances"). Builds first when the
// build is not current, as `npm start` does. Stops them all on SIGINT or SIGTERM.
//
//   MIXROOM_CLUSTER_SIZE       instances                              (default 2)
//   MIXROOM_CLUSTER_BASE_PORT  port of the first; the others follow   (default 3001)
//   DATABASE_URL               shared PostgreSQL; created if missing  (default postgres://postgres@127.0.0.1:5432/mixroom)
//   REDIS_URL                                                         (default redis://127.0.0.1:6379)
//   MIXROOM_DATA_DIR           instance-<i>/ folders go in here        (default ./data/cluster)
//   BETTER_AUTH_SECRET         shared; generated once into the data folder when absent
//   MIXROOM_BLOB_URL           shared blobs; without it the instances share <data>/blobs on this disk
// Every other variable is passed to every instance as it is.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROOT, buildIsCurrent } from './build-stamp.mjs';

const env = process.env;
const size = Number(env.MIXROOM_CLUSTER_SIZE ?? 2);
const basePort = Number(env.MIXROOM_CLUSTER_BASE_PORT ?? 3001);
if (!Number.isInteger(size) || size < 1 || size > 32) fail('MIXROOM_CLUSTER_SIZE must be a whole number from 1 to 32');
if (!Number.isInteger(basePort) || basePort < 1 || basePort + size > 65535) fail('MIXROOM_CLUSTER_BASE_PORT must be a port number');
const databaseUrl = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/mixroom';
const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
const dataDir = path.resolve(env.MIXROOM_DATA_DIR || path.join(ROOT, 'data', 'cluster'));

function fail(message) {
  process.stderr.write(`start:cluster: ${message}\n`);
  process.exit(2);
}

/** Creates the database named in DATABASE_URL when the server has none of that name. */
async function ensureDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database ${name}`);
      process.stdout.write(`start:cluster: created database ${name}\n`);
    }
  } finally {
    await client.end();
  }
}

if (!buildIsCurrent()) {
  process.stdout.write('start:cluster: building (the sources changed since the last build, or there is none)...\n');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail('the build failed; see the output above');
}

fs.mkdirSync(dataDir, { recursive: true });
try {
  await ensureDatabase(databaseUrl);
} catch (err) {
  fail(`cannot reach PostgreSQL at ${databaseUrl}: ${err.message}`);
}
let secret = env.BETTER_AUTH_SECRET;
if (!secret) {
  const file = path.join(dataDir, 'auth-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  secret = fs.readFileSync(file, 'utf8').trim();
}
const sharedBlobs = path.join(dataDir, 'blobs');
if (!env.MIXROOM_BLOB_URL) fs.mkdirSync(sharedBlobs, { recursive: true });

const children = [];
let stopping = false;
for (let i = 0; i < size; i++) {
  const port = basePort + i;
  const instanceDir = path.join(dataDir, `instance-${i + 1}`);
  fs.mkdirSync(instanceDir, { recursive: true });
  // On one machine the instances can share blobs on disk: each one's blobs folder is the shared one.
  const link = path.join(instanceDir, 'blobs');
  if (!env.MIXROOM_BLOB_URL && !fs.existsSync(link)) fs.symlinkSync(sharedBlobs, link, 'dir');
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'main.mjs')], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, MIXROOM_DATA_DIR: instanceDir, BETTER_AUTH_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${i + 1}:${port}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop();
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    process.stdout.write(`${prefix}exited (${signal ?? `code ${code}`})\n`);
    if (!stopping && code !== 0) stop('SIGTERM');
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(stopping ? 0 : 1);
  });
  children.push(child);
}
process.stdout.write(`start:cluster: ${size} instances on ports ${basePort}-${basePort + size - 1}, PostgreSQL ${new URL(databaseUrl).pathname.slice(1)}, Redis ${redisUrl}\n`);

function stop(signal) {
  stopping = true;
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill(signal);
}
process.on('SIGINT', () => stop('SIGTERM'));
process.on('SIGTERM', () => stop('SIGTERM'));
