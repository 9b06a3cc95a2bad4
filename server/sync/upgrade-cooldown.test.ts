import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { setStripParam, createTrack, readMix } from '../../lib/doc';
import type { ClientRoom } from '../../lib/sync/client-room';
import { createToken, signUp, startTestApp, type TestApp } from '../testing/test-app';
import { connectRoom, synced, until } from '../testing/sync-client';

const COOLDOWN_MS = 6000;
let app: TestApp;
let leadToken: string;
let malloryToken: string;
let projectId: string;
let otherProjectId: string;
const rooms: ClientRoom[] = [];

beforeAll(async () => {
  app = await startTestApp({ env: { MIXROOM_SYNC_RATE_LIMIT_COOLDOWN_MS: String(COOLDOWN_MS) } });
  const lead = await signUp(app, 'Cooldown Lead');
  const mallory = await signUp(app, 'Cooldown Mallory');
  leadToken = await createToken(app, lead);
  malloryToken = await createToken(app, mallory);
  const create = async (name: string) => {
    const res = await app.request('/api/projects', { cookie: lead.cookie, json: { name } });
    const id = ((await res.json()) as { project: { id: string } }).project.id;
    await app.request(`/api/projects/${id}/members`, { cookie: lead.cookie, json: { email: mallory.email, role: 'reviewer' } });
    return id;
  };
  projectId = await create('Cooldown');
  otherProjectId = await create('Cooldown elsewhere');
  const setup = open(leadToken, projectId);
  await synced(setup);
  createTrack(setup.doc, 'bass', { name: 'Bass' });
  await until(() => setup.snapshot.save === 'saved', 'the track');
});
afterAll(async () => {
  rooms.forEach((r) => r.destroy());
  await app?.close();
});

function open(token: string, project: string): ClientRoom {
  const room = connectRoom(app.url, project, token);
  rooms.push(room);
  return room;
}

/** An upgrade by hand: either the socket opens, or the HTTP status and headers of the refusal. */
function upgrade(token: string, project: string): Promise<{ opened: WebSocket } | { status: number; retryAfter?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${app.url.replace('http', 'ws')}/sync/${project}?token=${token}`);
    ws.once('open', () => resolve({ opened: ws }));
    ws.once('unexpected-response', (_req, res: http.IncomingMessage) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body }));
    });
    ws.once('error', (err) => {
      if (!String(err.message).includes('Unexpected server response')) reject(err);
    });
  });
}

describe('W17: cool-down after a rate-limit close', () => {
  it('refuses the same credential on the same project with 429 and Retry-After, not others, and lets it back afterwards', async () => {
    const first = await upgrade(malloryToken, projectId);
    if (!('opened' in first)) throw new Error(`the first upgrade was refused: ${first.status}`);
    const ws = first.opened;
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    // Query-awareness frames until the message budget is spent.
    for (let i = 0; i < 2000 && ws.readyState === ws.OPEN; i++) ws.send(new Uint8Array([3]));
    expect(await closed).toBe(4429);

    const again = await upgrade(malloryToken, projectId);
    expect(again).toMatchObject({ status: 429 });
    if ('opened' in again) throw new Error('unreachable');
    expect(Number(again.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(again.retryAfter)).toBeLessThanOrEqual(COOLDOWN_MS / 1000);
    expect(JSON.parse(again.body).error.message).toMatch(/rate limited on this project; try again in \d+ s/);

    // The same user on another project, and another user on this one, are not affected.
    const elsewhere = await upgrade(malloryToken, otherProjectId);
    expect('opened' in elsewhere).toBe(true);
    if ('opened' in elsewhere) elsewhere.opened.close();
    const lead = open(leadToken, projectId);
    const watcher = open(leadToken, projectId);
    await Promise.all([synced(lead), synced(watcher)]);
    setStripParam(lead.doc, 'bass', 'gainDb', -17);
    await until(() => readMix(watcher.doc).tracks[0].strip.gainDb === -17, 'the lead\'s edit during the cool-down');

    // Once the cool-down has passed, the credential connects again.
    await new Promise((r) => setTimeout(r, COOLDOWN_MS + 200));
    const back = await upgrade(malloryToken, projectId);
    expect('opened' in back).toBe(true);
    if ('opened' in back) back.opened.close();
  });
});
