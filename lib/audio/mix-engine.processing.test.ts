import { describe, expect, it } from 'vitest';
import { db, noise, rms, sine } from '../dsp/test-support/signals';
import { buildMix, type TrackSpec } from './test-support/mix-fixture';
import { countDifferent, maxAbsDiff, peakAbs } from './test-support/reference-mix';
import { engineFor, RATE, renderEngine } from './test-support/render-engine';

const FRAMES = RATE / 2;
/** Steady-state window: after filters and the compressor have settled. */
const FROM = RATE / 4;

function levelDb(stem: Float32Array, strip: TrackSpec['strip']): number {
  const snapshot = buildMix({ tracks: [{ id: 'a', stemId: 's', gainDb: 0, pan: 0, strip }] });
  const [left] = renderEngine(engineFor(snapshot, { s: [stem] }), FRAMES);
  return db(rms(left, FROM));
}

/** Gain of the strip setting at one frequency, relative to the same strip with everything off. */
function responseDb(frequency: number, strip: TrackSpec['strip']): number {
  const stem = sine(FRAMES, frequency, 0.5);
  return levelDb(stem, strip) - levelDb(stem, {});
}

describe('MixEngine strip processing acts as set', () => {
  it('a 12 dB/oct high-pass at 1 kHz takes 100 Hz down by 40 dB and leaves 10 kHz alone', () => {
    const hp = { 'eq.highpass.on': true, 'eq.highpass.freqHz': 1000 };
    // Butterworth: |H| = 1 / sqrt(1 + (fc / f)^4) -> -40.0 dB at a decade below (bilinear warping: < 0.1 dB).
    expect(responseDb(100, hp)).toBeCloseTo(-40, 0);
    expect(Math.abs(responseDb(100, hp) + 40)).toBeLessThan(0.1);
    expect(Math.abs(responseDb(10000, hp))).toBeLessThan(0.05);
  });

  it('a 24 dB/oct high-pass at 1 kHz takes 100 Hz down by 80 dB', () => {
    expect(Math.abs(responseDb(100, { 'eq.highpass.on': true, 'eq.highpass.freqHz': 1000, 'eq.highpass.slope': 24 }) + 80)).toBeLessThan(0.2);
  });

  it('a low-pass at 1 kHz takes 10 kHz down by 40 dB or more (bilinear: the zero at Nyquist adds some)', () => {
    const level = responseDb(10000, { 'eq.lowpass.on': true, 'eq.lowpass.freqHz': 1000 });
    expect(level).toBeLessThan(-40);
    expect(level).toBeGreaterThan(-45);
  });

  it('peak and shelf bands boost and cut by their gain at their frequency', () => {
    expect(Math.abs(responseDb(2500, { 'eq.peak2.on': true, 'eq.peak2.gainDb': 6 }) - 6)).toBeLessThan(0.01);
    expect(Math.abs(responseDb(400, { 'eq.peak1.on': true, 'eq.peak1.gainDb': -9 }) + 9)).toBeLessThan(0.01);
    expect(Math.abs(responseDb(30, { 'eq.lowShelf.on': true, 'eq.lowShelf.gainDb': 8 }) - 8)).toBeLessThan(0.15);
    expect(Math.abs(responseDb(18000, { 'eq.highShelf.on': true, 'eq.highShelf.gainDb': -5 }) + 5)).toBeLessThan(0.15);
  });

  it('a band that is on at 0 dB is bypassed exactly', () => {
    const stem = noise(FRAMES, 0.5, 9);
    const render = (strip: TrackSpec['strip']) =>
      renderEngine(engineFor(buildMix({ tracks: [{ id: 'a', stemId: 's', gainDb: -1, pan: 0.2, strip }] }), { s: [stem] }), FRAMES)[0];
    expect(countDifferent(render({ 'eq.peak1.on': true, 'eq.peak1.gainDb': 0 }), render({}))).toBe(0);
  });

  it('the compressor brings a 0 dBFS tone down by its static curve (threshold -20, ratio 4: -15 dB)', () => {
    // 3 kHz at 48 kHz has a sample on every crest, so the peak detector reads exactly 0 dBFS.
    const stem = sine(FRAMES, 3000, 1);
    const comp = { 'comp.on': true, 'comp.thresholdDb': -20, 'comp.ratio': 4, 'comp.kneeDb': 0, 'comp.attackMs': 1, 'comp.releaseMs': 50 };
    expect(Math.abs(levelDb(stem, comp) - levelDb(stem, {}) + 15)).toBeLessThan(0.05);
    const engine = engineFor(buildMix({ tracks: [{ id: 'a', stemId: 's', gainDb: 0, pan: 0, strip: comp }] }), { s: [stem] });
    renderEngine(engine, FRAMES);
    expect(engine.trackGainReduction('a')).toBeCloseTo(-15, 3);
    // Makeup adds on top.
    expect(Math.abs(levelDb(stem, { ...comp, 'comp.makeupDb': 5 }) - levelDb(stem, {}) + 10)).toBeLessThan(0.05);
  });

  it('trim and polarity act before the inserts', () => {
    const stem = sine(FRAMES, 440, 0.25);
    expect(Math.abs(levelDb(stem, { trimDb: 6 }) - levelDb(stem, {}) - 6)).toBeLessThan(1e-4);
    const render = (strip: TrackSpec['strip']) =>
      renderEngine(engineFor(buildMix({ tracks: [{ id: 'a', stemId: 's', gainDb: 0, pan: 0, strip }] }), { s: [stem] }), 1000)[0];
    const flipped = render({ phase: true });
    const plain = render({});
    expect(maxAbsDiff(flipped, plain.map((x) => -x))).toBe(0);
  });
});

describe('MixEngine reverb and delay buses', () => {
  const click = new Float32Array(RATE / 2);
  click[0] = 1;

  it('a delay bus returns only the echoes (100% wet), at the set time and feedback', () => {
    const snapshot = buildMix({
      buses: [{ id: 'dly', kind: 'delay', params: { timeMs: 100, feedback: 0.5, dampingHz: 20000 } }],
      tracks: [{ id: 'a', stemId: 'c', gainDb: -144, pan: 0, sends: { dly: { levelDb: 0, pre: true } } }],
    });
    const [, right] = renderEngine(engineFor(snapshot, { c: [click] }), RATE / 2);
    expect(right[0]).toBe(0);
    // Bus pan 0 with the stereo law: the right channel passes at gain 1.
    expect(right[4800]).toBeCloseTo(1, 6);
    expect(right[9600]).toBeCloseTo(0.5, 6);
    expect(peakAbs(right, 1, 4800)).toBe(0);
  });

  it('a reverb bus returns a decaying tail after the dry signal has stopped, at its decay time', () => {
    const snapshot = buildMix({
      buses: [{ id: 'verb', kind: 'reverb', params: { decaySec: 0.5, preDelayMs: 10 } }],
      tracks: [{ id: 'a', stemId: 'c', gainDb: -144, pan: 0, sends: { verb: { levelDb: 0, pre: true } } }],
    });
    const [left] = renderEngine(engineFor(snapshot, { c: [click] }), RATE / 2);
    expect(peakAbs(left, 0, 480)).toBe(0);
    const early = rms(left, 4800, 9600);
    const late = rms(left, 9600 + 4800, 9600 + 9600);
    // RT60 0.5 s: 0.2 s later the tail is about 24 dB lower (a diffuse tail, so +-6 dB).
    expect(db(late / early)).toBeGreaterThan(-30);
    expect(db(late / early)).toBeLessThan(-18);
  });
});

describe('MixEngine determinism', () => {
  const stems = { a: [noise(FRAMES, 0.5, 1), noise(FRAMES, 0.5, 2)], b: [sine(FRAMES, 150, 0.6)] };
  const snapshot = buildMix({
    buses: [{ id: 'verb', kind: 'reverb' }, { id: 'dly', kind: 'delay' }],
    tracks: [
      { id: 'a', stemId: 'a', gainDb: -3, pan: 0.3, strip: { 'eq.highpass.on': true, 'comp.on': true }, sends: { verb: { levelDb: -6 }, dly: { levelDb: -10 } } },
      { id: 'b', stemId: 'b', gainDb: 0, pan: -0.4, strip: { 'eq.peak1.on': true, 'eq.peak1.gainDb': 4 }, sends: { verb: { levelDb: -3, pre: true } } },
    ],
  });

  it('renders the same input to the same bits twice', () => {
    const first = renderEngine(engineFor(snapshot, stems), FRAMES);
    const second = renderEngine(engineFor(snapshot, stems), FRAMES);
    expect(countDifferent(first[0], second[0])).toBe(0);
    expect(countDifferent(first[1], second[1])).toBe(0);
  });

  it('a seek clears state: playing elsewhere, then from frame K, equals a fresh render from K', () => {
    const engine = engineFor(snapshot, stems);
    renderEngine(engine, 4096, 10000);
    const afterSeek = renderEngine(engine, 4096, 3000);
    const fresh = renderEngine(engineFor(snapshot, stems), 4096, 3000);
    expect(countDifferent(afterSeek[0], fresh[0])).toBe(0);
    expect(countDifferent(afterSeek[1], fresh[1])).toBe(0);
  });
});
