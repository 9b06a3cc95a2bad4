import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, postgresReachable } from '../db/testing/test-databases';
import { runServerToExit, spawnServer, type SpawnedServer } from './testing/spawn-server';
import { until } from './testing/sync-client';
import { sessionCookie } from './testing/test-app';

const dirs: string[] = [];
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-main-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function signInDemoLead(server: SpawnedServer): Promise<{ cookie: string; projectId: string }> {
  const password = /lead@demo\.mixroom\s+(\S+)/.exec(server.output())![1];
  const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email: 'lead@demo.mixroom', password }),
  });
  const cookie = sessionCookie(res);
  const { projects } = (await (await fetch(`${server.url}/api/projects`, { headers: { cookie } })).json()) as { projects: { id: string }[] };
  return { cookie, projectId: projects[0].id };
}

/** Names of the demo project's tracks that have audio, in track order. */
async function demoTracks(server: SpawnedServer, lead: { cookie: string; projectId: string }): Promise<string[]> {
  const res = await fetch(`${server.url}/api/projects/${lead.projectId}/mix`, { headers: { cookie: lead.cookie } });
  const { mix } = (await res.json()) as { mix: { tracks: { name: string; stemId: string | null }[] } };
  return mix.tracks.filter((t) => t.stemId).map((t) => t.name);
}

describe('the server process', () => {
  it('starts on PGlite, seeds the demo once (its song in the background, resumed after a stop), refuses a second process on the same folder, and stops on SIGTERM', async () => {
    const dir = dataDir();
    const first = await spawnServer({ MIXROOM_DATA_DIR: dir });
    try {
      const health = await fetch(`${first.url}/api/health`);
      expect(await health.json()).toMatchObject({ ok: true, db: 'pglite' });
      expect(first.output()).toMatch(/lead\s+lead@demo\.mixroom\s+\S{8,}/);
      expect(first.output()).toMatch(/reviewer\s+reviewer@demo\.mixroom/);

      const second = await runServerToExit({ MIXROOM_DATA_DIR: dir });
      expect(second.code).not.toBe(0);
      expect(second.output).toContain(path.join(dir, 'mixroom.lock'));
      expect(second.output).toContain(`held by process ${first.proc.pid}`);
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

      // The demo song is being seeded in the background: stop in the middle of it.
      const lead = await signInDemoLead(first);
      await until(async () => (await demoTracks(first, lead)).length >= 1, 'the first demo stem', 60_000);
      first.kill('SIGTERM');
      // 0, not 1: main.ts exits with 1 when graceful shutdown misses its 5 s deadline.
      expect(await first.exited).toBe(0);
      expect(fs.existsSync(path.join(dir, 'mixroom.lock'))).toBe(false);
    } finally {
      first.kill('SIGKILL');
    }

    // Second start on the same folder: the same demo logins, no second demo project.
    const again = await spawnServer({ MIXROOM_DATA_DIR: dir });
    try {
      const login = /lead@demo\.mixroom\s+(\S+)/.exec(again.output())![1];
      const res = await fetch(`${again.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: again.url },
        body: JSON.stringify({ email: 'lead@demo.mixroom', password: login }),
      });
      expect(res.status).toBe(200);
      const cookie = sessionCookie(res);
      const projects = (await (await fetch(`${again.url}/api/projects`, { headers: { cookie } })).json()) as {
        projects: { name: string }[];
      };
      expect(projects.projects.map((p) => p.name)).toEqual(['Demo song']);
      // Seeding resumed and finished: each stem once, ready to mix.
      const lead = { cookie, projectId: (projects.projects[0] as unknown as { id: string }).id };
      await until(async () => (await demoTracks(again, lead)).length === 6, 'all six demo stems', 120_000);
      expect(await demoTracks(again, lead)).toEqual(['Drums', 'Bass', 'Keys', 'Pad', 'Lead', 'Voice']);
    } finally {
      again.kill('SIGTERM');
      await again.exited;
    }
  }, 240_000);

  it('takes over the lock of a process that died with SIGKILL', async () => {
    const dir = dataDir();
    const first = await spawnServer({ MIXROOM_DATA_DIR: dir, MIXROOM_DEMO: '0' });
    first.kill('SIGKILL');
    await first.exited;
    expect(fs.existsSync(path.join(dir, 'mixroom.lock'))).toBe(true);
    const second = await spawnServer({ MIXROOM_DATA_DIR: dir, MIXROOM_DEMO: '0' });
    expect((await fetch(`${second.url}/api/health`)).status).toBe(200);
    second.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses a data folder whose database lost PG_VERSION (exit 3, naming it) and leaves the folder as it was', async () => {
    const dir = dataDir();
    const first = await spawnServer({ MIXROOM_DATA_DIR: dir, MIXROOM_DEMO: '0' });
    first.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const pglite = path.join(dir, 'pglite');
    fs.rmSync(path.join(pglite, 'PG_VERSION'));
    const before = fs.readdirSync(pglite).sort();
    const result = await runServerToExit({ MIXROOM_DATA_DIR: dir, MIXROOM_DEMO: '0' });
    expect(result.code).toBe(3);
    expect(result.output).toContain(`${pglite} exists but is not a complete PGlite database: PG_VERSION is missing`);
    expect(fs.readdirSync(pglite).sort()).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'mixroom.lock'))).toBe(false);
  });

  it('uses PostgreSQL when DATABASE_URL is set', async () => {
    if (!(await postgresReachable())) throw new Error('PostgreSQL is not reachable; .ci/run starts it');
    const pg = await createPostgresDatabase();
    try {
      const server = await spawnServer({ MIXROOM_DATA_DIR: dataDir(), DATABASE_URL: pg.url, MIXROOM_DEMO: '0' });
      try {
        expect(await (await fetch(`${server.url}/api/health`)).json()).toMatchObject({ ok: true, db: 'postgres' });
      } finally {
        server.kill('SIGTERM');
        await server.exited;
      }
    } finally {
      await pg.drop();
    }
  });

  it('exits with a clear message on invalid configuration', async () => {
    const result = await runServerToExit({ PORT: 'abc', MIXROOM_DATA_DIR: dataDir() });
    expect(result.code).toBe(2);
    expect(result.output).toContain('PORT: must be a number');
  });
});
