import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';
import { setMasterParam } from '../lib/doc';
import { connectRoom, synced, until } from '../server/testing/sync-client';
import { wav24 } from '../server/testing/wav-fixtures';
import { AuthPage, demoLogins } from './fixtures';
import { renderMaster } from '../lib/audio/render-master';
import { renderMix } from '../lib/audio/render-mix';
import { FULL_CHAIN, MASTER_RATE, masteredProject, PROGRAMMES } from '../lib/audio/test-support/master-projects';
import { goldenProjects, GOLDEN_FRAMES, GOLDEN_RATE } from '../lib/audio/test-support/golden-projects';
import { DEPTH_FRAMES, DEPTH_RATE, depthProject } from '../lib/audio/test-support/depth-project';
import { withPitchStems } from '../lib/audio/pitch-prepass';
import type { MixSnapshot } from '../lib/doc/read-mix';

/**
 * The engine bundle the app serves (`public/engine/mixroom-engine.js`), run as an AudioWorklet
 * in an OfflineAudioContext in Chromium, against `renderMix` in Node on the same projects.
 */

const pageProject = (project: ReturnType<typeof goldenProjects>[number], loop?: PageProject['loop']): PageProject => ({
  snapshot: project.snapshot,
  stems: [...project.stems].map(([id, channels]) => ({ id, channels: channels.map((c) => Array.from(c)) })),
  frames: GOLDEN_FRAMES,
  sampleRate: GOLDEN_RATE,
  loop,
});

interface PageProject {
  snapshot: MixSnapshot;
  stems: Array<{ id: string; channels: number[][] }>;
  frames: number;
  sampleRate: number;
  loop?: { startFrame: number; endFrame: number };
  /** Sent as the `normalization` command before playing. */
  normalizationGainDb?: number;
}

/** Renders a project with the app's engine bundle as one AudioWorklet node in an OfflineAudioContext. */
function renderInWorklet(page: Page, input: PageProject): Promise<number[][]> {
  return page.evaluate(async ({ snapshot, stems, frames, sampleRate, loop, normalizationGainDb }: PageProject) => {
    const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: frames, sampleRate });
    await ctx.audioWorklet.addModule('/engine/mixroom-engine.js');
    const node = new AudioWorkletNode(ctx, 'mixroom-engine', { numberOfInputs: 0, numberOfOutputs: 2, outputChannelCount: [2, 2] });
    node.connect(ctx.destination);
    let seq = 0;
    const acked = new Set<number>();
    const errors: string[] = [];
    node.port.onmessage = (e) => {
      if (e.data.type === 'ack') acked.add(e.data.seq);
      if (e.data.type === 'error') errors.push(e.data.message);
    };
    const send = (cmd: Record<string, unknown>, transfer: Transferable[] = []) => {
      node.port.postMessage({ ...cmd, seq: ++seq }, transfer);
      return seq;
    };
    for (const stem of stems) {
      const channels = stem.channels.map((c) => Float32Array.from(c));
      send({ type: 'stem', stemId: stem.id, channels }, channels.map((c) => c.buffer));
    }
    send({ type: 'mix', mix: snapshot });
    if (loop) send({ type: 'loop', region: loop });
    if (normalizationGainDb !== undefined) send({ type: 'normalization', gainDb: normalizationGainDb });
    const last = send({ type: 'play', fromFrame: 0, atContextFrame: 0 });
    const deadline = Date.now() + 10_000;
    while (!acked.has(last) && errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    if (errors.length > 0 || !acked.has(last)) throw new Error(`worklet did not take the commands: ${errors.join('; ') || 'no ack'}`);
    const rendered = await ctx.startRendering();
    return [Array.from(rendered.getChannelData(0)), Array.from(rendered.getChannelData(1))];
  }, input);
}

test.describe('engine worklet in Chromium', () => {
  for (const project of goldenProjects()) {
    test(`renders the ${project.name} project exactly as Node does`, async ({ page }) => {
      await page.goto('/api/health'); // any page of the app's origin: a secure context with the bundle
      const browser = await renderInWorklet(page, pageProject(project));

      // The worklet always runs whole 128-frame quanta; Node's render ends with a partial block
      // when the length is not a multiple of 128, and automation is read at each block's end, so
      // its last block would ramp differently. Node renders whole blocks too, and both are cut.
      const whole = Math.ceil(GOLDEN_FRAMES / 128) * 128;
      const node = renderMix({ snapshot: project.snapshot, stems: project.stems, sampleRate: GOLDEN_RATE, durationSec: whole / GOLDEN_RATE });
      for (const [c, expected] of [node.left, node.right].entries()) {
        const got = Float32Array.from(browser[c]);
        let differing = 0;
        let worst = 0;
        for (let i = 0; i < GOLDEN_FRAMES; i++) {
          if (got[i] !== expected[i]) differing++;
          worst = Math.max(worst, Math.abs(got[i] - expected[i]));
        }
        expect({ channel: c, differing, worst }).toEqual({ channel: c, differing: 0, worst: 0 });
        // A render of silence would agree too: the project must make sound.
        expect(expected.some((x) => Math.abs(x) > 0.01)).toBe(true);
      }
    });
  }

  test('renders a project using every feature of issue 18 (clips, every insert, pitch correction handed over as a stem, bypass, send and mute lanes, group, synced ping-pong delay, reverb size and mix) exactly as Node does', async ({ page }) => {
    await page.goto('/api/health');
    const { snapshot, stems } = depthProject();
    // The vocal's pitch correction is computed ahead and handed to the worklet as a stem of its
    // own, as the page's worker does; Node's renderMix computes the same copy itself.
    const withCopies = withPitchStems(snapshot, stems, DEPTH_RATE);
    expect(withCopies.size).toBe(stems.size + 1);
    const input: PageProject = {
      snapshot,
      stems: [...withCopies].map(([id, channels]) => ({ id, channels: channels.map((c) => Array.from(c)) })),
      frames: DEPTH_FRAMES,
      sampleRate: DEPTH_RATE,
    };
    const browser = await renderInWorklet(page, input);
    const node = renderMix({ snapshot, stems, sampleRate: DEPTH_RATE, durationSec: DEPTH_FRAMES / DEPTH_RATE });
    for (const [c, expected] of [node.left, node.right].entries()) {
      const got = Float32Array.from(browser[c]);
      let differing = 0;
      for (let i = 0; i < DEPTH_FRAMES; i++) if (got[i] !== expected[i]) differing++;
      expect({ channel: c, differing }).toEqual({ channel: c, differing: 0 });
      expect(expected.some((x) => Math.abs(x) > 0.01)).toBe(true);
    }
  });

  for (const eqMode of ['minimum_phase', 'linear_phase']) {
    test(`renders a mastered project (every master stage on, ${eqMode} EQ, Spotify target) exactly as renderMaster does in Node`, async ({ page }) => {
      await page.goto('/api/health');
      const frames = 3 * MASTER_RATE; // whole quanta
      const { snapshot, stems } = masteredProject(PROGRAMMES.dense(3), { ...FULL_CHAIN, eqMode });
      const node = renderMaster({ snapshot, stems, sampleRate: MASTER_RATE });
      expect(Math.abs(node.integratedLufs + 14)).toBeLessThan(0.5);
      const input: PageProject = {
        snapshot,
        stems: [...stems].map(([id, channels]) => ({ id, channels: channels.map((c) => Array.from(c)) })),
        frames,
        sampleRate: MASTER_RATE,
        normalizationGainDb: node.normalizationGainDb,
      };
      const browser = await renderInWorklet(page, input);
      for (const [c, expected] of [node.left, node.right].entries()) {
        const got = Float32Array.from(browser[c]);
        let differing = 0;
        for (let i = 0; i < frames; i++) if (got[i] !== expected[i]) differing++;
        expect({ channel: c, differing }).toEqual({ channel: c, differing: 0 });
      }
    });
  }

  test('loops a region whose end falls inside a render quantum, as fresh renders from the loop start', async ({ page }) => {
    await page.goto('/api/health');
    // Fader and pan only: no processor state and no automation, so where blocks start does not
    // change a sample, and each pass of the loop must equal a fresh render of the region.
    const project = goldenProjects().find((p) => p.name === 'fader-pan')!;
    const loop = { startFrame: 1000, endFrame: 5000 }; // 5000 = 39 x 128 + 8
    const browser = await renderInWorklet(page, pageProject(project, loop));
    const render = (from: number, frames: number) =>
      renderMix({ snapshot: project.snapshot, stems: project.stems, sampleRate: GOLDEN_RATE, startSec: from / GOLDEN_RATE, durationSec: frames / GOLDEN_RATE });
    const first = render(0, loop.endFrame);
    const pass = render(loop.startFrame, loop.endFrame - loop.startFrame);
    const expected = [new Float32Array(GOLDEN_FRAMES), new Float32Array(GOLDEN_FRAMES)];
    for (const [c, channel] of expected.entries()) {
      channel.set(c === 0 ? first.left : first.right);
      for (let at = loop.endFrame; at < GOLDEN_FRAMES; at += pass.left.length) {
        channel.set((c === 0 ? pass.left : pass.right).subarray(0, GOLDEN_FRAMES - at), at);
      }
      const got = Float32Array.from(browser[c]);
      const differing = got.filter((x, i) => x !== channel[i]).length;
      expect({ channel: c, differing }).toEqual({ channel: c, differing: 0 });
    }
    expect(pass.left.some((x) => Math.abs(x) > 0.01)).toBe(true);
  });

  test('exports a mastered project from the Chromium export worker as FLAC and MP3 with the same bytes and provenance as mixroom render in Node', async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    await new AuthPage(page).signIn(demoLogins().lead);
    const created = await page.request.post('/api/tokens', { data: { name: 'master export test' }, headers: { origin: baseURL! } });
    expect(created.status()).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const api = (url: string, init: RequestInit = {}) => fetch(`${baseURL}${url}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
    const project = await api('/api/projects', { method: 'POST', body: JSON.stringify({ name: 'Master export' }), headers: { 'content-type': 'application/json' } });
    const projectId = ((await project.json()) as { project: { id: string } }).project.id;
    for (const [k, freqHz] of [82, 330].entries()) {
      const stem = wav24({ sampleRate: 48000, channels: 2, frames: 48000 * 4, freqHz, amplitude: 0.8, seed: k });
      const res = await api(`/api/projects/${projectId}/stems`, { method: 'POST', body: new Uint8Array(stem), headers: { 'x-filename': `s${k}.wav` } });
      expect(res.status).toBe(201);
    }
    const room = connectRoom(baseURL!, projectId, token);
    await synced(room);
    setMasterParam(room.doc, 'comp.on', true);
    setMasterParam(room.doc, 'eqMode', 'linear_phase');
    setMasterParam(room.doc, 'eq.highShelf.on', true);
    setMasterParam(room.doc, 'eq.highShelf.gainDb', 2);
    setMasterParam(room.doc, 'target', 'spotify');
    setMasterParam(room.doc, 'fadeOut.durationSec', 0.5);
    setMasterParam(room.doc, 'dither.noiseShaping', true);
    await until(() => room.snapshot.save === 'saved', 'the master to be saved');
    room.destroy();

    for (const format of ['flac', 'mp3']) {
      const out = path.join(os.tmpdir(), `mixroom-master-${Date.now()}.${format}`);
      const { stdout } = await promisify(execFile)(process.execPath, [
        'dist/mixroom.mjs', 'render', '--url', baseURL!, '--token', token, '--project', projectId, '--out', out, '--master', '--format', format,
      ]);
      const node = await fs.readFile(out);
      const provenance = /provenance sha256:([0-9a-f]{64})/.exec(stdout)![1];

      await page.goto('/api/health');
      const browser = await page.evaluate(
        async ({ projectId, format }) => {
          const { mix, stems } = (await (await fetch(`/api/projects/${projectId}/mix`)).json()) as { mix: unknown; stems: Array<{ id: string; audioUrl: string }> };
          const worker = new Worker('/engine/mixroom-engine.js', { name: 'master-export-test' });
          const done = await new Promise<{ bytes: ArrayBuffer; provenance: string; normalizationGainDb: number }>((resolve, reject) => {
            worker.onmessage = (e) => {
              if (e.data.type === 'done') resolve(e.data);
              if (e.data.type === 'error') reject(new Error(e.data.message));
            };
            worker.onerror = (e) => reject(new Error(e.message));
            worker.postMessage({ type: 'render', mix, stems: stems.map((s) => ({ id: s.id, audioUrl: s.audioUrl })), format, master: true });
          });
          worker.terminate();
          let binary = '';
          const bytes = new Uint8Array(done.bytes);
          for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
          return { base64: btoa(binary), provenance: done.provenance, gain: done.normalizationGainDb };
        },
        { projectId, format },
      );
      const bytes = Buffer.from(browser.base64, 'base64');
      expect({ format, provenance: browser.provenance }).toEqual({ format, provenance });
      expect(Number.isFinite(browser.gain)).toBe(true);
      expect({ format, length: bytes.length }).toEqual({ format, length: node.length });
      expect({ format, equal: bytes.equals(node) }).toEqual({ format, equal: true });
    }
  });
});
