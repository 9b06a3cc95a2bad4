import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ensureRoots } from '../../lib/doc';
import { createToken, signUp, startTestApp, type TestApp, type TestUser } from '../testing/test-app';

let app: TestApp;
let lead: TestUser;
let mixer: TestUser;
let reviewer: TestUser;
let stranger: TestUser;
let projectId: string;

beforeAll(async () => {
  app = await startTestApp();
  [lead, mixer, reviewer, stranger] = [await signUp(app, 'Lead'), await signUp(app, 'Mixer'), await signUp(app, 'Reviewer'), await signUp(app, 'Stranger')];
  const res = await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'First song' } });
  expect(res.status).toBe(201);
  projectId = ((await res.json()) as { project: { id: string } }).project.id;
  for (const [u, role] of [
    [mixer, 'mixer'],
    [reviewer, 'reviewer'],
  ] as const) {
    const added = await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: u.email, role } });
    expect(added.status).toBe(201);
  }
});
afterAll(async () => app?.close());

describe('health', () => {
  it('reports ok with the database kind and version', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: 'pglite', version: expect.stringMatching(/^\d+\.\d+\.\d+/), saves: 'ok' });
  });
});

describe('projects', () => {
  it('lists the projects of the caller with their role', async () => {
    const res = await app.request('/api/projects', { cookie: mixer.cookie });
    expect(await res.json()).toEqual({ projects: [expect.objectContaining({ id: projectId, name: 'First song', role: 'mixer' })] });
  });

  it('answers 401 without a session or token and 404 to a stranger', async () => {
    expect((await app.request('/api/projects')).status).toBe(401);
    const res = await app.request(`/api/projects/${projectId}`, { cookie: stranger.cookie });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'project not found' } });
  });

  it('L17: a new project\'s document has every map of its master section before anyone edits it, written by its lead', async () => {
    const res = await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Fresh' } });
    const { project } = (await res.json()) as { project: { id: string } };
    const shape = await app.ctx.sync.read(project.id, (doc) => {
      const master = ensureRoots(doc).master;
      const eq = master.get('eq') as Y.Map<unknown>;
      return { eq: [...eq.keys()].filter((k) => eq.get(k) instanceof Y.Map).sort(), maps: [...master.keys()].filter((k) => master.get(k) instanceof Y.Map).sort() };
    });
    expect(shape.eq).toEqual(['highShelf', 'highpass', 'lowShelf', 'lowpass', 'peak1', 'peak2']);
    expect(shape.maps).toEqual(expect.arrayContaining(['comp', 'eq', 'fadeIn', 'fadeOut', 'limiter']));
  });

  it('lets the lead rename and refuses a reviewer with 403', async () => {
    const denied = await app.request(`/api/projects/${projectId}`, { method: 'PATCH', cookie: reviewer.cookie, json: { name: 'Mine' } });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const ok = await app.request(`/api/projects/${projectId}`, { method: 'PATCH', cookie: lead.cookie, json: { name: 'Renamed song' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { project: { name: string } }).project.name).toBe('Renamed song');
  });

  it('deletes a project for the lead only', async () => {
    const created = await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Scratch' } });
    const id = ((await created.json()) as { project: { id: string } }).project.id;
    expect((await app.request(`/api/projects/${id}`, { method: 'DELETE', cookie: mixer.cookie })).status).toBe(404);
    expect((await app.request(`/api/projects/${id}`, { method: 'DELETE', cookie: lead.cookie })).status).toBe(204);
    expect((await app.request(`/api/projects/${id}`, { cookie: lead.cookie })).status).toBe(404);
  });
});

describe('bad input', () => {
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    app.request('/api/projects', { cookie: lead.cookie, body, headers });

  it('rejects malformed JSON with 400 saying so', async () => {
    const res = await post('{"name": ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/malformed JSON/);
  });

  it('rejects a wrong type, naming the field', async () => {
    const res = await post('{"name": 42}');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_input', message: expect.stringMatching(/^name: /), field: 'name' } });
  });

  it('rejects a project name with a control character, naming the field', async () => {
    const res = await post(JSON.stringify({ name: 'Mix\u0007' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_input', message: 'name: name must not contain control characters', field: 'name' } });
  });

  it('rejects unknown fields, naming them', async () => {
    const res = await post('{"name": "ok", "owner": "me"}');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('unknown field: owner');
  });

  it('rejects an oversized body with 400', async () => {
    const res = await post(JSON.stringify({ name: 'x'.repeat(70_000) }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/larger than 65536 bytes/);
  });

  it('rejects a body that is not JSON', async () => {
    const res = await post('name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(400);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.request('/api/nope', { cookie: lead.cookie });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('CSRF', () => {
  it('refuses a cross-site POST that carries a session cookie, and writes nothing', async () => {
    const before = ((await (await app.request('/api/projects', { cookie: lead.cookie })).json()) as { projects: unknown[] }).projects;
    const res = await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Evil' }, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const none = await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Evil' }, origin: null });
    expect(none.status).toBe(403);
    const after = ((await (await app.request('/api/projects', { cookie: lead.cookie })).json()) as { projects: unknown[] }).projects;
    expect(after).toHaveLength(before.length);
  });

  it('accepts a bearer token without an Origin', async () => {
    const token = await createToken(app, lead);
    const res = await app.request('/api/projects', { token, json: { name: 'Scripted' }, origin: null });
    expect(res.status).toBe(201);
  });
});

describe('members', () => {
  it('lists members with email, name and role', async () => {
    const res = await app.request(`/api/projects/${projectId}/members`, { cookie: reviewer.cookie });
    const { members } = (await res.json()) as { members: { email: string; role: string }[] };
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual(
      [
        [lead.email, 'lead'],
        [mixer.email, 'mixer'],
        [reviewer.email, 'reviewer'],
      ].sort(),
    );
  });

  it('refuses to demote or remove the last lead with 409', async () => {
    const demote = await app.request(`/api/projects/${projectId}/members/${lead.id}`, {
      method: 'PATCH',
      cookie: lead.cookie,
      json: { role: 'mixer' },
    });
    expect(demote.status).toBe(409);
    const remove = await app.request(`/api/projects/${projectId}/members/${lead.id}`, { method: 'DELETE', cookie: lead.cookie });
    expect(remove.status).toBe(409);
  });

  it('refuses a non-lead changing roles with 403 and lets any member leave', async () => {
    const res = await app.request(`/api/projects/${projectId}/members/${reviewer.id}`, {
      method: 'PATCH',
      cookie: mixer.cookie,
      json: { role: 'lead' },
    });
    expect(res.status).toBe(403);
    const extra = await signUp(app, 'Leaver');
    await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: extra.email, role: 'reviewer' } });
    expect((await app.request(`/api/projects/${projectId}/members/${extra.id}`, { method: 'DELETE', cookie: extra.cookie })).status).toBe(204);
    expect((await app.request(`/api/projects/${projectId}`, { cookie: extra.cookie })).status).toBe(404);
  });

  it('rejects an invalid role naming the field', async () => {
    const res = await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: stranger.email, role: 'owner' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('role');
  });
});

describe('invites', () => {
  it('creates a link that a signed-in user accepts once to join with its role', async () => {
    const created = await app.request(`/api/projects/${projectId}/invites`, { cookie: lead.cookie, json: { role: 'mastering' } });
    expect(created.status).toBe(201);
    const { url } = (await created.json()) as { url: string };
    expect(url.startsWith(`${app.ctx.config.publicUrl}/invite/`)).toBe(true);
    const token = url.split('/').pop()!;
    const joiner = await signUp(app, 'Joiner');
    const preview = await app.request(`/api/invites/${token}`, { cookie: joiner.cookie });
    expect(((await preview.json()) as { invite: { role: string } }).invite.role).toBe('mastering');
    expect((await app.request(`/api/invites/${token}/accept`, { method: 'POST', cookie: joiner.cookie, origin: null })).status).toBe(403);
    const accepted = await app.request(`/api/invites/${token}/accept`, { method: 'POST', cookie: joiner.cookie });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { project: { role: string } }).project.role).toBe('mastering');
    const again = await app.request(`/api/invites/${token}/accept`, { method: 'POST', cookie: stranger.cookie });
    expect(again.status).toBe(404);
  });

  it('lists open invites to the lead only and revokes them', async () => {
    const created = await app.request(`/api/projects/${projectId}/invites`, { cookie: lead.cookie, json: { role: 'reviewer' } });
    const { invite } = (await created.json()) as { invite: { id: string } };
    expect((await app.request(`/api/projects/${projectId}/invites`, { cookie: mixer.cookie })).status).toBe(403);
    const list = await app.request(`/api/projects/${projectId}/invites`, { cookie: lead.cookie });
    expect(((await list.json()) as { invites: { id: string }[] }).invites.map((i) => i.id)).toContain(invite.id);
    const del = await app.request(`/api/projects/${projectId}/invites/${invite.id}`, { method: 'DELETE', cookie: lead.cookie });
    expect(del.status).toBe(204);
  });
});

describe('tokens', () => {
  it('shows the secret once, lists without it, and stops working when revoked', async () => {
    const created = await app.request('/api/tokens', { cookie: mixer.cookie, json: { name: 'laptop', expiresInDays: 30 } });
    expect(created.status).toBe(201);
    const { token, apiToken } = (await created.json()) as { token: string; apiToken: { id: string } };
    expect(token).toMatch(/^mxr_/);
    const list = await app.request('/api/tokens', { token });
    const text = await list.text();
    expect(text).toContain(apiToken.id);
    expect(text).not.toContain(token);
    expect((await app.request('/api/projects', { token })).status).toBe(200);
    expect((await app.request(`/api/tokens/${apiToken.id}`, { method: 'DELETE', token })).status).toBe(204);
    expect((await app.request('/api/projects', { token })).status).toBe(401);
  });

  it('refuses a malformed bearer header instead of falling back to the cookie', async () => {
    const res = await app.request('/api/projects', { cookie: lead.cookie, headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
  });
});
