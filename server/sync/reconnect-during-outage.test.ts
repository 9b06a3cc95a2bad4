import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { WebSocket } from 'ws';
import { createDb, type Database } from '../../db/create-db';
import { docUpdate } from '../../db/schema';
import { createTrack, readMix, setStripParam } from '../../lib/doc';
import type { ClientRoom } from '../../lib/sync/client-room';
import { createProjectWithMembers, type ProjectWithMembers } from '../testing/project-with-members';
import { startTestPostgres, type TestPostgres } from '../testing/postgres-server';
import { connectRoom, synced, until } from '../testing/sync-client';
import { startTestApp, type TestApp } from '../testing/test-app';

let pg: TestPostgres;
let database: Database;
let app: TestApp;
let project: ProjectWithMembers;
const rooms: ClientRoom[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
  database = await createDb({ databaseUrl: pg.url });
  // A save queue of 16 KiB: some twenty fader edits fill it while the database is away (W19).
  app = await startTestApp({ database, env: { MIXROOM_SYNC_SAVE_QUEUE_MAX_BYTES: String(16 * 1024) } });
  project = await createProjectWithMembers(app, 'Outage song', (doc, users) => createTrack(doc, 'bass', { name: 'Bass', assignees: [users.mixer.id] }));
}, 120_000);

afterAll(async () => {
  rooms.forEach((r) => r.destroy());
  await app?.close();
  await database?.close();
  await pg?.destroy();
});

function open(token: string): ClientRoom {
  const room = connectRoom(app.url, project.projectId, token);
  rooms.push(room);
  return room;
}

/** An upgrade by hand: the socket opened, or the HTTP status it was refused with. */
function upgradeStatus(token: string, projectId = project.projectId): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${app.url.replace('http', 'ws')}/sync/${projectId}?token=${token}`);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', (err) => (err.message.includes('Unexpected server response') ? undefined : reject(err)));
  });
}

const health = async () => ((await (await fetch(`${app.url}/api/health`)).json()) as { saves: string }).saves;
const metric = async (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await (await fetch(`${app.url}/metrics`)).text())?.[1]);

describe('reconnecting while the database is away (W20)', () => {
  it('W20: a member who connected before the outage rejoins the live room and edits, saved once it returns; a member who never connected, one removed before it, and a room no longer loaded are refused with 503; /api/health says the saves are retrying, then full past the queue bound (W19), then ok', async () => {
    const { tokens, users, projectId } = project;
    // Another project the lead opened and left: its room is unloaded, and loading it needs the database.
    const created = await app.request('/api/projects', { cookie: users.lead.cookie, json: { name: 'Left before the outage' } });
    const leftId = ((await created.json()) as { project: { id: string } }).project.id;
    const left = connectRoom(app.url, leftId, tokens.lead);
    await synced(left);
    left.destroy();
    await until(() => app.ctx.sync.rooms.loaded(leftId) === undefined, 'the left room to unload');
    // The lead stays connected throughout: the room stays live on this instance.
    const lead = open(tokens.lead);
    await synced(lead);
    const mixerBefore = open(tokens.mixer);
    const removed = open(tokens.mastering);
    await Promise.all([synced(mixerBefore), synced(removed)]);
    mixerBefore.destroy();
    const res = await app.request(`/api/projects/${projectId}/members/${users.mastering.id}`, { method: 'DELETE', cookie: users.lead.cookie });
    expect(res.status).toBe(204);
    await until(() => removed.snapshot.closedBy?.code === 4403, 'the removed member to be closed with 4403');

    await pg.stop();
    try {
      const mixer = open(tokens.mixer);
      await synced(mixer);
      setStripParam(mixer.doc, 'bass', 'gainDb', -7);
      await until(() => readMix(lead.doc).tracks.find((t) => t.id === 'bass')?.strip.gainDb === -7, "the mixer's edit to reach the lead while the database is down");
      expect(mixer.snapshot.save).toBe('saving');
      expect(await metric('mixroom_sync_upgrades_on_grace_total')).toBe(1);
      // The failing database answers no one else: the upgrade is refused with 503 (W2).
      expect(await upgradeStatus(tokens.reviewer)).toBe(503);
      expect(await upgradeStatus(tokens.mastering)).toBe(503);
      expect(await upgradeStatus(tokens.lead, leftId)).toBe(503);
      expect(await metric('mixroom_sync_upgrades_on_grace_total')).toBe(1);
      expect(await health()).toBe('retrying');
      // Edits until the save queue is over its bound: the mixer's socket is closed with 4503, its
      // edits held in the client, and the health check says the saves are full (W19).
      for (let i = 1; i <= 200 && !mixer.snapshot.held; i++) {
        setStripParam(mixer.doc, 'bass', 'pan', i / 1000);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await until(() => mixer.snapshot.held !== null, 'the mixer to be told its edits are held');
      expect(await health()).toBe('full');
    } finally {
      await pg.start();
    }
    const mixer = rooms.at(-1)!;
    await until(() => mixer.snapshot.save === 'saved', "the mixer's edits to be saved after the database returned", 30_000);
    expect(await health()).toBe('ok');
    expect(readMix(lead.doc).tracks.find((t) => t.id === 'bass')?.strip.pan).toBe(readMix(mixer.doc).tracks.find((t) => t.id === 'bass')?.strip.pan);
    const rows = await database.db
      .select({ changes: docUpdate.changes })
      .from(docUpdate)
      .where(and(eq(docUpdate.projectId, projectId), eq(docUpdate.userId, users.mixer.id)));
    expect(rows.flatMap((r) => r.changes).some((c) => c.path === 'tracks/bass/strip/gainDb' && 'value' in c && c.value === -7)).toBe(true);
    // Back to normal: the removed member is refused by the database's own answer.
    expect(await upgradeStatus(tokens.mastering)).toBe(404);
  }, 120_000);
});
