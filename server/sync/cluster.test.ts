import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTrack, ensureRoots, readMix } from '../../lib/doc';
import { createDb } from '../../db/create-db';
import type { ClientRoom } from '../../lib/sync/client-room';
import { createPostgresDatabase } from '../../db/testing/test-databases';
import { request, sessionCookie } from '../testing/test-app';
import { spawnServer, type SpawnedServer } from '../testing/spawn-server';
import { connectRoom, synced, until } from '../testing/sync-client';
import { startTestRedis, type TestRedis } from '../testing/redis-server';
import { startTestPostgres, type TestPostgres } from '../testing/postgres-server';
import { createDocStore } from './doc-store';
import { startTcpBalancer, type TcpBalancer } from '../testing/tcp-balancer';

// Several instances with real processes: `node dist/main.mjs` twice on one PostgreSQL database of
// the test's own and Redis (PROTOCOL C1-C8). Needs `npm run build`.

const SECRET = crypto.randomBytes(24).toString('hex');
const folders: string[] = [];
const rooms: ClientRoom[] = [];
afterAll(() => {
  rooms.forEach((r) => r.destroy());
  for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
});

function instance(env: Record<string, string>): Promise<SpawnedServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-cluster-'));
  folders.push(dataDir);
  return spawnServer({ MIXROOM_DATA_DIR: dataDir, MIXROOM_DEMO: '0', BETTER_AUTH_SECRET: SECRET, MIXROOM_CLUSTER_HEAL_MS: '500', ...env });
}

async function stop(server: SpawnedServer | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!server || server.proc.exitCode !== null || server.proc.signalCode !== null) return;
  server.kill(signal);
  await server.exited;
}

interface Account {
  userId: string;
  email: string;
  token: string;
  cookie: string;
  projectId: string;
}

async function account(url: string, name: string): Promise<Account> {
  const api = (p: string, init: Parameters<typeof request>[3] = {}) => request(url, url, p, init);
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}.${crypto.randomBytes(4).toString('hex')}@example.com`;
  const signUp = await api('/api/auth/sign-up/email', { json: { name, email, password: 'cluster password 1' } });
  if (signUp.status !== 200) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
  const cookie = sessionCookie(signUp);
  const userId = ((await signUp.json()) as { user: { id: string } }).user.id;
  const project = (await (await api('/api/projects', { cookie, json: { name: `${name}'s song` } })).json()) as { project: { id: string } };
  const { token } = (await (await api('/api/tokens', { cookie, json: { name: 'cluster' } })).json()) as { token: string };
  return { userId, email, token, cookie, projectId: project.project.id };
}

function open(url: string, projectId: string, token: string): ClientRoom {
  const room = connectRoom(url, projectId, token);
  rooms.push(room);
  return room;
}

const trackIds = (room: ClientRoom) => new Set(readMix(room.doc).tracks.map((t) => t.id));
const hasAll = (room: ClientRoom, ids: readonly string[]) => {
  const have = trackIds(room);
  return ids.every((id) => have.has(id));
};

describe('several instances on PostgreSQL and the machine\'s Redis', () => {
  let db: { url: string; drop(): Promise<void> };
  let a: SpawnedServer;
  let b: SpawnedServer;
  let lead: Account;

  beforeAll(async () => {
    db = await createPostgresDatabase();
    const env = { DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379', MIXROOM_REDIS_PREFIX: `mixroom-test-${crypto.randomBytes(4).toString('hex')}:` };
    a = await instance(env);
    b = await instance(env);
    lead = await account(a.url, 'Cluster Lead');
  }, 180_000);
  afterAll(async () => {
    await stop(a);
    await stop(b);
    await db?.drop();
  });

  it('C2, C3: edits made on both instances reach every client on both, and each is stored once', async () => {
    const onA = open(a.url, lead.projectId, lead.token);
    const onB = open(b.url, lead.projectId, lead.token);
    await synced(onA);
    await synced(onB);
    const made: string[] = [];
    for (let i = 0; i < 20; i++) {
      const [room, id] = i % 2 === 0 ? [onA, `a${i}`] : [onB, `b${i}`];
      createTrack(room.doc, id, { name: id });
      made.push(id);
    }
    await until(() => hasAll(onA, made) && hasAll(onB, made), 'both clients to hold every edit', 30_000);
    await until(() => onA.snapshot.save === 'saved' && onB.snapshot.save === 'saved', 'Saved on both', 30_000);
    // Stored once: a fresh client of either instance after both let the room go finds each track once.
    onA.destroy();
    onB.destroy();
    const check = open(b.url, lead.projectId, lead.token);
    await synced(check);
    const names = readMix(check.doc).tracks.map((t) => t.id).filter((id) => made.includes(id));
    expect(names.sort()).toEqual([...made].sort());
    check.destroy();
  }, 120_000);

  it('C4: presence set on one instance shows on the other, with the server-stamped identity', async () => {
    const onA = open(a.url, lead.projectId, lead.token);
    const onB = open(b.url, lead.projectId, lead.token);
    await synced(onA);
    await synced(onB);
    onA.provider.awareness.setLocalStateField('focus', { trackId: 'a0', control: 'gain' });
    const id = onA.doc.clientID;
    await until(() => (onB.provider.awareness.getStates().get(id) as { focus?: { trackId?: string } } | undefined)?.focus?.trackId === 'a0', 'A\'s presence on B', 20_000);
    const state = onB.provider.awareness.getStates().get(id) as { user?: { name?: string } };
    expect(state.user?.name).toBe('Cluster Lead');
    onA.destroy();
    await until(() => !onB.provider.awareness.getStates().has(id), 'A\'s presence gone from B after A left', 40_000);
    onB.destroy();
  }, 120_000);

  it('C7: a member removed through one instance loses the socket held on the other', async () => {
    const mixer = await account(a.url, 'Cluster Mixer');
    const added = await request(a.url, a.url, `/api/projects/${lead.projectId}/members`, { cookie: lead.cookie, json: { email: mixer.email, role: 'mixer' } });
    expect(added.status).toBe(201);
    const onB = open(b.url, lead.projectId, mixer.token);
    await synced(onB);
    const removed = await request(a.url, a.url, `/api/projects/${lead.projectId}/members/${mixer.userId}`, { method: 'DELETE', cookie: lead.cookie });
    expect(removed.status).toBeLessThan(300);
    await until(() => onB.snapshot.closedBy !== null, 'the mixer\'s socket on B closed', 20_000);
    expect(onB.snapshot.closedBy?.code).toBe(4403);
  }, 120_000);
});

describe('several instances: faults (a Redis of the test\'s own)', () => {
  let db: { url: string; drop(): Promise<void> };
  let redis: TestRedis;
  let a: SpawnedServer | undefined;
  let b: SpawnedServer | undefined;
  let balancer: TcpBalancer;
  let lead: Account;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createPostgresDatabase();
    redis = await startTestRedis();
    env = { DATABASE_URL: db.url, REDIS_URL: redis.url, MIXROOM_REDIS_PREFIX: 'faults:' };
    a = await instance(env);
    b = await instance(env);
    balancer = await startTcpBalancer(() => [a, b].filter((s): s is SpawnedServer => !!s && s.proc.exitCode === null && s.proc.signalCode === null).map((s) => s.url));
    lead = await account(a.url, 'Fault Lead');
  }, 180_000);
  afterAll(async () => {
    await balancer?.close();
    await stop(a);
    await stop(b);
    await redis?.stop();
    await db?.drop();
  });

  it('C5: Redis stopped while both instances take edits, then restarted: every client converges', async () => {
    const onA = open(a!.url, lead.projectId, lead.token);
    const onB = open(b!.url, lead.projectId, lead.token);
    await synced(onA);
    await synced(onB);
    createTrack(onA.doc, 'before', { name: 'before' });
    await until(() => hasAll(onB, ['before']), 'the first edit on B', 20_000);
    await redis.stop();
    const made = ['before'];
    for (let i = 0; i < 10; i++) {
      createTrack(onA.doc, `down-a${i}`, { name: `down-a${i}` });
      createTrack(onB.doc, `down-b${i}`, { name: `down-b${i}` });
      made.push(`down-a${i}`, `down-b${i}`);
    }
    // Each instance keeps its room live and saves its own clients' edits meanwhile.
    await until(() => onA.snapshot.save === 'saved' && onB.snapshot.save === 'saved', 'Saved on both while Redis is down', 20_000);
    expect(hasAll(onA, ['down-b0'])).toBe(false);
    await redis.start();
    await until(() => hasAll(onA, made) && hasAll(onB, made), 'both clients to converge after Redis returned', 30_000);
    const heals = async (url: string) => Number(/^mixroom_cluster_heal_total\{event="applied"\} (\S+)$/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? 0);
    expect((await heals(a!.url)) + (await heals(b!.url))).toBeGreaterThan(0);
    onA.destroy();
    onB.destroy();
  }, 120_000);

  // CLUSTER_KILL_ROUNDS=20 for the 20 random moments (about 20-40 s a round on this machine).
  const killRounds = Number(process.env.CLUSTER_KILL_ROUNDS ?? 3);
  it(`W9, C6: kill -9 of one instance at ${killRounds} random moments while clients on both edit loses no acknowledged edit`, async () => {
    const rounds = killRounds;
    const acked: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const victimIsA = round % 2 === 0;
      const clients = [open(a!.url, lead.projectId, lead.token), open(b!.url, lead.projectId, lead.token)];
      await Promise.all(clients.map(synced));
      const made: string[][] = [[], []];
      const ackedNow = [0, 0];
      const unsubscribe = clients.map((room, i) => room.subscribe(() => {
        if (room.snapshot.save === 'saved') ackedNow[i] = made[i].length;
      }));
      const ticker = setInterval(() => {
        clients.forEach((room, i) => {
          if (made[i].length >= 60) return;
          const id = `k${round}-${i}-${made[i].length}`;
          createTrack(room.doc, id, { name: id });
          made[i].push(id);
        });
      }, 15);
      await until(() => ackedNow[0] > 3 && ackedNow[1] > 3, `Saved on both in round ${round}`, 30_000);
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 200)));
      const victim = victimIsA ? a! : b!;
      victim.kill('SIGKILL');
      clearInterval(ticker);
      unsubscribe.forEach((u) => u());
      await victim.exited;
      acked.push(...made[0].slice(0, ackedNow[0]), ...made[1].slice(0, ackedNow[1]));
      clients.forEach((c) => c.destroy());
      const restarted = await instance(env);
      if (victimIsA) a = restarted;
      else b = restarted;
      for (const server of [a!, b!]) {
        const check = open(server.url, lead.projectId, lead.token);
        await synced(check);
        const have = trackIds(check);
        expect(acked.filter((id) => !have.has(id)), `acknowledged edits missing on ${server === a ? 'A' : 'B'} after round ${round}`).toEqual([]);
        check.destroy();
      }
      process.stderr.write(`kill round ${round}: ${victimIsA ? 'A' : 'B'} killed, ${acked.length} acknowledged edits so far, none lost\n`);
    }
    expect(acked.length).toBeGreaterThan(rounds * 6);
  }, 120_000 + killRounds * 60_000);

  it('SIGTERM: an instance stopping sends its clients to the other through the balancer; nothing is lost', async () => {
    const clients = [open(balancer.url, lead.projectId, lead.token), open(balancer.url, lead.projectId, lead.token)];
    await Promise.all(clients.map(synced));
    const made: string[] = [];
    clients.forEach((room, i) => {
      for (let j = 0; j < 5; j++) {
        createTrack(room.doc, `t-${i}-${j}`, { name: `t-${i}-${j}` });
        made.push(`t-${i}-${j}`);
      }
    });
    await until(() => clients.every((c) => c.snapshot.save === 'saved'), 'Saved before the stop', 20_000);
    const stopping = a!;
    stopping.kill('SIGTERM');
    expect(await stopping.exited).toBe(0);
    a = undefined;
    // The stock client reconnects by itself (4501 is not permanent); the balancer sends it to B.
    clients.forEach((room, i) => {
      createTrack(room.doc, `after-${i}`, { name: `after-${i}` });
      made.push(`after-${i}`);
    });
    await until(() => clients.every((c) => c.snapshot.connection === 'online' && c.snapshot.save === 'saved' && hasAll(c, made)), 'both clients back on B with everything', 30_000);
    clients.forEach((c) => c.destroy());
    const check = open(b!.url, lead.projectId, lead.token);
    await synced(check);
    expect(made.filter((id) => !trackIds(check).has(id))).toEqual([]);
    check.destroy();
  }, 120_000);
});

describe('several instances: PostgreSQL stopped for 10 s (a cluster of the test\'s own)', () => {
  const OUTAGE_MS = 10_000;
  let pg: TestPostgres;
  let a: SpawnedServer;
  let b: SpawnedServer;
  let lead: Account;

  beforeAll(async () => {
    pg = await startTestPostgres();
    const env = { DATABASE_URL: pg.url, REDIS_URL: 'redis://127.0.0.1:6379', MIXROOM_REDIS_PREFIX: `outage-${crypto.randomBytes(4).toString('hex')}:` };
    // Started together: the migrations take turns under their advisory lock.
    [a, b] = await Promise.all([instance(env), instance(env)]);
    lead = await account(a.url, 'Outage Lead');
  }, 180_000);
  afterAll(async () => {
    await stop(a);
    await stop(b);
    await pg?.destroy();
  });

  const metric = async (url: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await (await fetch(`${url}/metrics`)).text())?.[1]);
  const health = async (url: string) => ((await (await fetch(`${url}/api/health`)).json()) as { saves: string }).saves;

  it('W17, W9, C2: rooms stay live while it is down, Saved waits for its return, and then every edit is in the database', async () => {
    const clients = [open(a.url, lead.projectId, lead.token), open(b.url, lead.projectId, lead.token)];
    await Promise.all(clients.map(synced));
    createTrack(clients[0].doc, 'before', { name: 'before' });
    await until(() => hasAll(clients[1], ['before']) && clients.every((c) => c.snapshot.save === 'saved'), 'the first edit saved and on B', 20_000);

    await pg.stop();
    let down = true;
    const made: string[][] = [[], []];
    // Saved must not come for an edit made while the database is away.
    const savedWhileDown: string[] = [];
    const unsubscribe = clients.map((room, i) =>
      room.subscribe(() => {
        if (down && made[i].length > 0 && room.snapshot.save === 'saved') savedWhileDown.push(`client ${i} after ${made[i].at(-1)}`);
      }),
    );
    const stoppedAt = Date.now();
    for (let round = 0; Date.now() - stoppedAt < OUTAGE_MS; round++) {
      clients.forEach((room, i) => {
        const id = `down-${i}-${round}`;
        createTrack(room.doc, id, { name: id });
        made[i].push(id);
      });
      // Live: each edit reaches the client on the other instance (through Redis) while nothing is saved.
      await until(() => hasAll(clients[1], made[0]) && hasAll(clients[0], made[1]), `round ${round} on both instances while PostgreSQL is down`, 5_000);
      if (round === 2) {
        for (const server of [a, b]) {
          expect(await metric(server.url, 'mixroom_sync_saves_failing')).toBe(1);
          expect(await health(server.url)).toBe('retrying');
        }
      }
      await new Promise((r) => setTimeout(r, 400));
    }
    expect(clients.map((c) => c.snapshot.save)).toEqual(['saving', 'saving']);
    expect(clients.map((c) => c.snapshot.connection)).toEqual(['online', 'online']);
    down = false;
    await pg.start();

    const all = ['before', ...made[0], ...made[1]];
    await until(() => clients.every((c) => c.snapshot.save === 'saved' && hasAll(c, all)), 'Saved on both after PostgreSQL returned', 30_000);
    unsubscribe.forEach((u) => u());
    expect(savedWhileDown).toEqual([]);
    expect(made[0].length).toBeGreaterThan(5);
    for (const server of [a, b]) {
      expect(server.proc.exitCode).toBeNull();
      expect(await metric(server.url, 'mixroom_sync_saves_failing')).toBe(0);
      expect(await metric(server.url, 'mixroom_sync_commit_failures_total')).toBeGreaterThan(0);
      expect(await health(server.url)).toBe('ok');
      expect(server.output()).toMatch(/saving document updates failed \(is the database down\?\)/);
      expect(server.output()).toMatch(/saving document updates works again/);
      // Clear logs: one line for the save queue's outage (and its recovery), not one per retry or poll.
      expect(server.output().match(/saving document updates failed \(/g)).toHaveLength(1);
      expect(server.output().match(/webhook delivery round failed/g)).toHaveLength(1);
    }

    // A fresh read of the database, apart from both instances' memory, has every edit.
    const fresh = await createDb({ databaseUrl: pg.url, migrate: false });
    try {
      const loaded = await createDocStore(fresh.db).load(lead.projectId);
      const doc = new Y.Doc();
      ensureRoots(doc);
      loaded.updates.forEach((u) => Y.applyUpdate(doc, u));
      const stored = new Set(readMix(doc).tracks.map((t) => t.id));
      expect(all.filter((id) => !stored.has(id))).toEqual([]);
      doc.destroy();
    } finally {
      await fresh.close();
    }
    clients.forEach((c) => c.destroy());
  }, 120_000);
});
