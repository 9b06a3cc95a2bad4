import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../testing/test-app';

// A file of its own: better-auth keeps its in-memory request counters per process (module state),
// so the requests of other suites would count against this one.
describe('the credential request limit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ credentialRateLimit: 'default', env: { MIXROOM_AUTH_ATTEMPTS_PER_10S: '5' } });
  });
  afterAll(async () => app?.close());

  it('answers 429 with a retry header past MIXROOM_AUTH_ATTEMPTS_PER_10S requests from one address, whatever their outcome', async () => {
    const user = await signUp(app, 'Flooder');
    const statuses: number[] = [];
    let retry: string | null = null;
    for (let i = 0; i < 6; i++) {
      const res = await app.request('/api/auth/sign-in/email', { json: { email: user.email, password: user.password } });
      statuses.push(res.status);
      if (res.status === 429) retry = res.headers.get('x-retry-after');
    }
    // Counted per path: the sign-up before them is not among the five.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(retry)).toBeGreaterThan(0);
  });
});
