import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMix } from '../../lib/doc';
import { readWav } from '../../lib/audio/wav';
import { signUp, startTestApp, type TestApp, type TestUser } from '../testing/test-app';
import { wav24 } from '../testing/wav-fixtures';

let app: TestApp;
let lead: TestUser;
let mastering: TestUser;
let mixer: TestUser;
let stranger: TestUser;
let projectId: string;

beforeAll(async () => {
  app = await startTestApp();
  [lead, mastering, mixer, stranger] = [await signUp(app, 'Ref Lead'), await signUp(app, 'Ref Mastering'), await signUp(app, 'Ref Mixer'), await signUp(app, 'Ref Stranger')];
  const res = await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'References' } });
  projectId = ((await res.json()) as { project: { id: string } }).project.id;
  await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: mastering.email, role: 'mastering' } });
  await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: mixer.email, role: 'mixer' } });
});
afterAll(async () => {
  await app?.close();
});

function upload(user: TestUser, body: Buffer, filename = 'Commercial master.wav'): Promise<Response> {
  return app.request(`/api/projects/${projectId}/references`, {
    method: 'POST',
    body: new Uint8Array(body),
    cookie: user.cookie,
    headers: { 'content-type': 'audio/wav', 'x-filename': encodeURIComponent(filename) },
  });
}

type Listed = { references: Array<{ id: string; name: string; sampleRate: number; durationSec: number; integratedLufs: number | null; audioUrl: string }> };

describe('reference tracks', () => {
  it('the mastering engineer uploads one: measured, at the project rate, kept apart from the stems (no track, not in the mix)', async () => {
    const file = wav24({ sampleRate: 44100, channels: 2, frames: 44100 * 4, freqHz: 440, amplitude: 0.5 });
    const res = await upload(mastering, file);
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as { reference: Listed['references'][number] };
    expect(reference.name).toBe('Commercial master');
    expect(reference.sampleRate).toBe(48000);
    expect(reference.durationSec).toBeCloseTo(4, 3);
    expect(reference.integratedLufs).toBeGreaterThan(-20);
    const mix = await app.ctx.sync.read(projectId, readMix);
    expect(mix.tracks).toHaveLength(0);
    const mixRes = await app.request(`/api/projects/${projectId}/mix`, { cookie: lead.cookie });
    expect(((await mixRes.json()) as { stems: unknown[] }).stems).toHaveLength(0);

    // Every member lists and hears it.
    const list = (await (await app.request(`/api/projects/${projectId}/references`, { cookie: mixer.cookie })).json()) as Listed;
    expect(list.references.map((r) => r.id)).toEqual([reference.id]);
    const audio = await app.request(reference.audioUrl, { cookie: mixer.cookie });
    expect(audio.status).toBe(200);
    const wav = readWav(new Uint8Array(await audio.arrayBuffer()));
    expect(wav.sampleRate).toBe(48000);
    expect(wav.channels[0].length).toBe(48000 * 4);
  });

  it('a mixer may not add or delete one, and a stranger does not see the project', async () => {
    const file = wav24({ sampleRate: 48000, channels: 2, frames: 4800 });
    expect((await upload(mixer, file)).status).toBe(403);
    expect((await upload(stranger, file)).status).toBe(404);
    const list = (await (await app.request(`/api/projects/${projectId}/references`, { cookie: lead.cookie })).json()) as Listed;
    const id = list.references[0].id;
    expect((await app.request(`/api/references/${id}`, { method: 'DELETE', cookie: mixer.cookie })).status).toBe(403);
    expect((await app.request(`/api/references/${id}/audio`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await app.request(`/api/projects/${projectId}/references`, { cookie: stranger.cookie })).status).toBe(404);
  });

  it('the lead deletes one; its audio goes with it', async () => {
    const list = (await (await app.request(`/api/projects/${projectId}/references`, { cookie: lead.cookie })).json()) as Listed;
    const { id, audioUrl } = list.references[0];
    expect((await app.request(`/api/references/${id}`, { method: 'DELETE', cookie: lead.cookie })).status).toBe(204);
    expect((await app.request(audioUrl, { cookie: lead.cookie })).status).toBe(404);
    const after = (await (await app.request(`/api/projects/${projectId}/references`, { cookie: lead.cookie })).json()) as Listed;
    expect(after.references).toHaveLength(0);
  });
});
