import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../../db/create-db';
import { createToken, signUp, startTestApp, type TestApp } from '../testing/test-app';
import { wav24 } from '../testing/wav-fixtures';

// Two app instances that share one database and one S3-compatible bucket, as a cluster does.
let s3: S3rver;
let root: string;
let database: Database;
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-s3-app-'));
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: root, configureBuckets: [{ name: 'stems', configs: [] }] });
  const { port } = await s3.run();
  const env = {
    MIXROOM_BLOB_URL: `s3://stems/studio?endpoint=http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    BETTER_AUTH_SECRET: 'x'.repeat(40),
  };
  database = await createDb({});
  a = await startTestApp({ database, env });
  b = await startTestApp({ database, env });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await database?.close();
  await s3?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('blobs in S3 across instances', () => {
  it('a stem uploaded on one instance plays from the other, whole and by Range, and nothing lands on local disk', async () => {
    const lead = await signUp(a, 'S3 Lead');
    const token = await createToken(a, lead);
    const created = await a.request('/api/projects', { token, json: { name: 'On S3' } });
    const projectId = ((await created.json()) as { project: { id: string } }).project.id;
    const source = wav24({ sampleRate: 48000, channels: 2, frames: 4800, freqHz: 440 });
    const up = await a.request(`/api/projects/${projectId}/stems`, {
      method: 'POST',
      body: new Uint8Array(source),
      token,
      headers: { 'content-type': 'audio/wav', 'x-filename': 'take.wav' },
    });
    expect(up.status).toBe(201);
    const { stem } = (await up.json()) as { stem: { id: string; sha256: string } };

    const whole = await b.request(`/api/stems/${stem.id}/audio`, { token });
    expect(whole.status).toBe(200);
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(4800 * 2 * 3);
    const part = await b.request(`/api/stems/${stem.id}/audio`, { token, headers: { range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(1000, 2000));
    expect((await b.request(`/api/stems/${stem.id}/peaks`, { token })).status).toBe(200);

    expect(fs.existsSync(path.join(a.dataDir, 'blobs'))).toBe(false);
    expect(fs.readdirSync(path.join(a.dataDir, 'tmp'))).toEqual([]);
  });
});
