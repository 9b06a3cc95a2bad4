/**
 * Users, projects and a token for our server, through its public HTTP API. better-auth allows 3
 * sign-ups per 10 s per address, so the bench signs up ONE user, makes them lead of every project
 * and connects every client with that user's single API token (the gate treats all as the lead).
 */
export interface BenchAccount {
  token: string;
  projectIds: string[];
}

async function call(baseUrl: string, p: string, init: { json?: unknown; cookie?: string; token?: string }): Promise<Response> {
  const headers: Record<string, string> = { origin: baseUrl, 'content-type': 'application/json' };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return fetch(`${baseUrl}${p}`, { method: 'POST', headers, body: JSON.stringify(init.json ?? {}), redirect: 'manual' });
}

async function expectStatus(res: Response, status: number, what: string): Promise<unknown> {
  if (res.status !== status) throw new Error(`${what} failed: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

export async function createAccount(baseUrl: string, projects: number): Promise<BenchAccount> {
  const email = `bench.${Date.now()}@example.com`;
  const signUp = await call(baseUrl, '/api/auth/sign-up/email', { json: { name: 'Bench Lead', email, password: 'correct horse battery' } });
  await expectStatus(signUp, 200, 'sign-up');
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { token } = (await expectStatus(await call(baseUrl, '/api/tokens', { cookie, json: { name: 'sync bench' } }), 201, 'token creation')) as {
    token: string;
  };
  const projectIds: string[] = [];
  for (let i = 0; i < projects; i++) {
    const body = (await expectStatus(await call(baseUrl, '/api/projects', { token, json: { name: `Bench room ${i + 1}` } }), 201, 'project creation')) as {
      project: { id: string };
    };
    projectIds.push(body.project.id);
  }
  return { token, projectIds };
}
