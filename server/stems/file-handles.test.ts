import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, signUp, startTestApp, type TestApp } from '../testing/test-app';
import { wav24 } from '../testing/wav-fixtures';

describe('file handles', () => {
  let app: TestApp;
  let token: string;
  let stemId: string;
  beforeAll(async () => {
    app = await startTestApp();
    const lead = await signUp(app, 'Handles');
    token = await createToken(app, lead);
    const res = await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Handles' } });
    const projectId = ((await res.json()) as { project: { id: string } }).project.id;
    const body = new Uint8Array(wav24({ sampleRate: 48000, channels: 2, frames: 48000 * 5 }));
    const up = await app.request(`/api/projects/${projectId}/stems`, { method: 'POST', body, token, headers: { 'x-filename': 'take.wav' } });
    stemId = ((await up.json()) as { stem: { id: string } }).stem.id;
  });
  afterAll(async () => app?.close());

  it('serving stems (GET, a range, HEAD, peaks, downloads dropped early and late) leaves no file to the garbage collector', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const audio = `/api/stems/${stemId}/audio`;
      expect((await app.request(audio, { method: 'HEAD', token })).status).toBe(200);
      await (await app.request(audio, { token })).arrayBuffer();
      expect((await app.request(audio, { token, headers: { range: 'bytes=0-99' } })).status).toBe(206);
      await (await app.request(`/api/stems/${stemId}/peaks`, { token })).arrayBuffer();
      const dropped = new AbortController();
      const res = await fetch(`${app.url}${audio}`, { headers: { authorization: `Bearer ${token}` }, signal: dropped.signal });
      await res.body!.getReader().read();
      dropped.abort();
      // Closed as soon as the answer's head arrived, before a byte of its body was asked for.
      for (let i = 0; i < 5; i++) {
        const early = new AbortController();
        await fetch(`${app.url}${audio}`, { headers: { authorization: `Bearer ${token}`, range: 'bytes=100-' }, signal: early.signal });
        early.abort();
      }
      for (let i = 0; i < 5; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(warnings.filter((w) => /file descriptor|FileHandle/.test(w))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
