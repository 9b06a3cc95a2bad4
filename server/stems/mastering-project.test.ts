import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTrack, deleteTrack, readMix, renameTrack } from '../../lib/doc';
import { createToken, signUp, startTestApp, type TestApp, type TestUser } from '../testing/test-app';
import { wav24 } from '../testing/wav-fixtures';

let app: TestApp;
let lead: TestUser;
let token: string;

beforeAll(async () => {
  app = await startTestApp();
  lead = await signUp(app, 'Mastering Lead');
  token = await createToken(app, lead);
});
afterAll(async () => {
  await app?.close();
});

interface Created {
  project: { id: string; name: string; kind: string; role: string };
  stem: { id: string; channels: number };
  trackId: string;
}

function createMastering(body: Buffer, o: { name?: string; filename?: string } = {}): Promise<Response> {
  return app.request('/api/mastering-projects', {
    method: 'POST',
    body: new Uint8Array(body),
    token,
    headers: {
      'content-type': 'audio/wav',
      'x-project-name': encodeURIComponent(o.name ?? 'Remaster'),
      'x-filename': encodeURIComponent(o.filename ?? 'Old record.wav'),
    },
  });
}

function uploadStem(projectId: string, body: Buffer, query = ''): Promise<Response> {
  return app.request(`/api/projects/${projectId}/stems${query}`, {
    method: 'POST',
    body: new Uint8Array(body),
    token,
    headers: { 'content-type': 'audio/wav', 'x-filename': 'another.wav' },
  });
}

async function projectNames(): Promise<string[]> {
  const res = await app.request('/api/projects', { token });
  return ((await res.json()) as { projects: Array<{ name: string }> }).projects.map((p) => p.name);
}

const stereo = (freqHz = 220) => wav24({ sampleRate: 48000, channels: 2, frames: 9600, freqHz });

describe('mastering-only projects', () => {
  it('M1: one request makes the project with its stereo mix as its only track, and the master section', async () => {
    const res = await createMastering(stereo(), { name: 'Remaster one' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created.project).toMatchObject({ name: 'Remaster one', kind: 'mastering', role: 'lead' });
    expect(created.stem.channels).toBe(2);
    const mix = await app.ctx.sync.read(created.project.id, readMix);
    expect(mix.tracks.map((t) => [t.id, t.name, t.stemId])).toEqual([[created.trackId, 'Old record', created.stem.id]]);
    // The master section's maps exist before anyone edits them (SPEC L17), made in the same edit.
    expect(await app.ctx.sync.read(created.project.id, (doc) => doc.getMap('master').get('limiter') instanceof Y.Map)).toBe(true);
    expect(await projectNames()).toContain('Remaster one');
  });

  it('M1: a mono file is refused with 422 saying why, and no project is left behind', async () => {
    const res = await createMastering(wav24({ sampleRate: 48000, channels: 1, frames: 9600 }), { name: 'Mono attempt' });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('unprocessable');
    expect(error.message).toContain('stereo mix: this file has 1 channel');
    expect(await projectNames()).not.toContain('Mono attempt');
  });

  it('M1: a file that is not audio, a missing name or a JSON request for an empty mastering project make no project', async () => {
    const notAudio = await createMastering(Buffer.from('this is not a wav file at all, just text'.repeat(20)), { name: 'Text attempt' });
    expect(notAudio.status).toBe(415);
    const noName = await app.request('/api/mastering-projects', { method: 'POST', body: new Uint8Array(stereo()), token, headers: { 'x-filename': 'a.wav' } });
    expect(noName.status).toBe(400);
    expect(((await noName.json()) as { error: { message: string } }).error.message).toContain('X-Project-Name is missing');
    const empty = await app.request('/api/projects', { token, json: { name: 'Empty attempt', kind: 'mastering' } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toContain('/api/mastering-projects');
    expect(await projectNames()).not.toEqual(expect.arrayContaining(['Text attempt', 'Empty attempt']));
  });

  it('M1: a second stem is refused (409), a mono replacement too (422); a stereo mix replaces the one source', async () => {
    const created = (await (await createMastering(stereo(), { name: 'Remaster two' })).json()) as Created;
    const projectId = created.project.id;
    const second = await uploadStem(projectId, stereo(330));
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { message: string } }).error.message).toContain('exactly one source');
    const mono = await uploadStem(projectId, wav24({ sampleRate: 48000, channels: 1, frames: 9600 }), `?trackId=${created.trackId}`);
    expect(mono.status).toBe(422);
    const replaced = await uploadStem(projectId, stereo(440), `?trackId=${created.trackId}`);
    expect(replaced.status).toBe(201);
    const { stem } = (await replaced.json()) as Created;
    const mix = await app.ctx.sync.read(projectId, readMix);
    expect(mix.tracks.map((t) => [t.id, t.stemId])).toEqual([[created.trackId, stem.id]]);
  });

  it('M1: through the live document the server refuses, even to the lead, a second track and deleting the one track; renaming it goes through', async () => {
    const created = (await (await createMastering(stereo(), { name: 'Remaster three' })).json()) as Created;
    const projectId = created.project.id;
    const asLead = { userId: lead.id, role: 'lead' } as const;
    const added = await app.ctx.sync.editAs(projectId, asLead, (doc) => createTrack(doc, 'extra', { name: 'Extra' }));
    expect(added).toMatchObject({ ok: false, code: 'forbidden', rule: 'M1', path: 'tracks/extra' });
    const deleted = await app.ctx.sync.editAs(projectId, asLead, (doc) => deleteTrack(doc, created.trackId));
    expect(deleted).toMatchObject({ ok: false, rule: 'M1' });
    // The server's own edits count as the upload's only while the document has no track.
    const renamed = await app.ctx.sync.editAs(projectId, asLead, (doc) => renameTrack(doc, created.trackId, 'Old record (2026)'));
    expect(renamed.ok).toBe(true);
    const mix = await app.ctx.sync.read(projectId, readMix);
    expect(mix.tracks.map((t) => [t.id, t.name, t.stemId])).toEqual([[created.trackId, 'Old record (2026)', created.stem.id]]);
  });
});
