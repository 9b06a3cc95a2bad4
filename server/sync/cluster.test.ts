import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrack, readMix } from '../../lib/doc';
import type { ClientRoom } from '../../lib/sync/client-room';
import { createPostgresDatabase } from '../../db/testing/test-databases';
import { request, sessionCookie } from '../testing/test-app';
import { spawnServer, type SpawnedServer } from '../testing/spawn-server';
import { connectRoom, synced, until } from '../testing/sync-client';
import { startTestRedis, type TestRedis } from '../testing/redis-server';
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
