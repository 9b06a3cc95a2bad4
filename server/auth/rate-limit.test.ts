import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app';

// A file of its own: better-auth keeps its in-memory rate-limit counters per process (module state),
// so the requests of other suites would count against this one.
describe('the credential rate limiter', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ credentialRateLimit: 'default' });
  });
  afterAll(async () => app?.close());

  it('answers 429 with a retry header after 3 sign-in attempts in 10 s from one address', async () => {
    const statuses: number[] = [];
    let retry: string | null = null;
    for (let i = 0; i < 4; i++) {
      const res = await app.request('/api/auth/sign-in/email', { json: { email: 'nobody@example.com', password: 'whatever123' } });
      statuses.push(res.status);
      if (res.status === 429) retry = res.headers.get('x-retry-after');
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(Number(retry)).toBeGreaterThan(0);
  });
});
