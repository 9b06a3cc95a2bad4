import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWav } from '../../lib/audio/wav';
import { readMix, setStripParam } from '../../lib/doc';
import { APP_ROOT } from '../app';
import { createToken, signUp, startTestApp, type TestApp } from '../testing/test-app';
import { connectRoom, synced, until } from '../testing/sync-client';
import { wav24, wav24Samples } from '../testing/wav-fixtures';

const run = promisify(execFile);
let app: TestApp;
let token: string;
let projectId: string;

beforeAll(async () => {
  app = await startTestApp();
  const lead = await signUp(app, 'Render Lead');
  token = await createToken(app, lead);
  projectId = ((await (await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Render' } })).json()) as { project: { id: string } }).project.id;
});
afterAll(async () => app?.close());

/** The Web Audio StereoPannerNode equations, written out here independently of lib/dsp. */
function pan(channels: Float32Array[], p: number, i: number): [number, number] {
  if (channels.length === 1) {
    const x = (p + 1) / 2;
    return [channels[0][i] * Math.cos((x * Math.PI) / 2), channels[0][i] * Math.sin((x * Math.PI) / 2)];
  }
  const [l, r] = [channels[0][i], channels[1][i]];
  if (p <= 0) {
    const x = p + 1;
    return [l + r * Math.cos((x * Math.PI) / 2), r * Math.sin((x * Math.PI) / 2)];
  }
  const x = p;
  return [l * Math.cos((x * Math.PI) / 2), r + l * Math.sin((x * Math.PI) / 2)];
}

describe('mixroom render', () => {
  it('renders a fader/pan mix of six uploaded stems equal within -120 dBFS to an independent Web Audio pan-law sum', async () => {
    const sources: Float32Array[][] = [];
    const settings: Array<{ gainDb: number; pan: number }> = [];
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const channels = i === 2 ? 1 : 2;
      const file = wav24({ sampleRate: 48000, channels, frames: 9600, freqHz: 110 * (i + 1), amplitude: 0.8 });
      const res = await app.request(`/api/projects/${projectId}/stems`, {
        method: 'POST',
        body: new Uint8Array(file),
        token,
        headers: { 'x-filename': `s${i}.wav` },
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { trackId: string }).trackId);
      sources.push(wav24Samples(file, channels));
      settings.push({ gainDb: [6, 0, -3, -12, 3.5, -1][i], pan: [-1, -0.5, 0, 0.5, 1, 0.3][i] });
    }
    const room = connectRoom(app.url, projectId, token);
    await synced(room);
    ids.forEach((id, i) => {
      setStripParam(room.doc, id, 'gainDb', settings[i].gainDb);
      setStripParam(room.doc, id, 'pan', settings[i].pan);
    });
    await until(() => room.snapshot.save === 'saved', 'the mix to be saved');
    expect(readMix(room.doc).tracks).toHaveLength(6);
    room.destroy();

    const out = path.join(app.dataDir, 'mix.wav');
    const { stderr } = await run(process.execPath, [
      path.join(APP_ROOT, 'dist', 'mixroom.mjs'),
      'render',
      '--url',
      app.url,
      '--token',
      token,
      '--project',
      projectId,
      '--out',
      out,
      '--format',
      'f32',
    ]);
    expect(stderr).toMatch(/rendering 100%/);
    const rendered = readWav(new Uint8Array(fs.readFileSync(out)));
    expect(rendered.format).toMatch(/f32|float/);
    expect(rendered.channels[0].length).toBe(9600);

    let maxDiff = 0;
    let peak = 0;
    for (let i = 0; i < 9600; i++) {
      let l = 0;
      let r = 0;
      sources.forEach((channels, t) => {
        const g = 10 ** (settings[t].gainDb / 20);
        const [pl, pr] = pan(channels, settings[t].pan, i);
        l += pl * g;
        r += pr * g;
      });
      maxDiff = Math.max(maxDiff, Math.abs(rendered.channels[0][i] - l), Math.abs(rendered.channels[1][i] - r));
      peak = Math.max(peak, Math.abs(l), Math.abs(r));
    }
    expect(peak).toBeGreaterThan(1); // the sum goes above full scale and must not be clipped
    expect(20 * Math.log10(maxDiff)).toBeLessThan(-120);
  });

  it('R2: says what is wrong with a bad token or project, with a non-zero exit', async () => {
    const result = await run(process.execPath, [
      path.join(APP_ROOT, 'dist', 'mixroom.mjs'),
      'render',
      '--url',
      app.url,
      '--token',
      'mxr_nope',
      '--project',
      projectId,
      '--out',
      path.join(app.dataDir, 'x.wav'),
    ]).catch((err: { code: number; stderr: string }) => err);
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toMatch(/401/);
  });
});
