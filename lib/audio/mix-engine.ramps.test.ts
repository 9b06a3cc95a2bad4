import { describe, expect, it } from 'vitest';
import { buildMix } from './test-support/mix-fixture';
import { peakAbs } from './test-support/reference-mix';
import { dc, engineFor, maxStep, RATE, renderEngine } from './test-support/render-engine';
import { MUTE_FADE_SEC } from './track-strip';

const CENTRE = Math.SQRT1_2; // mono pan law at centre
const gain = (db: number) => 10 ** (db / 20);

describe('MixEngine automation', () => {
  it('follows a fader lane without steps: monotonic, on the lane at every block end, bounded slope', () => {
    const frames = RATE;
    const snapshot = buildMix({
      tracks: [{ id: 'a', stemId: 'dc', gainDb: 0, pan: 0, automation: { gainDb: [[0.1, -40], [0.6, 0]] } }],
    });
    const [left] = renderEngine(engineFor(snapshot, { dc: [dc(frames, 1)] }), frames);
    const start = Math.round(0.1 * RATE);
    const end = Math.round(0.6 * RATE);
    for (let n = start + 1; n < end + 128; n++) expect(left[n]).toBeGreaterThanOrEqual(left[n - 1]);
    // At each block end the gain is the lane's value (linear in dB), to float32 precision.
    for (let blockEnd = 128 * Math.ceil(start / 128); blockEnd <= end; blockEnd += 128 * 37) {
      const db = -40 + (40 * (blockEnd / RATE - 0.1)) / 0.5;
      expect(Math.abs(left[blockEnd - 1] / CENTRE / gain(db) - 1)).toBeLessThan(1e-6);
    }
    // Steepest point of the curve: gain 1, 80 dB/s -> d(gain)/dt = ln(10)/20 * 80 per second.
    const steepestPerSample = ((Math.LN10 / 20) * 80) / RATE;
    expect(maxStep(left)).toBeLessThanOrEqual(steepestPerSample * CENTRE * 1.01);
    expect(left[start - 200]).toBeCloseTo(gain(-40) * CENTRE, 7);
    expect(left[frames - 1]).toBeCloseTo(CENTRE, 7);
  });

  it('turns a jump in a lane (two points at one time) into a one-block ramp', () => {
    const snapshot = buildMix({
      tracks: [{ id: 'a', stemId: 'dc', gainDb: 0, pan: 0, automation: { gainDb: [[0.05, -144], [0.1, -144], [0.1, 0]] } }],
    });
    const [left] = renderEngine(engineFor(snapshot, { dc: [dc(9600, 1)] }), 9600);
    expect(maxStep(left)).toBeLessThanOrEqual((CENTRE / 128) * 1.0001);
    expect(left[4700]).toBe(0);
    expect(left[4900]).toBeCloseTo(CENTRE, 7);
  });

  it('sweeps a pan lane smoothly through the mono law', () => {
    const snapshot = buildMix({ tracks: [{ id: 'a', stemId: 'dc', gainDb: 0, pan: 0, automation: { pan: [[0, -1], [0.2, 1]] } }] });
    const [left, right] = renderEngine(engineFor(snapshot, { dc: [dc(9600, 1)] }), 9600);
    // d(cos(x pi / 2))/dx <= pi / 2, x moving 1 per 0.2 s.
    const bound = Math.PI / 2 / (0.2 * RATE);
    expect(maxStep(left)).toBeLessThanOrEqual(bound * 1.01);
    expect(maxStep(right)).toBeLessThanOrEqual(bound * 1.01);
    expect(left[4799]).toBeCloseTo(CENTRE, 6);
    expect(right[9599]).toBeCloseTo(1, 7);
  });

  it('mutes from a mute lane with a 5 ms fade (read at block starts) and exact silence in between', () => {
    const snapshot = buildMix({ tracks: [{ id: 'a', stemId: 'dc', gainDb: 0, pan: 0, automation: { mute: [[0, 0], [0.1, 1], [0.2, 0]] } }] });
    const [left] = renderEngine(engineFor(snapshot, { dc: [dc(RATE / 2, 1)] }), RATE / 2);
    const fadeFrames = MUTE_FADE_SEC * RATE;
    expect(maxStep(left)).toBeLessThanOrEqual((CENTRE / fadeFrames) * 1.0001);
    expect(left[Math.round(0.1 * RATE) - 1]).toBe(Math.fround(CENTRE));
    expect(peakAbs(left, Math.round(0.1 * RATE) + 128 + fadeFrames, Math.round(0.2 * RATE))).toBe(0);
    expect(left[Math.round(0.2 * RATE) + 128 + fadeFrames]).toBe(Math.fround(CENTRE));
  });

  it('automates a send level', () => {
    const snapshot = buildMix({
      buses: [{ id: 'grp', kind: 'group' }],
      tracks: [{ id: 'a', stemId: 'dc', gainDb: -144, pan: 0, sends: { grp: { levelDb: 0, pre: true } }, automation: { 'send:grp': [[0, -144], [0.1, 0]] } }],
    });
    const [, right] = renderEngine(engineFor(snapshot, { dc: [dc(9600, 1)] }), 9600);
    expect(right[0]).toBeLessThan(1e-6);
    expect(right[9599]).toBe(1);
    for (let n = 1; n < 9600; n++) expect(right[n]).toBeGreaterThanOrEqual(right[n - 1]);
  });
});

describe('MixEngine parameter changes between blocks', () => {
  it('ramps a fader change across the next block (no discontinuity larger than the ramp step)', () => {
    const engine = engineFor(buildMix({ tracks: [{ id: 'a', stemId: 'dc', gainDb: 0, pan: 0 }] }), { dc: [dc(4096, 1)] });
    const [before] = renderEngine(engine, 1280);
    engine.setMix(buildMix({ tracks: [{ id: 'a', stemId: 'dc', gainDb: -20, pan: 0 }] }));
    const [after] = renderEngine(engine, 1280, 1280);
    const joined = Float32Array.from([...before, ...after]);
    const ramp = ((1 - gain(-20)) * CENTRE) / 128;
    expect(maxStep(joined)).toBeLessThanOrEqual(ramp * 1.0001);
    expect(maxStep(joined)).toBeGreaterThan(ramp * 0.999);
    expect(after[127]).toBe(Math.fround(gain(-20) * CENTRE));
  });

  it('ramps a pan change and a polarity flip, and fades a mute switch over 5 ms', () => {
    const mix = (strip: Record<string, unknown>, mute = false) =>
      buildMix({ tracks: [{ id: 'a', stemId: 'dc', gainDb: 0, pan: -1, mute, strip }] });
    const engine = engineFor(mix({}), { dc: [dc(8192, 0.5)] });
    const parts: Float32Array[] = [];
    parts.push(renderEngine(engine, 512)[0]);
    engine.setMix(mix({ phase: true }));
    parts.push(renderEngine(engine, 512, 512)[0]);
    engine.setMix(mix({ phase: true }, true));
    parts.push(renderEngine(engine, 1024, 1024)[0]);
    const left = Float32Array.from(parts.flatMap((p) => [...p]));
    // Polarity crossfades 0.5 -> -0.5 across 128 frames; the mute fade moves at most 1/240 per
    // frame (5 ms) and ends at a block end: after 256 frames.
    expect(maxStep(left)).toBeLessThanOrEqual((1 / 128) * 1.0001);
    expect(left[511 + 128]).toBe(-0.5);
    expect(left[1023 + 256]).toBe(0);
    expect(left[1023 + 200]).toBeLessThan(0);
    expect(maxStep(left, 1024)).toBeLessThanOrEqual((0.5 / (MUTE_FADE_SEC * RATE)) * 1.0001);
  });

  it('crossfades an EQ band switched on instead of clicking', () => {
    const tracks = (on: boolean) => [{ id: 'a', stemId: 'dc', gainDb: 0, pan: 0, strip: { 'eq.lowShelf.on': on, 'eq.lowShelf.gainDb': 12 } }];
    const engine = engineFor(buildMix({ tracks: tracks(false) }), { dc: [dc(8192, 0.25)] });
    const [a] = renderEngine(engine, 1024);
    engine.setMix(buildMix({ tracks: tracks(true) }));
    const [b] = renderEngine(engine, 4096, 1024);
    const joined = Float32Array.from([...a, ...b]);
    // DC through a +12 dB low shelf ends at x 3.98; the switch-on block moves by < 1/128 of the gap per sample.
    expect(joined[5119]).toBeCloseTo(0.25 * CENTRE * gain(12), 3);
    expect(maxStep(joined, 1024, 1024 + 128)).toBeLessThan(((0.25 * CENTRE * gain(12) * 1.2) / 128) * 1.5);
  });

  it('a send removed between blocks ramps out over one block instead of stopping dead', () => {
    const mix = (sends: Record<string, { levelDb: number; pre: boolean }>) =>
      buildMix({ buses: [{ id: 'grp', kind: 'group' }], tracks: [{ id: 'a', stemId: 'dc', gainDb: -144, pan: 0, sends }] });
    const engine = engineFor(mix({ grp: { levelDb: 0, pre: true } }), { dc: [dc(4096, 1)] });
    const [, before] = renderEngine(engine, 512);
    engine.setMix(mix({}));
    const [, after] = renderEngine(engine, 512, 512);
    expect(before[511]).toBe(1);
    expect(maxStep(Float32Array.from([...before, ...after]))).toBeLessThanOrEqual((1 / 128) * 1.0001);
    expect(peakAbs(after, 128)).toBe(0);
  });

  it('a track added between blocks fades in over 5 ms', () => {
    const engine = engineFor(buildMix({ tracks: [] }), { dc: [dc(4096, 1)] });
    renderEngine(engine, 512);
    engine.setMix(buildMix({ tracks: [{ id: 'a', stemId: 'dc', gainDb: 0, pan: 0 }] }));
    const [left] = renderEngine(engine, 512, 512);
    expect(left[0]).toBeLessThan(0.01);
    expect(maxStep(left)).toBeLessThanOrEqual((CENTRE / (MUTE_FADE_SEC * RATE)) * 1.0001);
    expect(left[511]).toBe(Math.fround(CENTRE));
  });

  it('never renders past the output arrays and ignores a NaN frame count (no throw in the block loop)', () => {
    const engine = engineFor(buildMix({ tracks: [{ id: 'a', stemId: 'dc', gainDb: 0, pan: 0 }] }), { dc: [dc(4096, 1)] });
    const left = new Float32Array(100);
    const right = new Float32Array(100);
    expect(() => engine.process(0, 1000, left, right)).not.toThrow();
    expect(left[99]).toBe(Math.fround(CENTRE));
    expect(() => engine.process(100, NaN, left, right)).not.toThrow();
  });
});
