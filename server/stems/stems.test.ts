import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stem } from '../../db/schema';
import { deleteTrack, readMix } from '../../lib/doc';
import type { ClientRoom } from '../../lib/sync/client-room';
import { readWav } from '../../lib/audio/wav';
import { createToken, signUp, startTestApp, type TestApp, type TestUser } from '../testing/test-app';
import { connectRoom, synced, until } from '../testing/sync-client';
import { CLUSTER_STEM_GRACE_MS, collectStemGarbage } from './stems';
import { wav24, wav24Samples } from '../testing/wav-fixtures';

let app: TestApp;
let lead: TestUser;
let reviewer: TestUser;
let stranger: TestUser;
let leadToken: string;
let projectId: string;
const rooms: ClientRoom[] = [];

beforeAll(async () => {
  app = await startTestApp({ env: { MIXROOM_MAX_UPLOAD_BYTES: String(4 * 1024 * 1024) } });
  [lead, reviewer, stranger] = [await signUp(app, 'Stem Lead'), await signUp(app, 'Stem Reviewer'), await signUp(app, 'Stem Stranger')];
  leadToken = await createToken(app, lead);
  const res = await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Stems' } });
  projectId = ((await res.json()) as { project: { id: string } }).project.id;
  await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: reviewer.email, role: 'reviewer' } });
});
afterAll(async () => {
  rooms.forEach((r) => r.destroy());
  await app?.close();
});

interface UploadOptions {
  token?: string;
  cookie?: string;
  origin?: string | null;
  filename?: string;
  query?: string;
}

function upload(body: Buffer, o: UploadOptions = {}): Promise<Response> {
  return app.request(`/api/projects/${projectId}/stems${o.query ?? ''}`, {
    method: 'POST',
    body: new Uint8Array(body),
    token: o.cookie ? undefined : (o.token ?? leadToken),
    cookie: o.cookie,
    origin: o.origin,
    headers: { 'content-type': 'audio/wav', ...(o.filename !== undefined ? { 'x-filename': encodeURIComponent(o.filename) } : { 'x-filename': 'take.wav' }) },
  });
}

/** Names of the project's tracks matching `pattern`, as the server holds them. */
async function tracksNamed(pattern: RegExp): Promise<string[]> {
  return app.ctx.sync.read(projectId, (doc) => readMix(doc).tracks.map((t) => t.name).filter((n) => pattern.test(n)));
}

type Created = { stem: { id: string; sampleRate: number; sourceSampleRate: number; channels: number; durationSec: number; sha256: string }; trackId: string };

function blobFiles(): string[] {
  const dir = path.join(app.dataDir, 'blobs', 'audio');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

function tmpFiles(): string[] {
  return fs.readdirSync(path.join(app.dataDir, 'tmp'));
}

describe('stem upload', () => {
  it('six 48 kHz stereo 24-bit WAVs each get 201 with rate and channels and a track in the document', async () => {
    const created: Created[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await upload(wav24({ sampleRate: 48000, channels: 2, frames: 4800, freqHz: 200 + 100 * i }), { filename: `Stem ${i + 1}.wav` });
      expect(res.status).toBe(201);
      created.push((await res.json()) as Created);
    }
    for (const c of created) expect(c.stem).toMatchObject({ sampleRate: 48000, sourceSampleRate: 48000, channels: 2, durationSec: 0.1 });
    const room = connectRoom(app.url, projectId, leadToken);
    rooms.push(room);
    await synced(room);
    const tracks = readMix(room.doc).tracks;
    expect(tracks.map((t) => t.name)).toEqual(['Stem 1', 'Stem 2', 'Stem 3', 'Stem 4', 'Stem 5', 'Stem 6']);
    expect(tracks.map((t) => t.stemId)).toEqual(created.map((c) => c.stem.id));
    expect(tracks.map((t) => t.id)).toEqual(created.map((c) => c.trackId));
    expect(tmpFiles()).toEqual([]);
  });

  it('a 48 kHz 24-bit upload comes back sample-exact, and range requests return the right bytes', async () => {
    const source = wav24({ sampleRate: 48000, channels: 2, frames: 2400, freqHz: 997, amplitude: 0.9 });
    const { stem } = (await (await upload(source)).json()) as Created;
    const full = await app.request(`/api/stems/${stem.id}/audio`, { token: leadToken });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('audio/wav');
    expect(full.headers.get('x-content-type-options')).toBe('nosniff');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await full.arrayBuffer());
    const decoded = readWav(new Uint8Array(bytes));
    const expected = wav24Samples(source, 2);
    expect(decoded.channels[0]).toEqual(expected[0]);
    expect(decoded.channels[1]).toEqual(expected[1]);

    const part = await app.request(`/api/stems/${stem.id}/audio`, { token: leadToken, headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 200));
    const past = await app.request(`/api/stems/${stem.id}/audio`, { token: leadToken, headers: { range: `bytes=${bytes.length}-` } });
    expect(past.status).toBe(416);
  });

  it('the same upload twice is stored once', async () => {
    const file = wav24({ sampleRate: 48000, channels: 1, frames: 1000, freqHz: 123 });
    const before = blobFiles().length;
    const a = (await (await upload(file)).json()) as Created;
    const b = (await (await upload(file)).json()) as Created;
    expect(a.stem.sha256).toBe(b.stem.sha256);
    expect(a.stem.id).not.toBe(b.stem.id);
    expect(blobFiles().length).toBe(before + 1);
  });

  it('a non-ASCII file name survives as the track name', async () => {
    const res = await upload(wav24({ sampleRate: 48000, channels: 1, frames: 480 }), { filename: 'Bässe – 低音 🎸.wav' });
    const { trackId } = (await res.json()) as Created;
    const room = connectRoom(app.url, projectId, leadToken);
    rooms.push(room);
    await synced(room);
    expect(readMix(room.doc).tracks.find((t) => t.id === trackId)?.name).toBe('Bässe – 低音 🎸');
  });

  it('serves peaks and analysis behind the access rules', async () => {
    const { stem } = (await (await upload(wav24({ sampleRate: 48000, channels: 2, frames: 4800, amplitude: 0.5 }))).json()) as Created;
    const analysis = await app.request(`/api/stems/${stem.id}/analysis`, { cookie: reviewer.cookie });
    expect(analysis.status).toBe(200);
    const body = (await analysis.json()) as { analysis: { samplePeakDbfs: number } };
    expect(body.analysis.samplePeakDbfs).toBeCloseTo(-6.02, 1);
    expect((await app.request(`/api/stems/${stem.id}/peaks`, { cookie: reviewer.cookie })).status).toBe(200);
    expect((await app.request(`/api/stems/${stem.id}/audio`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await app.request(`/api/stems/${stem.id}/analysis`)).status).toBe(401);
  });
});

describe('bad uploads', () => {
  async function refused(body: Buffer, status: number, message: RegExp, o: UploadOptions = {}) {
    const blobsBefore = blobFiles().length;
    const res = await upload(body, o);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    expect(blobFiles().length).toBe(blobsBefore);
    await until(() => tmpFiles().length === 0, 'the temporary files to go');
  }

  it('a file named .wav that is HTML gets 415 naming what it looks like', async () => {
    await refused(Buffer.from('<!DOCTYPE html><html><body>not audio</body></html>'), 415, /HTML/i);
  });

  it('a truncated WAV gets 422 saying the data runs past the end', async () => {
    const whole = wav24({ sampleRate: 48000, channels: 2, frames: 4800 });
    await refused(whole.subarray(0, 2000), 422, /past the end|truncated/i);
  });

  it('a WAV whose header claims hours of audio gets 422', async () => {
    const file = wav24({ sampleRate: 48000, channels: 2, frames: 100 });
    file.writeUInt32LE(0xfffffff0, 40);
    file.writeUInt32LE(0xfffffff0, 4);
    await refused(file, 422, /.+/);
  });

  it('an empty body gets 400 and a body over the limit 413', async () => {
    await refused(Buffer.alloc(0), 400, /empty/);
    await refused(Buffer.alloc(5 * 1024 * 1024), 413, /larger than the limit/);
  });

  it('a reviewer gets 403, a stranger 404, a cross-site cookie upload 403, and no X-Filename 400', async () => {
    const file = wav24({ sampleRate: 48000, channels: 1, frames: 480 });
    await refused(file, 403, /lead/, { token: await createToken(app, reviewer) });
    await refused(file, 404, /not found/, { token: await createToken(app, stranger) });
    await refused(file, 403, /Origin/, { cookie: lead.cookie, origin: 'https://evil.example' });
    const res = await app.request(`/api/projects/${projectId}/stems`, { method: 'POST', body: new Uint8Array(file), token: leadToken });
    expect(res.status).toBe(400);
  });

  it('an X-Filename with a NUL, a newline or a C1 control gets 400 naming the field, and nothing is stored', async () => {
    const file = wav24({ sampleRate: 48000, channels: 1, frames: 480 });
    for (const filename of ['take\u0000.wav', 'two\nlines.wav', 'c1\u0085.wav']) {
      const res = await upload(file, { filename });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'invalid_input', message: 'X-Filename must not contain control characters', field: 'X-Filename' } });
    }
    expect(await tracksNamed(/[\u0000-\u001f\u0085]/)).toEqual([]);
  });

  it('?trackId= of a track that does not exist gets 404', async () => {
    await refused(wav24({ sampleRate: 48000, channels: 1, frames: 480 }), 404, /no track/, { query: '?trackId=nope' });
  });
});

describe('stem references', () => {
  it('replacing and deleting tracks removes stems and blobs no one uses any more', async () => {
    const first = (await (await upload(wav24({ sampleRate: 48000, channels: 1, frames: 480, freqHz: 3111 }))).json()) as Created;
    const replaced = await upload(wav24({ sampleRate: 48000, channels: 1, frames: 480, freqHz: 3222 }), { query: `?trackId=${first.trackId}` });
    expect(replaced.status).toBe(201);
    const second = (await replaced.json()) as Created;
    expect(second.trackId).toBe(first.trackId);
    await until(() => !blobFiles().includes(`${first.stem.sha256}.wav`), 'the replaced blob to go');
    expect((await app.request(`/api/stems/${first.stem.id}/analysis`, { token: leadToken })).status).toBe(404);

    const room = connectRoom(app.url, projectId, leadToken);
    rooms.push(room);
    await synced(room);
    deleteTrack(room.doc, first.trackId);
    await until(() => !blobFiles().includes(`${second.stem.sha256}.wav`), 'the deleted track blob to go');
    expect((await app.request(`/api/stems/${second.stem.id}/analysis`, { token: leadToken })).status).toBe(404);
  });

  it('a collection that read the document before an upload finished does not take that upload', async () => {
    // The race two uploads at once ran into: one upload's edit starts a collection, which reads the
    // tracks; the other upload then inserts its row, edits and leaves "in flight"; the collection's
    // delete must still keep it. Here the collection waits after reading the tracks until it has.
    const ctx = app.ctx.stemContext;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let readDone!: () => void;
    const read = new Promise<void>((resolve) => (readDone = resolve));
    const sync = Object.create(ctx.sync) as typeof ctx.sync;
    sync.read = async (id, fn) => {
      const result = await ctx.sync.read(id, fn);
      readDone();
      await released;
      return result;
    };
    const collecting = collectStemGarbage({ ...ctx, sync }, projectId);
    await read;
    const res = await upload(wav24({ sampleRate: 48000, channels: 1, frames: 480, freqHz: 3333 }), { filename: 'Late.wav' });
    expect(res.status).toBe(201);
    const late = (await res.json()) as Created;
    release();
    expect(await collecting).toBe(0);
    expect((await app.request(`/api/stems/${late.stem.id}/analysis`, { token: leadToken })).status).toBe(200);
    expect(blobFiles()).toContain(`${late.stem.sha256}.wav`);
  });

  it('with several instances, a stem row no track points at yet is kept for the grace period, then collected', async () => {
    // Another instance's upload: its row is here, its edit not yet (Redis carries it).
    const ctx = app.ctx.stemContext;
    const [some] = await ctx.db.select().from(stem).where(eq(stem.projectId, projectId)).limit(1);
    const id = crypto.randomUUID();
    await ctx.db.insert(stem).values({ ...some, id, sha256: 'f'.repeat(64), createdAt: new Date() });
    const sync = Object.create(ctx.sync) as typeof ctx.sync;
    Object.defineProperty(sync, 'cluster', { value: {} });
    const exists = async () => (await ctx.db.select({ id: stem.id }).from(stem).where(eq(stem.id, id))).length === 1;
    expect(await collectStemGarbage({ ...ctx, sync }, projectId)).toBe(0);
    expect(await exists()).toBe(true);
    const later = () => new Date(Date.now() + CLUSTER_STEM_GRACE_MS + 1000);
    expect(await collectStemGarbage({ ...ctx, sync, now: later }, projectId)).toBe(1);
    expect(await exists()).toBe(false);
  });
});
