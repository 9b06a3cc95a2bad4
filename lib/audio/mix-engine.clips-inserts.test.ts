import { describe, expect, it } from 'vitest';
import { fadeGain, LoudnessMeter, noteDuration, ProgramAnalyzer } from '../dsp';
import { noise, sine } from '../dsp/test-support/signals';
import { normalizeClipGainDb } from './normalize-clip';
import { renderMix } from './render-mix';
import { buildMix, type BusSpec, type InsertSpec, type MixSpec, type TrackSpec } from './test-support/mix-fixture';
import { countDifferent, peakAbs } from './test-support/reference-mix';
import { engineFor, RATE, renderEngine } from './test-support/render-engine';

const FRAMES = 3 * RATE;
const tone = sine(RATE * 2, 330, 0.5);
const wide = [noise(RATE * 2, 0.3, 5), noise(RATE * 2, 0.3, 6)];
const stems = { tone: [tone], wide };

function render(tracks: TrackSpec[], buses: BusSpec[] = [], extra: Partial<MixSpec> = {}, frames = FRAMES) {
  return renderEngine(engineFor(buildMix({ tracks, buses, ...extra }), stems), frames);
}

const track = (extra: Partial<TrackSpec> = {}): TrackSpec => ({ id: 't', stemId: 'tone', gainDb: 0, pan: 0, ...extra });

function firstSound(x: Float32Array): number {
  return x.findIndex((v) => v !== 0);
}

describe('MixEngine clips (SPEC L20)', () => {
  it('a clip moved by 1 s starts exactly 48,000 frames later, with the same samples', () => {
    const [at0] = render([track()]);
    const [at1] = render([track({ offsetSec: 1 })]);
    expect(firstSound(at0)).toBe(1);
    expect(firstSound(at1)).toBe(48_001);
    expect(countDifferent(at1.subarray(48_000), at0.subarray(0, FRAMES - 48_000))).toBe(0);
    expect(peakAbs(at1.subarray(0, 48_000))).toBe(0);
  });

  it('trims the start and end without moving the rest: silence outside, the same samples inside', () => {
    const [whole] = render([track({ offsetSec: 0.5 })]);
    const [trimmed] = render([track({ offsetSec: 0.5, clip: { trimStartSec: 0.25, trimEndSec: 1 } })]);
    const start = 0.75 * RATE;
    const end = 0.5 * RATE + 2 * RATE - RATE;
    expect(peakAbs(trimmed.subarray(0, start))).toBe(0);
    expect(peakAbs(trimmed.subarray(end))).toBe(0);
    expect(countDifferent(trimmed.subarray(start, end), whole.subarray(start, end))).toBe(0);
    expect(peakAbs(trimmed.subarray(start, start + 200))).toBeGreaterThan(0.1);
  });

  it('clip gain scales the clip as trim does: +6 dB of clip gain and +6 dB of trim give the same bits', () => {
    const [clip] = render([track({ clip: { gainDb: 6 } })]);
    const [trim] = render([track({ strip: { trimDb: 6 } })]);
    const [flat] = render([track()]);
    expect(countDifferent(clip, trim)).toBe(0);
    expect(peakAbs(clip) / peakAbs(flat)).toBeCloseTo(10 ** (6 / 20), 4);
  });

  it('fades in from the first audible frame and out to the last, with the curve of L15', () => {
    const fade = 0.5;
    const spec = track({ stemId: 'dc', clip: { trimStartSec: 0.1, trimEndSec: 0.2, 'fadeIn.durationSec': fade, 'fadeIn.curve': 'linear', 'fadeOut.durationSec': fade, 'fadeOut.curve': 's_curve' } });
    const ones = [new Float32Array(RATE * 2).fill(0.5)];
    const [left] = renderEngine(engineFor(buildMix({ tracks: [{ ...spec, pan: -1 }] }), { dc: ones }), FRAMES);
    const lo = 0.1 * RATE;
    const hi = 1.8 * RATE;
    const n = fade * RATE;
    for (const k of [0, 1, 100, 12_000, n - 1]) expect(left[lo + k]).toBe(Math.fround(0.5 * fadeGain('linear', k / n)));
    expect(left[lo + n]).toBe(0.5);
    for (const k of [1, 100, 12_000, n]) expect(left[hi - k]).toBe(Math.fround(0.5 * fadeGain('s_curve', k / n)));
    expect(left[hi]).toBe(0);
  });

  it('a clip with every field at its default renders the same bits as a track without a clip map', () => {
    const explicit = buildMix({ tracks: [track({ clip: { gainDb: 0, trimStartSec: 0, 'fadeIn.durationSec': 0 } })] });
    const withoutClip = { ...explicit, tracks: explicit.tracks.map(({ clip: _c, ...t }) => t) } as unknown as typeof explicit;
    const a = renderEngine(engineFor(explicit, stems), FRAMES);
    const b = renderEngine(engineFor(withoutClip, stems), FRAMES);
    expect(countDifferent(a[0], b[0]) + countDifferent(a[1], b[1])).toBe(0);
  });
});

describe('MixEngine normalise (clip gain from the stem analysis)', () => {
  const analyse = (channels: Float32Array[]) => {
    const analyzer = new ProgramAnalyzer({ sampleRate: RATE, channels: channels.length });
    analyzer.process(channels, channels[0].length);
    return analyzer.result();
  };

  it('brings the integrated loudness of a clip to -18 LUFS within 0.1 LU', () => {
    const levels = analyse(wide);
    const gainDb = normalizeClipGainDb(levels, 'loudness', -18)!;
    expect(Math.abs(gainDb)).toBeGreaterThan(1);
    const { left, right } = renderMix({ snapshot: buildMix({ tracks: [track({ stemId: 'wide', clip: { gainDb } })] }), stems: new Map(Object.entries(stems)), sampleRate: RATE });
    const meter = new LoudnessMeter({ sampleRate: RATE, channels: 2 });
    meter.process([left, right], left.length);
    expect(Math.abs(meter.integrated + 18)).toBeLessThan(0.1);
  });

  it('brings the sample peak of a clip to -1 dBFS within 0.1 dB', () => {
    const levels = analyse(wide);
    const gainDb = normalizeClipGainDb(levels, 'peak', -1)!;
    const { left, right } = renderMix({ snapshot: buildMix({ tracks: [track({ stemId: 'wide', clip: { gainDb } })] }), stems: new Map(Object.entries(stems)), sampleRate: RATE });
    const peak = 20 * Math.log10(Math.max(peakAbs(left), peakAbs(right)));
    expect(Math.abs(peak + 1)).toBeLessThan(0.1);
  });

  it('gives no gain for a stem without loudness, and clamps to the clip gain range', () => {
    expect(normalizeClipGainDb({ samplePeakDbfs: -80, integratedLufs: null }, 'loudness', -18)).toBeNull();
    expect(normalizeClipGainDb({ samplePeakDbfs: -90, integratedLufs: -100 }, 'peak', 0)).toBe(48);
  });
});

describe('MixEngine inserts (SPEC L18)', () => {
  it('a bypassed insert and an empty list give the same bits as no inserts', () => {
    const [plain] = render([track()]);
    const [bypassed] = render([track({ inserts: [{ id: 'c', kind: 'chorus', bypass: true }, { id: 'f', kind: 'flanger', bypass: true }] })]);
    expect(countDifferent(plain, bypassed)).toBe(0);
  });

  it('runs each modulation insert, and the list in its order (a tremolo before or after a chorus differs)', () => {
    const [plain] = render([track()]);
    for (const kind of ['chorus', 'flanger', 'phaser', 'tremolo', 'eq', 'comp'] as const) {
      const params: Record<string, number | boolean> = kind === 'eq' ? { 'peak1.on': true, 'peak1.gainDb': 6, 'peak1.freqHz': 330 } : kind === 'comp' ? { thresholdDb: -30, ratio: 8 } : {};
      const [out] = render([track({ inserts: [{ id: 'x', kind, params }] })]);
      expect(peakAbs(Float32Array.from(out, (v, i) => v - plain[i]))).toBeGreaterThan(1e-3);
    }
    const list: InsertSpec[] = [{ id: 'a', kind: 'tremolo', params: { depth: 1 } }, { id: 'b', kind: 'chorus' }];
    const a = render([track({ inserts: list })]);
    const b = render([track({ inserts: [...list].reverse() })]);
    expect(countDifferent(a[0], b[0])).toBeGreaterThan(1000);
  });

  it('L7: a bypass lane switches an insert out and in where its points say (a held value, as mute)', () => {
    const [plain] = render([track()]);
    const [laned] = render([track({ inserts: [{ id: 'tr', kind: 'tremolo', params: { depth: 1, rateHz: 3 } }], automation: { 'bypass:tr': [[0, 1], [0.5, 0]] } })]);
    const switchFrame = 0.5 * RATE;
    expect(countDifferent(laned.subarray(0, switchFrame), plain.subarray(0, switchFrame))).toBe(0);
    expect(countDifferent(laned.subarray(switchFrame + 128), plain.subarray(switchFrame + 128))).toBeGreaterThan(RATE / 2);
  });

  it('a tremolo synced to 1/4 at 120 bpm dips twice a second', () => {
    const dc = [new Float32Array(RATE * 2).fill(0.5)];
    const spec = buildMix({ bpm: 120, tracks: [{ ...track({ stemId: 'dc', pan: -1 }), inserts: [{ id: 'tr', kind: 'tremolo', params: { sync: '1/4', depth: 1, rateHz: 0.1 } }] }] });
    const [left] = renderEngine(engineFor(spec, { dc }), RATE);
    // gain 1 - (1 - sin(2 pi t / 0.5)) / 2: minima (0) at t = 0.375 s and 0.875 s.
    expect(Math.abs(left[0.375 * RATE])).toBeLessThan(1e-6);
    expect(Math.abs(left[0.875 * RATE])).toBeLessThan(1e-6);
    expect(left[0.125 * RATE]).toBeCloseTo(0.5, 5);
  });

  it('an auto-pan makes a mono track stereo: at depth 0 it keeps the mono law\'s centre level; at depth 1 it swings hard', () => {
    const [l0, r0] = render([track()]);
    const [l1, r1] = render([track({ inserts: [{ id: 'p', kind: 'auto_pan', params: { depth: 0 } }] })]);
    expect(peakAbs(Float32Array.from(l1, (v, i) => v - l0[i]))).toBeLessThan(1e-6);
    expect(peakAbs(Float32Array.from(r1, (v, i) => v - r0[i]))).toBeLessThan(1e-6);
    const [l2, r2] = render([track({ inserts: [{ id: 'p', kind: 'auto_pan', params: { depth: 1, rateHz: 1 } }] })]);
    // 1 Hz: hard right at 0.25 s, hard left at 0.75 s.
    const around = (x: Float32Array, t: number) => peakAbs(x.subarray(t * RATE - 200, t * RATE + 200));
    expect(around(l2, 0.25)).toBeLessThan(0.01);
    expect(around(r2, 0.75)).toBeLessThan(0.01);
    expect(around(r2, 0.25)).toBeGreaterThan(0.45);
  });
});

describe('MixEngine buses (SPEC L8, L19)', () => {
  const click = [new Float32Array(RATE * 2)];
  click[0][0] = 1;

  it('a delay bus synced to 1/8 at 120 bpm puts its first echo 12,000 frames after the sound; ping-pong alternates sides', () => {
    const bus: BusSpec = { id: 'dly', kind: 'delay', params: { sync: '1/8', feedback: 0.5, dampingHz: 20000, pingPong: true, timeMs: 100 } };
    const snapshot = buildMix({ bpm: 120, buses: [bus], tracks: [{ ...track({ stemId: 'click', gainDb: -144 }), sends: { dly: { levelDb: 0, pre: true } } }] });
    const [left, right] = renderEngine(engineFor(snapshot, { click }), RATE);
    const step = noteDuration(120, '1/8') * RATE;
    expect(step).toBe(12_000);
    const firstLeft = firstSound(left);
    const firstRight = firstSound(right);
    expect(Math.abs(firstLeft - step)).toBeLessThanOrEqual(1);
    expect(Math.abs(firstRight - 2 * step)).toBeLessThanOrEqual(1);
  });

  it('a delay bus follows the tempo: at 90 bpm its first echo of 1/8 comes 16,000 frames after', () => {
    const bus: BusSpec = { id: 'dly', kind: 'delay', params: { sync: '1/8', dampingHz: 20000 } };
    const snapshot = buildMix({ bpm: 90, buses: [bus], tracks: [{ ...track({ stemId: 'click', gainDb: -144 }), sends: { dly: { levelDb: 0, pre: true } } }] });
    const [left] = renderEngine(engineFor(snapshot, { click }), RATE);
    expect(Math.abs(firstSound(left) - 16_000)).toBeLessThanOrEqual(1);
  });

  it('reverb size and mix change the return; at size 0.6 and mix 1 it is the bus it was', () => {
    const send = { sends: { verb: { levelDb: 0 } } };
    const base = render([track(send)], [{ id: 'verb', kind: 'reverb', params: { decaySec: 1 } }]);
    const same = render([track(send)], [{ id: 'verb', kind: 'reverb', params: { decaySec: 1, size: 0.6, mix: 1 } }]);
    const bigger = render([track(send)], [{ id: 'verb', kind: 'reverb', params: { decaySec: 1, size: 1 } }]);
    expect(countDifferent(base[0], same[0])).toBe(0);
    expect(countDifferent(base[0], bigger[0])).toBeGreaterThan(1000);
  });

  it('a track routed to a group bus is compressed by the group and by an insert on it', () => {
    const group = (inserts: BusSpec['inserts'] = []): BusSpec => ({ id: 'drums', kind: 'group', strip: { 'comp.on': true, 'comp.thresholdDb': -30, 'comp.ratio': 10 }, inserts });
    const [direct] = render([track()]);
    const [grouped] = render([track({ strip: { output: 'drums' } })], [group()]);
    const [insert] = render([track({ strip: { output: 'drums' } })], [group([{ id: 'tr', kind: 'tremolo', params: { depth: 1 } }])]);
    expect(peakAbs(grouped.subarray(RATE))).toBeLessThan(peakAbs(direct.subarray(RATE)) * 0.5);
    expect(countDifferent(grouped, insert)).toBeGreaterThan(1000);
  });
});
