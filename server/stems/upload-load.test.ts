import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../../db/testing/test-databases';
import { request, sessionCookie } from '../testing/test-app';
import { spawnServer, type SpawnedServer } from '../testing/spawn-server';
import { wav24 } from '../testing/wav-fixtures';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-upload-load-'));
let server: SpawnedServer;
let pg: { url: string; drop(): Promise<void> };
let token: string;
let projectId: string;

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

beforeAll(async () => {
  // PostgreSQL, not PGlite: the embedded database alone holds several hundred MB (its WASM heap),
  // which would hide what this file measures, the upload path.
  pg = await createPostgresDatabase();
  server = await spawnServer({ MIXROOM_DATA_DIR: dataDir, MIXROOM_DEMO: '0', MIXROOM_INGEST_TIME_LIMIT_SEC: '0.3', DATABASE_URL: pg.url });
  const api = (p: string, init: Parameters<typeof request>[3] = {}) => request(server.url, server.url, p, init);
  const signUp = await api('/api/auth/sign-up/email', { json: { name: 'Big', email: 'big@example.com', password: 'big uploads only' } });
  const cookie = sessionCookie(signUp);
  projectId = ((await (await api('/api/projects', { cookie, json: { name: 'Big' } })).json()) as { project: { id: string } }).project.id;
  token = ((await (await api('/api/tokens', { cookie, json: { name: 'big' } })).json()) as { token: string }).token;
}, 60_000);

afterAll(async () => {
  server?.kill('SIGTERM');
  await server?.exited;
  await pg?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('large uploads', () => {
  it('a 1 GiB upload streams to disk with the server under 400 MB, and nothing is left behind', async () => {
    const total = 1024 ** 3;
    const chunk = new Uint8Array(1024 * 1024);
    const header = wav24({ sampleRate: 48000, channels: 2, frames: 1 }).subarray(0, 44);
    const h = Buffer.from(header);
    h.writeUInt32LE(total - 8, 4);
    h.writeUInt32LE(total - 44, 40);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close();
        const piece = sent === 0 ? Buffer.concat([h, chunk.subarray(44)]) : chunk;
        sent += piece.length;
        controller.enqueue(piece);
      },
    });
    let peak = 0;
    const baseline = rssMb(server.proc.pid!);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.proc.pid!))), 50);
    try {
      const res = await fetch(`${server.url}/api/projects/${projectId}/stems`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${token}`, 'x-filename': 'huge.wav' },
        duplex: 'half',
      } as RequestInit);
      // 93 minutes of audio: refused after the upload, by the declared length.
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/limit|long|minutes/i);
    } finally {
      clearInterval(sampler);
    }
    expect(sent).toBe(total);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(400);
    // The body is never held: the process grows by far less than the upload.
    expect(peak - baseline).toBeLessThan(150);
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
  }, 180_000);

  it('a decode past the time limit gets 422 while /api/health keeps answering', async () => {
    // 60 s of 44.1 kHz stereo needs a resampling pass that takes longer than the 0.3 s limit.
    const file = wav24({ sampleRate: 44100, channels: 2, frames: 44100 * 60, freqHz: 440 });
    const healthy: number[] = [];
    let done = false;
    const poller = (async () => {
      while (!done) {
        healthy.push((await fetch(`${server.url}/api/health`)).status);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const res = await fetch(`${server.url}/api/projects/${projectId}/stems`, {
      method: 'POST',
      body: new Uint8Array(file),
      headers: { authorization: `Bearer ${token}`, 'x-filename': 'slow.wav' },
    });
    done = true;
    await poller;
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/took longer than 0.3 s/);
    expect(healthy.length).toBeGreaterThan(3);
    expect(healthy.every((s) => s === 200)).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
  }, 120_000);
});
