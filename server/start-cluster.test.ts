import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTrack, readMix } from '../lib/doc';
import { createPostgresDatabase } from '../db/testing/test-databases';
import { APP_ROOT } from './app';
import { request, sessionCookie } from './testing/test-app';
import { connectRoom, synced, until } from './testing/sync-client';

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A base port with `n` free ports after it. */
async function freeRange(n: number): Promise<number> {
  for (let base = 20_000 + Math.floor(Math.random() * 20_000); ; base += n) {
    const free = await Promise.all(Array.from({ length: n }, (_, i) => portFree(base + i)));
    if (free.every(Boolean)) return base;
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-start-cluster-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('npm run start:cluster', () => {
  it('starts two instances on the machine\'s PostgreSQL and Redis that serve one project together, and stops them on SIGTERM', async () => {
    const db = await createPostgresDatabase();
    const base = await freeRange(2);
    const proc = spawn(process.execPath, [path.join(APP_ROOT, 'server', 'start-cluster.mjs')], {
      cwd: APP_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        MIXROOM_CLUSTER_SIZE: '2',
        MIXROOM_CLUSTER_BASE_PORT: String(base),
        HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        REDIS_URL: 'redis://127.0.0.1:6379',
        MIXROOM_REDIS_PREFIX: `start-cluster-${crypto.randomBytes(4).toString('hex')}:`,
        MIXROOM_DATA_DIR: dataDir,
        MIXROOM_DEMO: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
    const [one, two] = [`http://127.0.0.1:${base}`, `http://127.0.0.1:${base + 1}`];
    try {
      await until(() => (out.match(/Mixroom is ready/g) ?? []).length === 2, 'both instances ready', 120_000).catch((err: Error) => {
        throw new Error(`${err.message}; their output:\n${out.slice(-3000)}`);
      });
      for (const url of [one, two]) expect(await (await fetch(`${url}/api/health`)).json()).toMatchObject({ ok: true, db: 'postgres' });
      // A session made on one instance is valid on the other (one database, one shared secret).
      const signUp = await request(one, 'http://localhost:' + base, '/api/auth/sign-up/email', {
        json: { name: 'Cluster Script', email: `script.${Date.now()}@example.com`, password: 'cluster script pw' },
      });
      expect(signUp.status).toBe(200);
      const cookie = sessionCookie(signUp);
      const tokenRes = await request(two, 'http://localhost:' + (base + 1), '/api/tokens', { cookie, json: { name: 'script' } });
      expect(tokenRes.status).toBe(201);
      const { token } = (await tokenRes.json()) as { token: string };
      const project = (await (await request(one, one, '/api/projects', { token, json: { name: 'Shared' } })).json()) as { project: { id: string } };
      const first = connectRoom(one, project.project.id, token);
      const second = connectRoom(two, project.project.id, token);
      try {
        await synced(first);
        await synced(second);
        createTrack(first.doc, 'from-one', { name: 'From one' });
        await until(() => readMix(second.doc).tracks.some((t) => t.id === 'from-one'), 'the edit on the second instance', 20_000);
      } finally {
        first.destroy();
        second.destroy();
      }
      // Both share the blobs folder of the data folder when no MIXROOM_BLOB_URL is given.
      expect(fs.realpathSync(path.join(dataDir, 'instance-2', 'blobs'))).toBe(fs.realpathSync(path.join(dataDir, 'blobs')));
    } finally {
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      await db.drop();
    }
  }, 240_000);
});
