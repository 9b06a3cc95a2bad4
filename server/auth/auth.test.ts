import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie, signUp, startTestApp, type TestApp } from '../testing/test-app';

describe('accounts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('signs up, signs in with the password, and signs out', async () => {
    const user = await signUp(app, 'Sam');
    expect(user.cookie).toMatch(/session_token=/);
    const session = await app.request('/api/auth/get-session', { cookie: user.cookie });
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe(user.email);

    const wrong = await app.request('/api/auth/sign-in/email', { json: { email: user.email, password: 'not the password' } });
    expect(wrong.status).toBe(401);
    const signIn = await app.request('/api/auth/sign-in/email', { json: { email: user.email, password: user.password } });
    expect(signIn.status).toBe(200);
    const cookie = sessionCookie(signIn);
    expect((await app.request('/api/projects', { cookie })).status).toBe(200);

    expect((await app.request('/api/auth/sign-out', { method: 'POST', cookie, json: {} })).status).toBe(200);
    expect((await app.request('/api/projects', { cookie })).status).toBe(401);
  });

  it('changes the password: the old one stops working, the new one works', async () => {
    const user = await signUp(app, 'Changer');
    const res = await app.request('/api/auth/change-password', {
      cookie: user.cookie,
      json: { currentPassword: user.password, newPassword: 'a brand new secret', revokeOtherSessions: false },
    });
    expect(res.status).toBe(200);
    const old = await app.request('/api/auth/sign-in/email', { json: { email: user.email, password: user.password } });
    expect(old.status).toBe(401);
    const fresh = await app.request('/api/auth/sign-in/email', { json: { email: user.email, password: 'a brand new secret' } });
    expect(fresh.status).toBe(200);
  });

  it('refuses a short password, a common one, a name with a control character, and a duplicate email', async () => {
    const short = await app.request('/api/auth/sign-up/email', { json: { name: 'S', email: 'short@example.com', password: 'abcdefghi' } });
    expect(short.status).toBe(400);
    for (const password of ['password', 'qwertyuiop', 'Password123', '1q2w3e4r5t']) {
      const common = await app.request('/api/auth/sign-up/email', { json: { name: 'C', email: 'common@example.com', password } });
      expect(common.status, password).toBe(400);
      expect((await common.json()) as { message: string; field: string }).toMatchObject({ field: password.length < 10 ? expect.any(String) : 'password' });
    }
    const nul = await app.request('/api/auth/sign-up/email', { json: { name: 'Nul\u0000Name', email: 'nul@example.com', password: 'long enough pw' } });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ field: 'name', message: 'name must not contain control characters' });
    const user = await signUp(app, 'Twice');
    const dup = await app.request('/api/auth/sign-up/email', { json: { name: 'T', email: user.email, password: 'long enough pw' } });
    expect(dup.status).toBe(422);
  });

  it('refuses changing to a common password', async () => {
    const user = await signUp(app, 'Lazy');
    const res = await app.request('/api/auth/change-password', { cookie: user.cookie, json: { currentPassword: user.password, newPassword: 'iloveyou123' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'newPassword', message: expect.stringMatching(/most common/) });
  });

  it("refuses a sign-up posted from another site's page", async () => {
    const res = await app.request('/api/auth/sign-up/email', {
      json: { name: 'X', email: 'csrf@example.com', password: 'long enough pw' },
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
  });
});
