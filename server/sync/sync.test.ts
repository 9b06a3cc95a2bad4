import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { createDb, type Database } from '../../db/create-db';
import { eq } from 'drizzle-orm';
import { apiToken, docUpdate } from '../../db/schema';
import { createTrack, deleteTrack, readMix, setAssignees, setMasterParam, setStripParam } from '../../lib/doc';
import type { ClientRoom } from '../../lib/sync/client-room';
import { createToken, sessionCookie, signUp, startTestApp, type TestApp, type TestUser } from '../testing/test-app';
import { connectRoom, synced, until } from '../testing/sync-client';
import * as decoding from 'lib0/decoding';
import { MESSAGE_SAVED, readSaved } from '../../lib/sync/saved-message';
import { writeSyncStep1, writeUpdate } from './messages';

let database: Database;
// Kept across the restart test: it holds the auth secret that signed the sessions.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-sync-'));
let app: TestApp;
let lead: TestUser, mixer: TestUser, reviewer: TestUser, mastering: TestUser, stranger: TestUser;
const tokens: Record<string, string> = {};
let projectId: string;
const rooms: ClientRoom[] = [];

function open(token: string): ClientRoom {
  const room = connectRoom(app.url, projectId, token);
  rooms.push(room);
  return room;
}

function gainOf(room: ClientRoom, trackId: string): number | undefined {
  return readMix(room.doc).tracks.find((t) => t.id === trackId)?.strip.gainDb;
}

beforeAll(async () => {
  database = await createDb({});
  app = await startTestApp({ database, dataDir });
  [lead, mixer, reviewer, mastering, stranger] = await Promise.all(
    ['Lead', 'Mixer', 'Reviewer', 'Mastering', 'Stranger'].map((n) => signUp(app, n)),
  );
  for (const u of [lead, mixer, reviewer, mastering, stranger]) tokens[u.name] = await createToken(app, u);
  const res = await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Sync song' } });
  projectId = ((await res.json()) as { project: { id: string } }).project.id;
  for (const [u, role] of [
    [mixer, 'mixer'],
    [reviewer, 'reviewer'],
    [mastering, 'mastering'],
  ] as const) {
    await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: u.email, role } });
  }
  // The lead's client creates two tracks and assigns one to the mixer.
  const leadRoom = open(tokens.Lead);
  await synced(leadRoom);
  createTrack(leadRoom.doc, 'bass', { name: 'Bass', assignees: [mixer.id] });
  createTrack(leadRoom.doc, 'drums', { name: 'Drums' });
  await until(() => leadRoom.snapshot.save === 'saved', 'the tracks to be saved');
});

afterAll(async () => {
  rooms.forEach((r) => r.destroy());
  await app?.close();
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('live sync', () => {
  it("W8, W9: a mixer's gain change on an assigned track reaches the lead and is reported Saved", async () => {
    const leadRoom = open(tokens.Lead);
    const mixerRoom = open(tokens.Mixer);
    await Promise.all([synced(leadRoom), synced(mixerRoom)]);
    setStripParam(mixerRoom.doc, 'bass', 'gainDb', -4.5);
    expect(mixerRoom.snapshot.save).toBe('saving');
    await until(() => gainOf(leadRoom, 'bass') === -4.5, 'the edit to reach the lead');
    await until(() => mixerRoom.snapshot.save === 'saved', 'Saved');
  });

  it('W9: a burst of updates is acknowledged by fewer Saved messages than updates, the last covering them all', async () => {
    const ws = new WebSocket(`${app.url.replace('http', 'ws')}/sync/${projectId}?acks=1&token=${tokens.Lead}`);
    const doc = new Y.Doc({ gc: false });
    const saved: Array<Map<number, number>> = [];
    let synced = false;
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SAVED) saved.push(readSaved(decoder));
      if (type !== 0) return;
      const kind = decoding.readVarUint(decoder);
      if (kind === 0) return;
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      synced = true;
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(writeSyncStep1(doc));
    await until(() => synced && readMix(doc).tracks.some((t) => t.id === 'bass'), 'the document');
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 1; i <= 20; i++) setStripParam(doc, 'bass', 'gainDb', -i / 10);
    for (const u of updates) ws.send(writeUpdate(u));
    const last = Y.getState(doc.store, doc.clientID);
    await until(() => (saved.at(-1)?.get(doc.clientID) ?? 0) >= last, 'Saved covering the 20 updates');
    // One Saved per commit, not per update (a commit gathers what queued while the last one ran).
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.length).toBeLessThan(updates.length);
    ws.close();
  });

  it('W8: concurrent edits of different parameters converge everywhere', async () => {
    const a = open(tokens.Lead);
    const b = open(tokens.Mixer);
    const c = open(tokens.Mastering);
    await Promise.all([synced(a), synced(b), synced(c)]);
    setStripParam(a.doc, 'bass', 'pan', -0.25);
    setStripParam(b.doc, 'bass', 'mute', true);
    setStripParam(b.doc, 'bass', 'eq.peak1.gainDb', 3);
    setMasterParam(c.doc, 'width', 1.2);
    const same = () =>
      [a, b, c].every((r) => {
        const mix = readMix(r.doc);
        const bass = mix.tracks.find((t) => t.id === 'bass')!;
        return bass.strip.pan === -0.25 && bass.strip.mute && bass.strip.eq.peak1.gainDb === 3 && mix.master.width === 1.2;
      });
    await until(same, 'convergence');
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('G6: the gate refuses a mixer editing an unassigned track; the lead never sees it and the mixer resyncs', async () => {
    const leadRoom = open(tokens.Lead);
    const mixerRoom = open(tokens.Mixer);
    await Promise.all([synced(leadRoom), synced(mixerRoom)]);
    const before = gainOf(leadRoom, 'drums');
    setStripParam(mixerRoom.doc, 'drums', 'gainDb', -20);
    await until(() => mixerRoom.snapshot.denied !== null, 'permission denied');
    expect(mixerRoom.snapshot.denied).toMatch(/drums/);
    await synced(mixerRoom);
    await until(() => gainOf(mixerRoom, 'drums') === before, 'the mixer to drop the refused edit');
    // The mixer keeps working on its own track after the reset, on the same connection settings.
    setStripParam(mixerRoom.doc, 'bass', 'gainDb', -6);
    await until(() => gainOf(leadRoom, 'bass') === -6, 'a later permitted edit');
    expect(gainOf(leadRoom, 'drums')).toBe(before);
  });

  it("P2: a mixer's deletion of another track and every reviewer change are refused", async () => {
    const leadRoom = open(tokens.Lead);
    const mixerRoom = open(tokens.Mixer);
    const reviewerRoom = open(tokens.Reviewer);
    await Promise.all([synced(leadRoom), synced(mixerRoom), synced(reviewerRoom)]);
    deleteTrack(mixerRoom.doc, 'drums');
    setStripParam(reviewerRoom.doc, 'bass', 'gainDb', 6);
    await until(() => mixerRoom.snapshot.denied !== null && reviewerRoom.snapshot.denied !== null, 'both refusals');
    await Promise.all([synced(mixerRoom), synced(reviewerRoom)]);
    expect(readMix(leadRoom.doc).tracks.map((t) => t.id)).toEqual(['bass', 'drums']);
    expect(gainOf(leadRoom, 'bass')).not.toBe(6);
  });

  it("P8: a mixer's offline edits replayed after the lead removed the assignment are refused", async () => {
    const leadRoom = open(tokens.Lead);
    const mixerRoom = open(tokens.Mixer);
    await Promise.all([synced(leadRoom), synced(mixerRoom)]);
    createTrack(leadRoom.doc, 'keys', { name: 'Keys', assignees: [mixer.id] });
    await until(() => readMix(mixerRoom.doc).tracks.some((t) => t.id === 'keys'), 'the new track at the mixer');
    mixerRoom.provider.disconnect();
    setStripParam(mixerRoom.doc, 'keys', 'gainDb', -9);
    setAssignees(leadRoom.doc, 'keys', []);
    await until(() => leadRoom.snapshot.save === 'saved', 'the unassignment to be saved');
    mixerRoom.provider.connect();
    await until(() => mixerRoom.snapshot.denied !== null, 'the replay to be refused');
    await synced(mixerRoom);
    expect(gainOf(leadRoom, 'keys')).toBe(0);
    expect(gainOf(mixerRoom, 'keys')).toBe(0);
  });

  it('a stock y-websocket provider connects, syncs and reads the document', async () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${app.url.replace('http', 'ws')}/sync`, projectId, doc, {
      params: { token: tokens.Reviewer },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    try {
      await until(() => provider.synced, 'the stock provider to sync');
      expect(readMix(doc).tracks.map((t) => t.name)).toContain('Bass');
    } finally {
      provider.destroy();
    }
  });

  it('a refused update is never written to the database, and accepted ones carry user and paths', async () => {
    const rows = await database.db.select().from(docUpdate);
    const changes = rows.flatMap((r) => r.changes.map((c) => ({ ...c, userId: r.userId })));
    expect(changes).toContainEqual({ path: 'tracks/bass/strip/gainDb', value: -4.5, userId: mixer.id });
    // The refused values of G6 and P2 are nowhere in the log.
    expect(changes.filter((c) => c.path === 'tracks/drums/strip/gainDb').map((c) => c.value)).not.toContain(-20);
    expect(changes.filter((c) => c.path === 'tracks/bass/strip/gainDb').map((c) => c.value)).not.toContain(6);
    expect(changes.some((c) => c.path === 'tracks/drums' && c.deleted)).toBe(false);
    const mixerRows = rows.filter((r) => r.userId === mixer.id);
    expect(mixerRows.length).toBeGreaterThan(0);
    expect(mixerRows.every((r) => r.changes.every((c) => c.path.startsWith('tracks/bass/')))).toBe(true);
  });

  it('keeps the document across a restart of the server', async () => {
    const leadRoom = open(tokens.Lead);
    await synced(leadRoom);
    setStripParam(leadRoom.doc, 'drums', 'gainDb', -3.25);
    await until(() => leadRoom.snapshot.save === 'saved', 'Saved before the restart');
    rooms.splice(0).forEach((r) => r.destroy());
    await app.close();
    app = await startTestApp({ database, dataDir });
    const after = open(tokens.Reviewer);
    await synced(after);
    expect(gainOf(after, 'drums')).toBe(-3.25);
    expect(gainOf(after, 'bass')).toBe(-6);
    expect(readMix(after.doc).tracks.map((t) => t.id)).toEqual(['bass', 'drums', 'keys']);
  });

  it('closes the sockets of a member the lead removes, with a permanent close code', async () => {
    const extra = await signUp(app, 'Leaving');
    await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: extra.email, role: 'reviewer' } });
    const room = open(await createToken(app, extra));
    await synced(room);
    await app.request(`/api/projects/${projectId}/members/${extra.id}`, { method: 'DELETE', cookie: lead.cookie });
    await until(() => room.snapshot.closedBy !== null, 'the close');
    expect(room.snapshot.closedBy?.code).toBe(4403);
  });
});

describe('credentials that end (W21)', () => {
  const tokenId = async (user: TestUser, name: string) =>
    ((await (await app.request('/api/tokens', { cookie: user.cookie })).json()) as { tokens: { id: string; name: string }[] }).tokens.find((t) => t.name === name)!.id;

  it('W21: revoking an API token closes its sockets with 4401 and leaves the same user\'s other token connected', async () => {
    const revoked = open(await createToken(app, mixer, 'to-revoke'));
    const kept = open(await createToken(app, mixer, 'to-keep'));
    await Promise.all([synced(revoked), synced(kept)]);
    const res = await app.request(`/api/tokens/${await tokenId(mixer, 'to-revoke')}`, { method: 'DELETE', cookie: mixer.cookie });
    expect(res.status).toBe(204);
    await until(() => revoked.snapshot.closedBy !== null, 'the revoked token\'s socket to close');
    expect(revoked.snapshot.closedBy?.code).toBe(4401);
    // The other connection still edits.
    setStripParam(kept.doc, 'bass', 'gainDb', -2.5);
    await until(() => kept.snapshot.save === 'saved' && gainOf(rooms[0], 'bass') === -2.5, 'the kept connection\'s edit to be saved and seen');
    expect(kept.snapshot.closedBy).toBeNull();
  });

  it('W21: signing out closes the sockets of that session with 4401, not those of the user\'s other session', async () => {
    const signIn = async () => {
      const res = await app.request('/api/auth/sign-in/email', { json: { email: reviewer.email, password: reviewer.password } });
      expect(res.status).toBe(200);
      return sessionCookie(res);
    };
    const [leaving, staying] = [await signIn(), await signIn()];
    const socket = (cookie: string) =>
      new Promise<{ ws: WebSocket; closed: Promise<number> }>((resolve, reject) => {
        const ws = new WebSocket(`${app.url.replace('http', 'ws')}/sync/${projectId}`, { headers: { cookie, origin: app.ctx.config.publicUrl } });
        const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
        ws.once('open', () => resolve({ ws, closed }));
        ws.once('error', reject);
      });
    const [a, b] = [await socket(leaving), await socket(staying)];
    const res = await app.request('/api/auth/sign-out', { method: 'POST', cookie: leaving, json: {} });
    expect(res.status).toBe(200);
    expect(await a.closed).toBe(4401);
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
    b.ws.close();
  });

  it('W21: a token that expires while connected is closed with 4401 at the next sweep', async () => {
    const token = await createToken(app, mastering, 'expiring');
    // A day is the shortest the API gives: the row is moved to expire 1.5 s from now.
    await database.db.update(apiToken).set({ expiresAt: new Date(Date.now() + 1500) }).where(eq(apiToken.id, await tokenId(mastering, 'expiring')));
    const room = open(token);
    await synced(room);
    await until(() => room.snapshot.closedBy !== null, 'the expired token\'s socket to close', 20_000);
    expect(room.snapshot.closedBy?.code).toBe(4401);
  }, 30_000);
});

describe('the upgrade', () => {
  function status(url: string, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', reject);
    });
  }
  const wsUrl = () => `${app.url.replace('http', 'ws')}/sync/${projectId}`;

  it('answers 401 without credentials and with a revoked token', async () => {
    expect(await status(wsUrl())).toBe(401);
    const token = await createToken(app, lead, 'short-lived');
    expect(await status(`${wsUrl()}?token=${token}`)).toBe(101);
    const list = (await (await app.request('/api/tokens', { cookie: lead.cookie })).json()) as { tokens: { id: string; name: string }[] };
    const id = list.tokens.find((t) => t.name === 'short-lived')!.id;
    await app.request(`/api/tokens/${id}`, { method: 'DELETE', cookie: lead.cookie });
    expect(await status(`${wsUrl()}?token=${token}`)).toBe(401);
  });

  it('answers 403 to a session cookie from a foreign Origin and 101 from our own', async () => {
    expect(await status(wsUrl(), { cookie: lead.cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await status(wsUrl(), { cookie: lead.cookie, origin: app.ctx.config.publicUrl })).toBe(101);
  });

  it('answers 404 to a non-member and for a project that does not exist', async () => {
    expect(await status(`${wsUrl()}?token=${tokens.Stranger}`)).toBe(404);
    expect(await status(`${app.url.replace('http', 'ws')}/sync/no-such-project?token=${tokens.Lead}`)).toBe(404);
  });
});
