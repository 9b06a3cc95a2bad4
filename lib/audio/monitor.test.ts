import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../dsp';
import { MixEngine } from './mix-engine';
import { MONITOR_DEFAULTS, matchGainsDb, type MonitorSettings } from './monitor';
import { renderMix } from './render-mix';
import { FULL_CHAIN, MASTER_RATE, masteredProject, PROGRAMMES } from './test-support/master-projects';
import { countDifferent } from './test-support/reference-mix';
import { maxStep, renderEngine } from './test-support/render-engine';

/** A master several LU louder than its mix: what a loudness-matched A/B must even out. */
const LOUD_MASTER = { ...FULL_CHAIN, target: 'none', inputGainDb: 8, 'fadeIn.durationSec': 0, 'fadeOut.durationSec': 0 };

function engine(project: ReturnType<typeof masteredProject>, monitor?: Partial<MonitorSettings>): MixEngine {
  const e = new MixEngine({ sampleRate: MASTER_RATE, metering: true, monitoring: true });
  for (const [id, pcm] of project.stems) e.setStem(id, pcm);
  e.setMix(project.snapshot);
  if (monitor) e.setMonitor({ ...MONITOR_DEFAULTS, ...monitor });
  return e;
}

function integrated(left: Float32Array, right: Float32Array, from = 0): number {
  const meter = new LoudnessMeter({ sampleRate: MASTER_RATE, truePeak: false });
  meter.process([left.subarray(from), right.subarray(from)], left.length - from);
  return meter.integrated;
}

describe('the monitor stage (live playback only)', () => {
  it('at its defaults the monitoring engine plays exactly what a plain engine plays (every master stage on, both EQ modes)', () => {
    for (const eqMode of ['minimum_phase', 'linear_phase']) {
      const project = masteredProject(PROGRAMMES.dense(3), { ...FULL_CHAIN, eqMode });
      const plain = new MixEngine({ sampleRate: MASTER_RATE, metering: true });
      for (const [id, pcm] of project.stems) plain.setStem(id, pcm);
      plain.setMix(project.snapshot);
      const [l0, r0] = renderEngine(plain, 3 * MASTER_RATE);
      const [l1, r1] = renderEngine(engine(project), 3 * MASTER_RATE);
      expect({ eqMode, differing: countDifferent(l0, l1) + countDifferent(r0, r1) }).toEqual({ eqMode, differing: 0 });
    }
  });

  it('A/B keeps the play position: after switching, output frame N is the mix at frame N, to the bit (linear-phase EQ and limiter latency)', () => {
    const project = masteredProject(PROGRAMMES.dense(4), { ...LOUD_MASTER, eqMode: 'linear_phase' });
    const e = engine(project);
    expect(e.latencyFrames).toBeGreaterThan(2048);
    const frames = 3 * MASTER_RATE;
    const switchAt = 128 * 500;
    const left = new Float32Array(frames);
    const right = new Float32Array(frames);
    for (let at = 0; at < frames; at += 128) {
      if (at === switchAt) e.setMonitor({ ...MONITOR_DEFAULTS, source: 'mix' });
      e.process(at, 128, left.subarray(at, at + 128), right.subarray(at, at + 128));
    }
    const mix = renderMix({ snapshot: project.snapshot, stems: project.stems, sampleRate: MASTER_RATE, durationSec: frames / MASTER_RATE });
    // From the block after the one-block crossfade on, the output is the mix of the same frames.
    const after = switchAt + 128;
    expect(countDifferent(left.subarray(after), mix.left.subarray(after, frames))).toBe(0);
    expect(countDifferent(right.subarray(after), mix.right.subarray(after, frames))).toBe(0);
    // And no click: the switch moves no sample further from its neighbour than the programme does.
    const around = maxStep(left, switchAt - 4800, switchAt + 4800);
    const elsewhere = Math.max(maxStep(left, switchAt - 48000, switchAt - 4800), maxStep(mix.left, switchAt, switchAt + 48000));
    expect(around).toBeLessThanOrEqual(elsewhere * 1.05);
  });

  it('loudness-matched A/B: master and mix measure within 0.5 LU of each other at the output (and over 3 LU apart unmatched)', () => {
    const project = masteredProject(PROGRAMMES.dense(20), LOUD_MASTER);
    const frames = 20 * MASTER_RATE;
    // As an engineer would: play the song once (the meters integrate it), then play it again
    // and compare; the matching gain is then the song's own (integrated over all of it).
    const measure = (monitor: Partial<MonitorSettings>) => {
      const e = engine(project, monitor);
      renderEngine(e, frames);
      const [l, r] = renderEngine(e, frames);
      return integrated(l, r);
    };
    const master = measure({ source: 'master', matchLoudness: true });
    const mix = measure({ source: 'mix', matchLoudness: true });
    expect(Math.abs(master - mix)).toBeLessThan(0.5);
    const rawMaster = measure({ source: 'master' });
    const rawMix = measure({ source: 'mix' });
    expect(rawMaster - rawMix).toBeGreaterThan(3);
    // The louder side (the master) is turned down; the mix plays as it is.
    expect(Math.abs(mix - rawMix)).toBeLessThan(0.05);
  });

  it('matchGainsDb turns the louder side down to the quieter, and nothing before both are measured', () => {
    expect(matchGainsDb(-10, -16)).toEqual({ master: -6, mix: 0 });
    expect(matchGainsDb(-18, -12)).toEqual({ master: 0, mix: -6 });
    expect(matchGainsDb(-Infinity, -12)).toEqual({ master: 0, mix: 0 });
  });

  it('mono, side and swap: (L + R) / 2 on both, (L - R) / 2 on both, L and R exchanged', () => {
    const project = masteredProject(PROGRAMMES.dense(1), {});
    const [l, r] = renderEngine(engine(project), MASTER_RATE);
    const check = (channels: MonitorSettings['channels'], expectL: (i: number) => number, expectR: (i: number) => number) => {
      const [ml, mr] = renderEngine(engine(project, { channels }), MASTER_RATE);
      for (const i of [1000, 20000, 40000]) {
        expect(ml[i]).toBeCloseTo(expectL(i), 6);
        expect(mr[i]).toBeCloseTo(expectR(i), 6);
      }
    };
    check('mono', (i) => (l[i] + r[i]) / 2, (i) => (l[i] + r[i]) / 2);
    check('side', (i) => (l[i] - r[i]) / 2, (i) => (l[i] - r[i]) / 2);
    check('swap', (i) => r[i], (i) => l[i]);
  });

  it('platform preview plays the master at the platform gain', () => {
    const project = masteredProject(PROGRAMMES.dense(1), {});
    const [l] = renderEngine(engine(project), MASTER_RATE);
    const [pl] = renderEngine(engine(project, { previewGainDb: -6 }), MASTER_RATE);
    expect(pl[30000]).toBeCloseTo(l[30000] * Math.pow(10, -6 / 20), 6);
  });

  it('reports the correlation and goniometer points of the master with its meters', () => {
    const project = masteredProject(PROGRAMMES.mono_ish(1), {});
    const e = engine(project);
    renderEngine(e, MASTER_RATE / 2);
    const frame = e.takeMeters().masterLoudness!;
    expect(frame.correlation).toBeGreaterThan(0.9);
    expect(frame.scope!.length).toBe(1024);
    expect(Number.isFinite(frame.mixIntegratedLufs)).toBe(true);
    expect(Number.isFinite(frame.loudnessRangeLu)).toBe(true);
  });
});

describe('the codec preview side of the monitor', () => {
  it('plays the preview PCM over its frames, aligned to the timeline, and the master elsewhere', () => {
    const project = masteredProject(PROGRAMMES.dense(2), {});
    const [l] = renderEngine(engine(project), MASTER_RATE);
    const e = engine(project);
    const startFrame = 10_000;
    const pcm: [Float32Array, Float32Array] = [new Float32Array(20_000).fill(0.25), new Float32Array(20_000).fill(-0.25)];
    e.setPreview({ startFrame, channels: pcm });
    e.setMonitor({ ...MONITOR_DEFAULTS, source: 'codec' });
    const [cl, cr] = renderEngine(e, MASTER_RATE);
    // The first block crossfades; after it the preview plays exactly where it belongs.
    expect(cl[startFrame - 1]).toBe(l[startFrame - 1]);
    expect(cl[startFrame]).toBe(0.25);
    expect(cr[startFrame + 19_999]).toBe(-0.25);
    expect(cl[startFrame + 20_000]).toBe(l[startFrame + 20_000]);
  });
});

describe('the reference side of the monitor', () => {
  it('plays the reference at the same relative position, at its matching gain', () => {
    const project = masteredProject(PROGRAMMES.dense(2), {});
    const e = engine(project);
    // A reference twice as long as the mix: mix frame n plays reference frame 2n.
    const ref = Float32Array.from({ length: 4 * MASTER_RATE }, (_, i) => (i % 1000) / 1000);
    e.setReference([ref, ref]);
    e.setMonitor({ ...MONITOR_DEFAULTS, source: 'reference', referenceGainDb: -6 });
    const [l] = renderEngine(e, MASTER_RATE);
    const g = Math.pow(10, -6 / 20);
    for (const n of [1000, 12345, 40000]) expect(l[n]).toBeCloseTo(ref[2 * n] * g, 6);
  });
});
