import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, type TestUser } from '../testing/test-app';

/** Sign-in as a studio behind one address does it, and as a password guesser does (README "Accounts"). */
describe('failed sign-in limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Failures limited per account (5 per 15 min, the default) and per address (lowered to 12 to
    // keep the test short); the request-rate limit is the test app's generous one (below).
    app = await startTestApp({ env: { MIXROOM_AUTH_FAILURES_PER_ADDRESS: '12' } });
  });
  afterAll(async () => app?.close());

  const signIn = (user: Pick<TestUser, 'email'>, password: string) => app.request('/api/auth/sign-in/email', { json: { email: user.email, password } });

  it('lets ten people behind one address sign in at once, a few typos included', async () => {
    const people = [];
    for (let i = 0; i < 10; i++) people.push(await signUp(app, `Studio ${i}`));
    expect((await signIn(people[0], 'not my password')).status).toBe(401);
    expect((await signIn(people[1], 'not my password')).status).toBe(401);
    const statuses = await Promise.all(people.map((p) => signIn(p, p.password).then((r) => r.status)));
    expect(statuses).toEqual(Array(10).fill(200));
  });

  it('never counts successful sign-ins: one account signs in 12 times in a row', async () => {
    const user = await signUp(app, 'Regular');
    for (let i = 0; i < 12; i++) expect((await signIn(user, user.password)).status).toBe(200);
  });

  it('refuses a 6th attempt on an account after 5 failures, even with the right password, with Retry-After; other accounts are unaffected', async () => {
    const victim = await signUp(app, 'Victim');
    const bystander = await signUp(app, 'Bystander');
    for (let i = 0; i < 5; i++) expect((await signIn(victim, `guess number ${i}`)).status).toBe(401);
    const blocked = await signIn(victim, victim.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(Number(blocked.headers.get('x-retry-after'))).toBe(Number(blocked.headers.get('retry-after')));
    expect(((await blocked.json()) as { message: string }).message).toMatch(/too many failed sign-ins/);
    expect((await signIn(bystander, bystander.password)).status).toBe(200);
  });

  it('refuses an address that fails on many accounts, after its budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn({ email: `nobody${i}@example.com` }, 'wrong password')).status);
    // 2 failures in the first test, 5 in the third, and these: the budget of 12 ends at the 6th.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });
});
