import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVENANCE_CHUNK_ID } from '../../lib/audio/export/encode-export';
import { readWav, readWavChunk } from '../../lib/audio/wav';
import { readMix, setMasterParam, setStripParam } from '../../lib/doc';
import { externalTool, run as runTool } from '../../lib/dsp/test-support/tools';
import { APP_ROOT } from '../app';
import { createToken, signUp, startTestApp, type TestApp } from '../testing/test-app';
import { connectRoom, synced, until } from '../testing/sync-client';
import { wav24, wav24Samples } from '../testing/wav-fixtures';

const run = promisify(execFile);
const ffmpeg = externalTool('ffmpeg');
const MIXROOM = path.join(APP_ROOT, 'dist', 'mixroom.mjs');
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

  it('says what is wrong with a bad token or project, with a non-zero exit', async () => {
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

  describe.skipIf(!ffmpeg.mustRun)('mastering and delivery formats (measured by ffmpeg)', () => {
    let mastered: string;

    /** FFmpeg's ebur128 integrated loudness and true peak of a file. */
    const measure = (file: string) => {
      const { stdout, stderr } = runTool(ffmpeg, ['-nostats', '-hide_banner', '-i', file, '-af', 'ebur128=metadata=1:peak=true,ametadata=mode=print', '-f', 'null', '-']);
      const text = stdout + stderr;
      const values = [...text.matchAll(/lavfi\.r128\.I=(-?[0-9.]+)/g)];
      const peaks = [...text.matchAll(/lavfi\.r128\.true_peaks_ch\d+=([0-9.]+)/g)].map((m) => Number.parseFloat(m[1]));
      return { integrated: Number.parseFloat(values[values.length - 1][1]), truePeakDbtp: 20 * Math.log10(Math.max(...peaks)) };
    };
    const render = (out: string, ...flags: string[]) =>
      run(process.execPath, [MIXROOM, 'render', '--url', app.url, '--token', token, '--project', mastered, '--out', out, ...flags]);

    beforeAll(async () => {
      mastered = ((await (await app.request('/api/projects', { token, json: { name: 'Mastered' } })).json()) as { project: { id: string } }).project.id;
      const ids: string[] = [];
      for (const [k, freqHz] of [55, 220].entries()) {
        const file = wav24({ sampleRate: 48000, channels: 2, frames: 48000 * 8, freqHz, amplitude: 0.9, seed: k });
        const res = await app.request(`/api/projects/${mastered}/stems`, { method: 'POST', body: new Uint8Array(file), token, headers: { 'x-filename': `m${k}.wav` } });
        expect(res.status).toBe(201);
        ids.push(((await res.json()) as { trackId: string }).trackId);
      }
      const room = connectRoom(app.url, mastered, token);
      await synced(room);
      setStripParam(room.doc, ids[1], 'gainDb', 6); // the sum goes well over full scale: the limiter has work
      setMasterParam(room.doc, 'comp.on', true);
      setMasterParam(room.doc, 'fadeOut.durationSec', 1);
      await until(() => room.snapshot.save === 'saved', 'the master to be saved');
      room.destroy();
    });

    it('--master --target spotify --format wav24 measures -14 +-0.5 LUFS and at most -1.0 dBTP in ffmpeg, and carries the printed provenance', async () => {
      const out = path.join(app.dataDir, 'spotify.wav');
      const { stdout, stderr } = await render(out, '--master', '--target', 'spotify', '--format', 'wav24');
      const measured = measure(out);
      expect(Math.abs(measured.integrated + 14)).toBeLessThan(0.5);
      expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1);
      const hash = /provenance sha256:([0-9a-f]{64})/.exec(stdout)![1];
      const chunk = JSON.parse(new TextDecoder().decode(readWavChunk(new Uint8Array(fs.readFileSync(out)), PROVENANCE_CHUNK_ID)));
      expect(chunk.sha256).toBe(hash);
      expect(stderr).toMatch(/master: -14\.\d LUFS/);
      expect(stderr).not.toMatch(/^error:/m);
      const again = await render(path.join(app.dataDir, 'spotify-2.wav'), '--master', '--target', 'spotify', '--format', 'wav24');
      expect(again.stdout).toBe(stdout);
      expect(fs.readFileSync(path.join(app.dataDir, 'spotify-2.wav')).equals(fs.readFileSync(out))).toBe(true);
      const mix = await render(path.join(app.dataDir, 'mix.wav'), '--format', 'wav24');
      expect(mix.stdout).not.toBe(stdout);
    });

    // The target's ceiling, with the master's limiter off: the lossy margin applies to it too (at
    // 128 kbit/s this signal decoded at -0.96 dBTP while it applied only to the limiter's own).
    it('an MP3 master at 320 and 128 kbit/s still meets the Spotify target and its -1 dBTP ceiling after encoding, as ffmpeg decodes it', async () => {
      for (const bitrate of ['320', '128']) {
        const out = path.join(app.dataDir, `spotify-${bitrate}.mp3`);
        await render(out, '--master', '--target', 'spotify', '--format', 'mp3', '--bitrate', bitrate);
        const measured = measure(out);
        expect({ bitrate, loudnessOff: Math.abs(measured.integrated + 14) < 0.5 }).toEqual({ bitrate, loudnessOff: true });
        expect({ bitrate, overCeiling: measured.truePeakDbtp > -1 }).toEqual({ bitrate, overCeiling: false });
      }
    });

    it('wav16, FLAC, MP3 and a CD master decode in ffmpeg at the expected rate, length and level', async () => {
      const cases: Array<[string, string[], number]> = [
        ['m.wav', ['--master', '--format', 'wav16'], 48000],
        ['m.flac', ['--master', '--target', 'apple_music', '--format', 'flac'], 48000],
        ['m.mp3', ['--master', '--target', 'apple_music', '--format', 'mp3', '--bitrate', '192'], 48000],
        ['cd.flac', ['--master', '--target', 'cd', '--format', 'flac'], 44100],
      ];
      for (const [name, flags, rate] of cases) {
        const out = path.join(app.dataDir, name);
        await render(out, ...flags);
        const probe = JSON.parse(runTool(externalTool('ffprobe'), ['-v', 'error', '-show_entries', 'stream=sample_rate,duration', '-of', 'json', out]).stdout);
        expect({ name, rate: Number(probe.streams[0].sample_rate) }).toEqual({ name, rate });
        const seconds = Number(probe.streams[0].duration);
        expect({ name, length: seconds >= 8 && seconds < 8.1 }).toEqual({ name, length: true });
        if (flags.includes('apple_music')) expect(Math.abs(measure(out).integrated + 16)).toBeLessThan(0.6);
        if (flags.includes('cd')) expect(measure(out).truePeakDbtp).toBeLessThanOrEqual(-0.1);
      }
    });

    it('--stems writes each track through its strip, post-fader, one file each', async () => {
      const dir = path.join(app.dataDir, 'stems');
      await render(dir, '--stems', '--format', 'f32');
      const names = fs.readdirSync(dir).sort();
      expect(names).toEqual(['01 m0.wav', '02 m1.wav']);
      const [a, b] = names.map((n) => readWav(new Uint8Array(fs.readFileSync(path.join(dir, n)))).channels);
      await render(path.join(app.dataDir, 'mix-f32.wav'), '--format', 'f32');
      const mix = readWav(new Uint8Array(fs.readFileSync(path.join(app.dataDir, 'mix-f32.wav')))).channels;
      expect(a[0].length).toBe(48000 * 8);
      // The stems sum to the mix (to float rounding).
      let worst = 0;
      for (let n = 0; n < a[0].length; n++) worst = Math.max(worst, Math.abs(a[0][n] + b[0][n] - mix[0][n]));
      expect(worst).toBeLessThan(1e-6);
      expect(Math.max(...b[1].subarray(0, 48000).map(Math.abs))).toBeGreaterThan(1.5); // +6 dB fader, post-fader, unclipped
    });
  });
});
