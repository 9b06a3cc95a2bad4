import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { readMix, setStripParam, createTrack } from '../../lib/doc';
import { MESSAGE_AWARENESS } from '../../lib/sync/saved-message';
import type { ClientRoom } from '../../lib/sync/client-room';
import { writeAwarenessUpdate, type AwarenessEntry } from './awareness-filter';
import { createToken, signUp, startTestApp, type TestApp, type TestUser } from '../testing/test-app';
import { connectRoom, synced, until } from '../testing/sync-client';

let app: TestApp;
let lead: TestUser;
let mallory: TestUser;
let leadToken: string;
let malloryToken: string;
let projectId: string;
const rooms: ClientRoom[] = [];

beforeAll(async () => {
  // No cool-down after a 4429 (W17, upgrade-cooldown.test.ts): Mallory is closed 4429 and comes back.
  app = await startTestApp({ env: { MIXROOM_SYNC_MESSAGES_PER_SEC: '50', MIXROOM_SYNC_RATE_LIMIT_COOLDOWN_MS: '0' } });
  lead = await signUp(app, 'Abuse Lead');
  mallory = await signUp(app, 'Mallory');
  leadToken = await createToken(app, lead);
  malloryToken = await createToken(app, mallory);
  const res = await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Abuse' } });
  projectId = ((await res.json()) as { project: { id: string } }).project.id;
  await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: mallory.email, role: 'reviewer' } });
  const setup = open(leadToken);
  await synced(setup);
  createTrack(setup.doc, 'bass', { name: 'Bass' });
  await until(() => setup.snapshot.save === 'saved', 'the track');
});
afterAll(async () => {
  rooms.forEach((r) => r.destroy());
  await app?.close();
});

function open(token: string): ClientRoom {
  const room = connectRoom(app.url, projectId, token);
  rooms.push(room);
  return room;
}

/** A socket that speaks by hand; records its close. */
async function rawSocket(token: string) {
  const ws = new WebSocket(`${app.url.replace('http', 'ws')}/sync/${projectId}?token=${token}`);
  let closed: { code: number; reason: string } | undefined;
  ws.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed: () => closed };
}

function awarenessFrame(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, writeAwarenessUpdate(entries));
  return encoding.toUint8Array(e);
}

const state = (clientId: number, clock: number, s: Record<string, unknown> | null): AwarenessEntry => ({ clientId, clock, state: s, bytes: 0 });

/** Lets a round trip through the server finish before looking at what did not happen. */
async function roundTrip(room: ClientRoom): Promise<void> {
  const value = -Math.round(Math.random() * 60) - 1;
  setStripParam(room.doc, 'bass', 'gainDb', value);
  await until(() => room.snapshot.save === 'saved', 'a round trip');
}

describe('presence', () => {
  it("A1: stamps the server's identity over whatever name a client claims", async () => {
    const observer = open(leadToken);
    await synced(observer);
    const m = await rawSocket(malloryToken);
    m.ws.send(awarenessFrame([state(777001, 1, { user: { id: lead.id, name: 'Abuse Lead', role: 'lead' }, focus: 'bass' })]));
    await until(() => observer.provider.awareness.getStates().has(777001), 'the state to arrive');
    const seen = observer.provider.awareness.getStates().get(777001)!;
    expect(seen.user).toMatchObject({ id: mallory.id, name: 'Mallory', role: 'reviewer', color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    expect(seen.focus).toBe('bass');
    m.ws.close();
  });

  it("A2: drops states and nulls sent for another connection's client id", async () => {
    const victim = open(leadToken);
    const observer = open(leadToken);
    await Promise.all([synced(victim), synced(observer)]);
    victim.provider.awareness.setLocalStateField('focus', 'bass fader');
    const id = victim.doc.clientID;
    await until(() => observer.provider.awareness.getStates().get(id)?.focus === 'bass fader', 'the victim state');
    const m = await rawSocket(malloryToken);
    m.ws.send(awarenessFrame([state(id, 999, { focus: 'hijacked' })]));
    m.ws.send(awarenessFrame([state(id, 1000, null)]));
    await roundTrip(observer);
    expect(observer.provider.awareness.getStates().get(id)?.focus).toBe('bass fader');
    expect(m.closed()).toBeUndefined();
    m.ws.close();
  });

  it('A3: closes a socket that sends a 1 MB awareness state (4413), and only that one', async () => {
    const other = open(leadToken);
    await synced(other);
    const m = await rawSocket(malloryToken);
    m.ws.send(awarenessFrame([state(777002, 1, { junk: 'x'.repeat(1024 * 1024) })]));
    await until(() => m.closed() !== undefined, 'the close');
    expect(m.closed()!.code).toBe(4413);
    await roundTrip(other);
  });

  it('A4: closes a socket that invents 10,000 client ids (4400), and keeps the room small', async () => {
    const observer = open(leadToken);
    await synced(observer);
    const m = await rawSocket(malloryToken);
    m.ws.send(awarenessFrame(Array.from({ length: 10_000 }, (_, i) => state(900_000 + i, 1, { n: i }))));
    await until(() => m.closed() !== undefined, 'the close');
    expect(m.closed()!.code).toBe(4400);
    await roundTrip(observer);
    expect([...observer.provider.awareness.getStates().keys()].filter((k) => k >= 900_000 && k < 910_000)).toEqual([]);
  });
});

describe('frames', () => {
  it('W13: closes a flooding socket (4429) while another client keeps editing', async () => {
    const good = open(leadToken);
    const watcher = open(leadToken);
    await Promise.all([synced(good), synced(watcher)]);
    const m = await rawSocket(malloryToken);
    const query = new Uint8Array([3]);
    for (let i = 0; i < 2000 && m.ws.readyState === m.ws.OPEN; i++) m.ws.send(query);
    await until(() => m.closed() !== undefined, 'the close');
    expect(m.closed()!.code).toBe(4429);
    setStripParam(good.doc, 'bass', 'gainDb', -33);
    await until(() => readMix(watcher.doc).tracks[0].strip.gainDb === -33, 'the edit to flow');
  });

  it('W12: a text frame with invalid UTF-8 closes only that socket', async () => {
    const m = await rawSocket(malloryToken);
    // ws validates text frames: invalid UTF-8 is closed with 1007 before our handler sees it.
    (m.ws as unknown as { _sender: { send(d: Buffer, o: object): void } })._sender.send(Buffer.from([0xc3, 0x28]), {
      binary: false,
      fin: true,
      mask: true,
      compress: false,
      opcode: 1,
      readOnly: false,
    });
    await until(() => m.closed() !== undefined, 'the close');
    expect([1007, 4400]).toContain(m.closed()!.code);
  });

  it('W12: an oversized frame is refused without taking the server down', async () => {
    const small = await startTestApp({ env: { MIXROOM_SYNC_MAX_MESSAGE_BYTES: '1024' } });
    try {
      const u = await signUp(small, 'Big');
      const t = await createToken(small, u);
      const p = ((await (await small.request('/api/projects', { cookie: u.cookie, json: { name: 'Big' } })).json()) as { project: { id: string } }).project.id;
      const ws = new WebSocket(`${small.url.replace('http', 'ws')}/sync/${p}?token=${t}`);
      ws.on('error', () => undefined);
      await new Promise((r) => ws.once('open', r));
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
      ws.send(new Uint8Array(4096));
      expect(await closed).toBe(1009);
      expect((await small.request('/api/health')).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('W15: garbage before the WebSocket handshake gets a 400 and the server keeps serving', async () => {
    const url = new URL(app.url);
    const reply = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(url.port), '127.0.0.1', () => socket.write('\u0000\u00ff garbage \r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await app.request('/api/health')).status).toBe(200);
  });
});

describe('metrics', () => {
  it('W16: /metrics reports connections, rooms, accepted and rejected updates and latencies', async () => {
    const reviewer = open(malloryToken);
    await synced(reviewer);
    setStripParam(reviewer.doc, 'bass', 'gainDb', -1);
    await until(() => reviewer.snapshot.denied !== null, 'the refusal');
    const res = await fetch(`${app.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('mixroom_sync_connections')).toBeGreaterThan(0);
    expect(value('mixroom_sync_rooms')).toBe(1);
    expect(value('mixroom_sync_updates_accepted_total')).toBeGreaterThan(0);
    expect(text).toMatch(/^mixroom_sync_updates_rejected_total\{code="forbidden"\} [1-9]/m);
    expect(value('mixroom_sync_commit_seconds_count')).toBeGreaterThan(0);
    expect(value('mixroom_sync_fanout_seconds_count')).toBeGreaterThan(0);
    expect(text).toMatch(/^mixroom_sync_limit_exceeded_total\{limit="messages_per_sec"\} 1$/m);
    expect(value('mixroom_nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
  });
});
