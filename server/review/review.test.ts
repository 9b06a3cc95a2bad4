import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../../db/create-db';
import type { CommentDto, ReviewDto, RevisionDto, UnreadDto } from '../../lib/api/dto';
import type { ActivityPage } from '../activity/activity';
import { publishCommand } from '../cli/publish-command';
import { until } from '../testing/sync-client';
import { createToken, signUp, startTestApp, type TestApp, type TestUser } from '../testing/test-app';
import { wav24 } from '../testing/wav-fixtures';
import { signWebhook } from './webhooks';

/** A webhook receiver (on `port`, or a free one) that checks signatures and can be told to fail. */
async function startReceiver(secret: () => string, port = 0) {
  const received: Array<{ event: string; body: Record<string, unknown>; valid: boolean }> = [];
  let failures = 0;
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        res.writeHead(500).end();
        return;
      }
      const signature = String(req.headers['x-mixroom-signature'] ?? '');
      const t = Number(/t=(\d+)/.exec(signature)?.[1]);
      received.push({ event: String(req.headers['x-mixroom-event']), body: JSON.parse(text) as Record<string, unknown>, valid: signature === signWebhook(secret(), t, text) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    failNext: (n: number) => (failures = n),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const ENV = { MIXROOM_WEBHOOK_ALLOW_PRIVATE: '1', MIXROOM_WEBHOOK_RETRY_MS: '50' };
let database: Database;
let app: TestApp;
let lead: TestUser;
let mastering: TestUser;
let reviewer: TestUser;
let mixer: TestUser;
let stranger: TestUser;
const tokens: Record<string, string> = {};
let projectId: string;
let mix: RevisionDto;
let secret = '';
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  database = await createDb({});
  app = await startTestApp({ database, env: ENV });
  receiver = await startReceiver(() => secret);
  [lead, mastering, reviewer, mixer, stranger] = await Promise.all(['Lee Lead', 'Max Master', 'Rita Reviewer', 'Mia Mixer', 'Sam Stranger'].map((n) => signUp(app, n)));
  for (const [k, u] of Object.entries({ lead, mastering, reviewer, mixer, stranger })) tokens[k] = await createToken(app, u);
  projectId = ((await (await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Review' } })).json()) as { project: { id: string } }).project.id;
  for (const [u, role] of [[mastering, 'mastering'], [reviewer, 'reviewer'], [mixer, 'mixer']] as const) {
    await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: u.email, role } });
  }
  const hook = await app.request(`/api/projects/${projectId}/webhooks`, { cookie: lead.cookie, json: { url: receiver.url } });
  expect(hook.status).toBe(201);
  secret = ((await hook.json()) as { webhook: { secret: string } }).webhook.secret;
  await app.request(`/api/projects/${projectId}/stems`, { method: 'POST', body: new Uint8Array(wav24({ sampleRate: 48000, channels: 2, frames: 48000 })), token: tokens.lead, headers: { 'x-filename': 'bass.wav' } });
  mix = (await publishCommand({ url: app.url, token: tokens.lead, project: projectId, title: 'Mix 1', master: false, progress: () => undefined })).revision;
});
afterAll(async () => {
  await app?.close();
  await receiver?.close();
  await database?.close();
});

const call = (who: string, method: string, p: string, json?: unknown) => app.request(p, { method, token: tokens[who], ...(json !== undefined ? { json } : {}) });
const decide = (who: string, json: Record<string, unknown>) => call(who, 'POST', `/api/projects/${projectId}/review`, json);

describe('comments', () => {
  it('every member comments at a time, a range and on a track, and replies; strangers get 404; the text comes back as written', async () => {
    const hostile = '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) \u202Egnp.exe';
    const res = await call('reviewer', 'POST', `/api/revisions/${mix.id}/comments`, { body: hostile, atSec: 42, endSec: 44.5 });
    expect(res.status).toBe(201);
    const created = ((await res.json()) as { comment: CommentDto }).comment;
    expect(created).toMatchObject({ body: hostile, atSec: 42, endSec: 44.5, author: { name: 'Rita Reviewer', color: expect.stringMatching(/^#/) }, resolved: false });
    const reply = await call('mixer', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'On it', atSec: 42, parentId: created.id });
    expect(reply.status).toBe(201);
    expect((await call('stranger', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'hi', atSec: 1 })).status).toBe(404);
    expect((await call('stranger', 'GET', `/api/revisions/${mix.id}/comments`)).status).toBe(404);
    expect((await call('reviewer', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'x', atSec: 5, endSec: 4 })).status).toBe(400);
    expect((await call('reviewer', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'bell\u0007', atSec: 5 })).status).toBe(400);
    expect((await call('reviewer', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'x', atSec: 5, trackId: 'nope' })).status).toBe(400);
    const list = ((await (await call('lead', 'GET', `/api/revisions/${mix.id}/comments`)).json()) as { comments: CommentDto[] }).comments;
    expect(list.map((c) => [c.body, c.parentId])).toEqual([
      [hostile, null],
      ['On it', created.id],
    ]);
  });

  it('edits and deletes your own, the lead deletes any; resolving follows the roles', async () => {
    const c = ((await (await call('reviewer', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'Too loud', atSec: 10 })).json()) as { comment: CommentDto }).comment;
    expect((await call('mixer', 'PATCH', `/api/comments/${c.id}`, { body: 'hacked' })).status).toBe(403);
    const edited = ((await (await call('reviewer', 'PATCH', `/api/comments/${c.id}`, { body: 'Too loud at 0:10' })).json()) as { comment: CommentDto }).comment;
    expect(edited).toMatchObject({ body: 'Too loud at 0:10', editedAt: expect.any(String) });
    const mine = ((await (await call('mixer', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'Fixed?', atSec: 11 })).json()) as { comment: CommentDto }).comment;
    expect((await call('reviewer', 'PATCH', `/api/comments/${mine.id}`, { resolved: true })).status).toBe(403);
    expect(((await (await call('mixer', 'PATCH', `/api/comments/${c.id}`, { resolved: true })).json()) as { comment: CommentDto }).comment).toMatchObject({ resolved: true, resolvedBy: { name: 'Mia Mixer' } });
    expect(((await (await call('reviewer', 'PATCH', `/api/comments/${c.id}`, { resolved: false })).json()) as { comment: CommentDto }).comment.resolved).toBe(false);
    expect((await call('reviewer', 'DELETE', `/api/comments/${mine.id}`)).status).toBe(403);
    expect((await call('lead', 'DELETE', `/api/comments/${mine.id}`)).status).toBe(204);
    expect((await call('reviewer', 'DELETE', `/api/comments/${c.id}`)).status).toBe(204);
    const list = ((await (await call('lead', 'GET', `/api/revisions/${mix.id}/comments`)).json()) as { comments: CommentDto[] }).comments;
    expect(list.filter((x) => x.id === c.id || x.id === mine.id)).toEqual([expect.objectContaining({ deleted: true, body: '' }), expect.objectContaining({ deleted: true, body: '' })]);
  });
});

describe('the review workflow', () => {
  it('refuses every decision of a reviewer (403) and illegal transitions with the reason (409)', async () => {
    for (const action of ['submit_mix', 'approve_mix', 'send_back', 'submit_master', 'approve_master', 'reopen']) {
      expect((await decide('reviewer', { action, note: 'n', revisionId: mix.id })).status, action).toBe(403);
    }
    const early = await decide('lead', { action: 'approve_mix' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { message: string } }).error.message).toBe('the project is in mixing: a mix is approved once it is submitted for review');
    expect((await decide('mastering', { action: 'submit_mix', revisionId: mix.id })).status).toBe(403);
    expect((await decide('lead', { action: 'submit_mix' })).status).toBe(400);
  });

  it('mix review, mastering, send-back with a note that becomes a comment; every decision recorded, in the feed, and sent to the webhook', async () => {
    expect((await decide('lead', { action: 'submit_mix', revisionId: mix.id })).status).toBe(200);
    expect((await decide('lead', { action: 'approve_mix' })).status).toBe(200);
    expect((await decide('mastering', { action: 'send_back', note: '   ' })).status).toBe(400);
    const back = await decide('mastering', { action: 'send_back', note: 'The low end is muddy below 80 Hz' });
    const review = ((await back.json()) as { review: ReviewDto }).review;
    expect(review.state).toBe('mixing');
    expect(review.history.map((h) => [h.action, h.from, h.to, h.user?.name])).toEqual([
      ['send_back', 'mastering', 'mixing', 'Max Master'],
      ['approve_mix', 'mix_review', 'mastering', 'Lee Lead'],
      ['submit_mix', 'mixing', 'mix_review', 'Lee Lead'],
    ]);
    expect(review.history[0]).toMatchObject({ note: 'The low end is muddy below 80 Hz', revision: { number: mix.number } });
    const comments = ((await (await call('lead', 'GET', `/api/revisions/${mix.id}/comments`)).json()) as { comments: CommentDto[] }).comments;
    expect(comments.some((c) => c.body === 'Sent back: The low end is muddy below 80 Hz' && c.author?.name === 'Max Master')).toBe(true);
    const feed = ((await (await call('reviewer', 'GET', `/api/projects/${projectId}/activity`)).json()) as ActivityPage).entries.map((e) => e.text);
    expect(feed).toContain(`Max Master sent the mix back (revision ${mix.number}): The low end is muddy below 80 Hz`);
    expect(feed).toContain(`Lee Lead approved the mix (revision ${mix.number})`);
    expect(feed).toContain(`Rita Reviewer commented on revision ${mix.number} at 0:42.0`);
    await until(() => receiver.received.filter((r) => r.event === 'review.decided').length === 3, 'three signed decisions at the receiver');
    expect(receiver.received.every((r) => r.valid)).toBe(true);
    expect(receiver.received.map((r) => r.event)).toEqual(expect.arrayContaining(['revision.published', 'comment.created', 'review.decided']));
    const sentBack = receiver.received.find((r) => (r.body.data as { action?: string }).action === 'send_back')!;
    expect(sentBack.body).toMatchObject({ event: 'review.decided', projectId, data: { from: 'mastering', to: 'mixing', note: 'The low end is muddy below 80 Hz' } });
  });
});

describe('unread comments and decisions', () => {
  const unread = async (who: string) => ((await (await call(who, 'GET', `/api/projects/${projectId}/unread`)).json()) as { unread: UnreadDto }).unread;
  const markRead = (who: string, json: unknown) => call(who, 'POST', `/api/projects/${projectId}/unread`, json);

  it("counts what others wrote since each member last read, per revision and for decisions; one's own never counts", async () => {
    const before = await unread('lead');
    expect(before.total).toBe(before.comments + before.decisions);
    // The reviewer's comments and the mastering engineer's send-back (a decision and its comment).
    expect(before.decisions).toBe(1);
    expect(before.byRevision[mix.id]).toBe(before.comments);
    expect(before.comments).toBeGreaterThan(0);

    const cleared = ((await (await markRead('lead', { revisionId: mix.id, decisions: true })).json()) as { unread: UnreadDto }).unread;
    expect(cleared).toEqual({ comments: 0, decisions: 0, total: 0, byRevision: {} });
    await call('reviewer', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'One more thing', atSec: 20 });
    await call('lead', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'My own note', atSec: 21 });
    const deleted = ((await (await call('mixer', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'Never mind', atSec: 22 })).json()) as { comment: CommentDto }).comment;
    await call('mixer', 'DELETE', `/api/comments/${deleted.id}`);
    expect(await unread('lead')).toEqual({ comments: 1, decisions: 0, total: 1, byRevision: { [mix.id]: 1 } });
    // The reviewer has read nothing yet: all three decisions and the lead's comment count for them, their own comments do not.
    const theirs = await unread('reviewer');
    expect(theirs.decisions).toBe(3);
    expect(theirs.byRevision[mix.id]).toBe(theirs.comments);
  });

  it('refuses a mark of nothing (400), of another project\'s revision or by a stranger (404)', async () => {
    expect((await markRead('lead', {})).status).toBe(400);
    expect((await markRead('lead', { decisions: false })).status).toBe(400);
    expect((await markRead('lead', { revisionId: 'nope' })).status).toBe(404);
    expect((await markRead('stranger', { decisions: true })).status).toBe(404);
    expect((await call('stranger', 'GET', `/api/projects/${projectId}/unread`)).status).toBe(404);
  });
});

describe('webhooks', () => {
  it('only the lead manages them; only http(s); loopback refused unless the operator allows it', async () => {
    expect((await call('mastering', 'POST', `/api/projects/${projectId}/webhooks`, { url: receiver.url })).status).toBe(403);
    expect((await call('lead', 'POST', `/api/projects/${projectId}/webhooks`, { url: 'ftp://example.com/x' })).status).toBe(400);
    const strict = await startTestApp({ database, env: { MIXROOM_WEBHOOK_ALLOW_PRIVATE: '0' } });
    try {
      const res = await strict.request(`/api/projects/${projectId}/webhooks`, { token: tokens.lead, json: { url: 'http://127.0.0.1:9/hook' } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/loopback or private/);
    } finally {
      await strict.close();
    }
  });

  it('a receiver that fails twice then succeeds gets exactly one accepted delivery, and the log says so', async () => {
    const before = receiver.received.length;
    receiver.failNext(2);
    await call('reviewer', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'Retry me', atSec: 3 });
    await until(() => receiver.received.length === before + 1, 'the delivery after two failures');
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.length).toBe(before + 1);
    const [hook] = ((await (await call('lead', 'GET', `/api/projects/${projectId}/webhooks`)).json()) as { webhooks: Array<{ id: string }> }).webhooks;
    const log = ((await (await call('lead', 'GET', `/api/projects/${projectId}/webhooks/${hook.id}/deliveries`)).json()) as { deliveries: Array<{ event: string; status: string; attempts: number; lastStatus: number }> }).deliveries;
    expect(log[0]).toMatchObject({ event: 'comment.created', status: 'delivered', attempts: 3, lastStatus: 204 });
    expect((await call('reviewer', 'GET', `/api/projects/${projectId}/webhooks/${hook.id}/deliveries`)).status).toBe(403);
  });

  it('events left undelivered when the server stops are delivered after it starts again', async () => {
    const before = receiver.received.length;
    await receiver.close();
    await call('lead', 'POST', `/api/revisions/${mix.id}/comments`, { body: 'While it was down', atSec: 7 });
    await new Promise((r) => setTimeout(r, 200));
    await app.close();
    receiver = await startReceiver(() => secret, Number(new URL(receiver.url).port));
    app = await startTestApp({ database, env: ENV });
    await until(() => receiver.received.some((r) => (r.body.data as { body?: string }).body === 'While it was down'), 'the delivery after the restart', 20_000);
    expect(receiver.received.every((r) => r.valid)).toBe(true);
    expect(before).toBeGreaterThan(0);
  });
});
