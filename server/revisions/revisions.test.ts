import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revision, revisionRender } from '../../db/schema';
import type { RevisionDto } from '../../lib/api/dto';
import { readMix, setAssignees, setMasterParam, setStripParam, type MixChange } from '../../lib/doc';
import type { ClientRoom } from '../../lib/sync/client-room';
import { publishCommand } from '../cli/publish-command';
import { renderCommand } from '../cli/render-command';
import { connectRoom, synced, until } from '../testing/sync-client';
import { createToken, signUp, startTestApp, type TestApp, type TestUser } from '../testing/test-app';
import { wav24 } from '../testing/wav-fixtures';
import type { ActivityPage } from '../activity/activity';

let app: TestApp;
let lead: TestUser;
let mixer: TestUser;
let mastering: TestUser;
let reviewer: TestUser;
let stranger: TestUser;
const tokens: Record<string, string> = {};
let projectId: string;
let bass: string;
const rooms: ClientRoom[] = [];
const quiet = () => undefined;

beforeAll(async () => {
  app = await startTestApp({ env: { MIXROOM_MAX_UPLOAD_BYTES: String(3 * 1024 * 1024) } });
  [lead, mixer, mastering, reviewer, stranger] = await Promise.all(['Rev Lead', 'Mia Mixer', 'Max Master', 'Rita Reviewer', 'Sam Stranger'].map((n) => signUp(app, n)));
  for (const [k, u] of Object.entries({ lead, mixer, mastering, reviewer, stranger })) tokens[k] = await createToken(app, u);
  projectId = ((await (await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Revisions' } })).json()) as { project: { id: string } }).project.id;
  for (const [u, role] of [[mixer, 'mixer'], [mastering, 'mastering'], [reviewer, 'reviewer']] as const) {
    await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: u.email, role } });
  }
  const ids: string[] = [];
  for (const [i, name] of ['bass.wav', 'keys.wav'].entries()) {
    const res = await app.request(`/api/projects/${projectId}/stems`, {
      method: 'POST',
      body: new Uint8Array(wav24({ sampleRate: 48000, channels: 2, frames: 48000, freqHz: 110 * (i + 1), amplitude: 0.4 })),
      token: tokens.lead,
      headers: { 'x-filename': name },
    });
    ids.push(((await res.json()) as { trackId: string }).trackId);
  }
  bass = ids[0];
  const room = open('lead');
  await synced(room);
  setAssignees(room.doc, bass, [mixer.id]);
  await until(() => room.snapshot.save === 'saved', 'the assignment');
});
afterAll(async () => {
  rooms.forEach((r) => r.destroy());
  await app?.close();
});

function open(who: string): ClientRoom {
  const room = connectRoom(app.url, projectId, tokens[who]);
  rooms.push(room);
  return room;
}

async function edit(who: string, fn: (room: ClientRoom) => void): Promise<void> {
  const room = open(who);
  await synced(room);
  fn(room);
  await until(() => room.snapshot.save === 'saved', `${who}'s edit`);
  room.destroy();
}

const publish = (who: string, title: string, master = false) =>
  publishCommand({ url: app.url, token: tokens[who], project: projectId, title, master, progress: quiet });

async function post(who: string, p: string, json?: unknown): Promise<Response> {
  return app.request(p, { method: 'POST', token: tokens[who], ...(json !== undefined ? { json } : {}) });
}

describe('publishing', () => {
  it('publishes a mix with mixroom publish: revision 1, rendered, measured by the server, its render equal to mixroom render byte for byte', async () => {
    const { revision: rev, render, provenance } = await publish('lead', 'First rough');
    expect(rev).toMatchObject({ number: 1, kind: 'mix', title: 'First rough', status: 'ready', author: { name: 'Rev Lead' } });
    expect(render).toMatchObject({ kind: 'mix', sampleRate: 48000, channels: 2, durationSec: expect.closeTo(1, 2) });
    expect(render.integratedLufs).toEqual(expect.any(Number));
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-rev-')), 'live.wav');
    const live = await renderCommand({ url: app.url, token: tokens.lead, project: projectId, out, format: 'wav24', master: false, stems: false, progress: quiet });
    expect(live.provenance).toBe(provenance);
    const stored = new Uint8Array(await (await app.request(render.audioUrl, { token: tokens.reviewer })).arrayBuffer());
    expect(Buffer.compare(Buffer.from(stored), fs.readFileSync(out))).toBe(0);
    const ranged = await app.request(render.audioUrl, { token: tokens.reviewer, headers: { range: 'bytes=0-11' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).toString('latin1', 8, 12)).toBe('WAVE');
    const peaks = (await (await app.request(render.peaksUrl, { token: tokens.reviewer })).json()) as { levels: unknown[]; frames: number };
    expect(peaks.frames).toBe(48000);
  });

  it('refuses a render whose provenance is not the revision\'s (409) and one with no provenance (422), storing nothing; the revision stays "rendering"', async () => {
    const created = await post('lead', `/api/projects/${projectId}/revisions`, { title: 'Pending', kind: 'mix' });
    expect(created.status).toBe(201);
    const rev = ((await created.json()) as { revision: RevisionDto }).revision;
    expect(rev.status).toBe('rendering');
    await edit('lead', (r) => setStripParam(r.doc, bass, 'gainDb', -7));
    // A render of the live state, which has changed since the revision was taken.
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-rev-')), 'other.wav');
    await renderCommand({ url: app.url, token: tokens.lead, project: projectId, out, format: 'wav24', master: false, stems: false, progress: quiet });
    const blobs = () => fs.readdirSync(path.join(app.dataDir, 'blobs')).flatMap((d) => fs.readdirSync(path.join(app.dataDir, 'blobs', d))).length;
    const before = blobs();
    const wrong = await app.request(`/api/revisions/${rev.id}/renders/mix`, { method: 'PUT', token: tokens.lead, body: new Uint8Array(fs.readFileSync(out)) });
    expect(wrong.status).toBe(409);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/provenance/);
    const bare = await app.request(`/api/revisions/${rev.id}/renders/mix`, { method: 'PUT', token: tokens.lead, body: new Uint8Array(wav24({ sampleRate: 48000, channels: 2, frames: 4800 })) });
    expect(bare.status).toBe(422);
    const truncated = await app.request(`/api/revisions/${rev.id}/renders/mix`, { method: 'PUT', token: tokens.lead, body: new Uint8Array(fs.readFileSync(out).subarray(0, 30)) });
    expect(truncated.status).toBe(422);
    const huge = await app.request(`/api/revisions/${rev.id}/renders/mix`, { method: 'PUT', token: tokens.lead, body: new Uint8Array(4 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(blobs()).toBe(before);
    expect(await app.ctx.database.db.select().from(revisionRender).where(eq(revisionRender.revisionId, rev.id))).toEqual([]);
    expect(((await (await app.request(`/api/revisions/${rev.id}`, { token: tokens.reviewer })).json()) as { revision: RevisionDto }).revision.status).toBe('rendering');
  });

  it('follows the role rules on every route', async () => {
    const [mix] = ((await (await app.request(`/api/projects/${projectId}/revisions`, { token: tokens.reviewer })).json()) as { revisions: RevisionDto[] }).revisions.slice(-1);
    const status = async (who: string, method: string, p: string, json?: unknown) => (await app.request(p, { method, token: tokens[who], ...(json ? { json } : {}) })).status;
    expect(await status('reviewer', 'POST', `/api/projects/${projectId}/revisions`, { title: 'x', kind: 'mix' })).toBe(403);
    expect(await status('mixer', 'POST', `/api/projects/${projectId}/revisions`, { title: 'x', kind: 'mix' })).toBe(403);
    expect(await status('mastering', 'POST', `/api/projects/${projectId}/revisions`, { title: 'x', kind: 'mix' })).toBe(403);
    expect(await status('stranger', 'POST', `/api/projects/${projectId}/revisions`, { title: 'x', kind: 'mix' })).toBe(404);
    expect(await status('stranger', 'GET', `/api/projects/${projectId}/revisions`)).toBe(404);
    for (const p of [`/api/revisions/${mix.id}`, `/api/revisions/${mix.id}/renders/mix`, `/api/revisions/${mix.id}/peaks`, `/api/revisions/${mix.id}/diff/live`, `/api/projects/${projectId}/blame`, `/api/projects/${projectId}/activity`]) {
      expect(await status('stranger', 'GET', p), p).toBe(404);
      expect(await status('reviewer', 'GET', p), p).toBe(200);
    }
    for (const who of ['reviewer', 'mixer', 'mastering']) {
      expect(await status(who, 'POST', `/api/revisions/${mix.id}/restore`)).toBe(403);
      expect(await status(who, 'DELETE', `/api/revisions/${mix.id}`)).toBe(403);
    }
    expect(await status('stranger', 'POST', `/api/revisions/${mix.id}/restore`)).toBe(404);
    expect(await status('reviewer', 'PUT', `/api/revisions/${mix.id}/renders/mix`)).toBe(403);
    expect(await status('lead', 'PUT', `/api/revisions/${mix.id}/renders/mix`)).toBe(409);
    expect(await status('lead', 'POST', `/api/projects/${projectId}/revisions`, { title: 'x', kind: 'stereo' })).toBe(400);
  });

  it('the mastering engineer publishes a master revision of the Spotify master', async () => {
    await edit('mastering', (r) => setMasterParam(r.doc, 'target', 'spotify'));
    const { revision: rev, render } = await publish('mastering', 'Master A', true);
    expect(rev).toMatchObject({ kind: 'master', status: 'ready' });
    expect(render.kind).toBe('master');
    expect(render.truePeakDbtp).toBeLessThanOrEqual(-0.9);
  });
});

describe('diff, restore, blame and the feed', () => {
  it('diffs a revision against live and against another revision in words, and restores through the gate', async () => {
    const { revision: r1 } = await publish('lead', 'Before the mixer');
    await edit('mixer', (r) => setStripParam(r.doc, bass, 'gainDb', -4.5));
    const diff = (await (await app.request(`/api/revisions/${r1.id}/diff/live`, { token: tokens.reviewer })).json()) as { diff: { changes: MixChange[]; text: string } };
    expect(diff.diff.changes).toEqual([expect.objectContaining({ path: `tracks/${bass}/strip/gainDb`, label: 'fader', to: -4.5, unit: 'dB' })]);
    expect(diff.diff.text).toMatch(/^bass · fader -7\.0 → -4\.5 dB$/);
    const { revision: r2 } = await publish('lead', 'After the mixer');
    const between = (await (await app.request(`/api/revisions/${r1.id}/diff/${r2.id}`, { token: tokens.mixer })).json()) as { diff: { changes: MixChange[] } };
    expect(between.diff.changes.map((c) => c.path)).toEqual([`tracks/${bass}/strip/gainDb`]);

    const watcher = open('reviewer');
    await synced(watcher);
    const restored = await post('lead', `/api/revisions/${r1.id}/restore`);
    expect(restored.status).toBe(200);
    await until(() => readMix(watcher.doc).tracks.find((t) => t.id === bass)?.strip.gainDb === -7, 'the restored fader in another client');
    expect((await post('lead', `/api/revisions/${r2.id}/restore`)).status).toBe(200);
    await until(() => readMix(watcher.doc).tracks.find((t) => t.id === bass)?.strip.gainDb === -4.5, 'the second restore undoing the first');
  });

  it('a restore that would break a rule is refused whole, and the live document is untouched', async () => {
    const { revision: r } = await publish('lead', 'To be tampered with');
    const [row] = await app.ctx.database.db.select().from(revision).where(eq(revision.id, r.id));
    const snapshot = row.snapshot as { tracks: Array<{ id: string; strip: { gainDb: number; pan: number } }> };
    snapshot.tracks[0].strip.pan = 0.5;
    snapshot.tracks[1].strip.gainDb = 60;
    await app.ctx.database.db.update(revision).set({ snapshot }).where(eq(revision.id, r.id));
    const before = await app.ctx.sync.read(projectId, readMix);
    const res = await post('lead', `/api/revisions/${r.id}/restore`);
    expect(res.status).toBe(409);
    expect(await app.ctx.sync.read(projectId, readMix)).toEqual(before);
  });

  it('blames each parameter on the last of three users who changed it', async () => {
    await edit('lead', (r) => setStripParam(r.doc, bass, 'pan', -0.2));
    await edit('mixer', (r) => setStripParam(r.doc, bass, 'eq.peak1.gainDb', 2));
    await edit('mastering', (r) => setMasterParam(r.doc, 'width', 1.2));
    await edit('mixer', (r) => setStripParam(r.doc, bass, 'pan', 0.3));
    const { blame } = (await (await app.request(`/api/projects/${projectId}/blame`, { token: tokens.reviewer })).json()) as { blame: Record<string, { user: { name: string } | null }> };
    expect(blame[`tracks/${bass}/strip/pan`].user?.name).toBe('Mia Mixer');
    expect(blame[`tracks/${bass}/strip/eq/peak1/gainDb`].user?.name).toBe('Mia Mixer');
    expect(blame['master/width'].user?.name).toBe('Max Master');
    expect(blame[`tracks/${bass}/assignees`].user?.name).toBe('Rev Lead');
    const one = (await (await app.request(`/api/projects/${projectId}/blame?path=${encodeURIComponent('master/width')}`, { token: tokens.reviewer })).json()) as { blame: Record<string, unknown> };
    expect(Object.keys(one.blame)).toEqual(['master/width']);
  });

  it('groups one person\'s edits of one track into one entry, lists revisions, and pages with a cursor', async () => {
    // Someone else's edit in between: the mixer's earlier edits belong to an entry of their own.
    await edit('lead', (r) => setStripParam(r.doc, bass, 'trimDb', 1));
    await edit('mixer', (r) => {
      setStripParam(r.doc, bass, 'eq.peak2.gainDb', 1);
      setStripParam(r.doc, bass, 'eq.peak2.freqHz', 3000);
      setStripParam(r.doc, bass, 'comp.on', true);
    });
    await edit('mixer', (r) => setStripParam(r.doc, bass, 'comp.ratio', 4));
    const page = (await (await app.request(`/api/projects/${projectId}/activity?limit=5`, { token: tokens.reviewer })).json()) as ActivityPage;
    expect(page.entries[0]).toMatchObject({ kind: 'edit', user: { name: 'Mia Mixer' }, count: 4, text: 'Mia Mixer changed bass EQ and compressor (4 parameters)' });
    expect(page.nextCursor).not.toBeNull();
    const all: ActivityPage['entries'] = [...page.entries];
    for (let cursor = page.nextCursor; cursor; ) {
      const next = (await (await app.request(`/api/projects/${projectId}/activity?limit=5&cursor=${encodeURIComponent(cursor)}`, { token: tokens.reviewer })).json()) as ActivityPage;
      all.push(...next.entries);
      cursor = next.nextCursor;
    }
    const texts = all.map((e) => e.text);
    expect(texts).toContain('Rev Lead published revision 1 (mix): First rough');
    expect(texts).toContain('Rev Lead restored revision 4: Before the mixer');
    expect(texts).toContain('Rev Lead added the track bass');
    expect(texts).toContain('Rev Lead assigned bass to Mia Mixer');
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  });

  it('deletes a revision for the lead: a tombstone in the list and the feed, its renders gone', async () => {
    const { revision: r, render } = await publish('lead', 'Throwaway');
    expect((await app.request(`/api/revisions/${r.id}`, { method: 'DELETE', token: tokens.lead })).status).toBe(204);
    const list = ((await (await app.request(`/api/projects/${projectId}/revisions`, { token: tokens.reviewer })).json()) as { revisions: RevisionDto[] }).revisions;
    expect(list.find((x) => x.id === r.id)).toMatchObject({ status: 'deleted', title: 'Throwaway', renders: [], deletedBy: { name: 'Rev Lead' } });
    expect((await app.request(render.audioUrl, { token: tokens.lead })).status).toBe(404);
    expect((await post('lead', `/api/revisions/${r.id}/restore`)).status).toBe(404);
    const feed = (await (await app.request(`/api/projects/${projectId}/activity`, { token: tokens.lead })).json()) as ActivityPage;
    expect(feed.entries.map((e) => e.text)).toContain(`Rev Lead deleted revision ${r.number}: Throwaway`);
  });
});
