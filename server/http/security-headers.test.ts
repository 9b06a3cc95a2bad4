import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app';

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

describe('security headers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('every page has a CSP whose fresh nonce is on each of its scripts, and nothing else may run', async () => {
    const [a, b] = await Promise.all([app.request('/sign-in'), app.request('/sign-in')]);
    const nonce = nonceOf(a.headers.get('content-security-policy'));
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(b.headers.get('content-security-policy'))).not.toBe(nonce);
    const csp = a.headers.get('content-security-policy')!;
    for (const directive of ["default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "worker-src 'self' blob:"]) expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('a request cannot choose the nonce by sending a CSP header of its own', async () => {
    const res = await app.request('/sign-in', { headers: { 'content-security-policy': "script-src 'nonce-chosenbyattacker'" } });
    expect(res.headers.get('content-security-policy')).not.toContain('chosenbyattacker');
    expect(await res.text()).not.toContain('chosenbyattacker');
  });

  it('pages, the API and errors carry nosniff, frame, referrer and permissions policies; no HSTS over http', async () => {
    for (const path of ['/sign-in', '/api/health', '/api/projects', '/no-such-page']) {
      const res = await app.request(path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('permissions-policy'), path).toContain('camera=()');
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });
});

describe('security headers behind https', () => {
  it('sends HSTS when the public URL is https', async () => {
    const app = await startTestApp({ env: { MIXROOM_PUBLIC_URL: 'https://mix.example.com' } });
    try {
      const res = await app.request('/api/health', { origin: null });
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await app.close();
    }
  });
});
