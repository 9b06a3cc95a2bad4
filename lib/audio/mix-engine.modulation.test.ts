import { describe, expect, it } from 'vitest';
import { noise, sine } from '../dsp/test-support/signals';
import { renderMix } from './render-mix';
import { buildMix, type BusSpec, type InsertSpec, type TrackSpec } from './test-support/mix-fixture';
import { countDifferent, maxAbsDiff, peakAbs } from './test-support/reference-mix';
import { engineFor, RATE, renderEngine } from './test-support/render-engine';

const FRAMES = 3 * RATE;
const tone = sine(FRAMES, 330, 0.5);
const wide = [noise(FRAMES, 0.3, 5), noise(FRAMES, 0.3, 6)];
const stems = { tone: [tone], wide };
/** A seek point off every block and LFO boundary. */
const SEEK = 1.37 * RATE + 5;
/** Chorus, flanger and phaser keep delay lines and filters, which a seek clears, as every processor's state: compared after they refilled. */
const REFILL = RATE / 4;

const track = (extra: Partial<TrackSpec> = {}): TrackSpec => ({ id: 't', stemId: 'tone', gainDb: 0, pan: 0, ...extra });

/** Modulation inserts, free and tempo-synced, each with a rate that does not divide the seek point. */
const MODULATION: Array<{ insert: InsertSpec; stateless: boolean }> = [
  { insert: { id: 'm', kind: 'tremolo', params: { depth: 1, rateHz: 3.3 } }, stateless: true },
  { insert: { id: 'm', kind: 'tremolo', params: { depth: 1, sync: '1/8t' } }, stateless: true },
  { insert: { id: 'm', kind: 'auto_pan', params: { depth: 1, rateHz: 1.7 } }, stateless: true },
  { insert: { id: 'm', kind: 'chorus', params: { depth: 1, rateHz: 2.3, mix: 1 } }, stateless: false },
  { insert: { id: 'm', kind: 'flanger', params: { depth: 1, sync: '1/4d' } }, stateless: false },
  { insert: { id: 'm', kind: 'phaser', params: { depth: 1, rateHz: 1.1 } }, stateless: false },
];

describe('MixEngine modulation on the timeline (SPEC L19)', () => {
  for (const { insert, stateless } of MODULATION) {
    const name = `${insert.kind}${insert.params?.sync ? ` synced to ${insert.params.sync}` : ''}`;
    it(`a ${name}: playing from a seek point, exporting the range from it and looping back to it give what playing through gives`, () => {
      const snapshot = buildMix({ bpm: 107, tracks: [track({ stemId: 'wide', inserts: [insert] })] });
      const [throughL, throughR] = renderEngine(engineFor(snapshot, stems), FRAMES);

      // Live: a fresh engine started at the seek point, and one that played, then jumped back to it (a loop).
      const [seekL, seekR] = renderEngine(engineFor(snapshot, stems), FRAMES - SEEK, SEEK);
      const looping = engineFor(snapshot, stems);
      renderEngine(looping, 2 * RATE);
      const [loopL] = renderEngine(looping, FRAMES - SEEK, SEEK);
      // An export of the range, as `renderMix` (Node and the export worker) makes it, against the whole export.
      const exportOf = (startSec: number, durationSec: number) => renderMix({ snapshot, stems: new Map(Object.entries(stems)), sampleRate: RATE, startSec, durationSec }).left;
      const whole = exportOf(0, FRAMES / RATE).subarray(SEEK);
      const range = exportOf(SEEK / RATE, (FRAMES - SEEK) / RATE);

      const from = stateless ? 0 : REFILL;
      const tail = (x: Float32Array) => x.subarray(from);
      const expected = throughL.subarray(SEEK);
      if (stateless) {
        expect(countDifferent(seekL, expected)).toBe(0);
        expect(countDifferent(seekR, throughR.subarray(SEEK))).toBe(0);
      } else {
        expect(maxAbsDiff(tail(seekL), tail(expected))).toBeLessThan(1e-5);
        expect(maxAbsDiff(tail(seekR), tail(throughR.subarray(SEEK)))).toBeLessThan(1e-5);
      }
      expect(countDifferent(loopL, seekL)).toBe(0);
      if (stateless) expect(countDifferent(range, whole)).toBe(0);
      else expect(maxAbsDiff(tail(range), tail(whole))).toBeLessThan(1e-5);
      // The modulation is there to be heard: the insert changes the signal by far more than the tolerance.
      const [plainL] = renderEngine(engineFor(buildMix({ tracks: [track({ stemId: 'wide' })] }), stems), FRAMES);
      expect(maxAbsDiff(tail(expected), tail(plainL.subarray(SEEK)))).toBeGreaterThan(0.05);
    });
  }

  it('a group bus\'s tremolo follows the timeline too', () => {
    const bus: BusSpec = { id: 'grp', kind: 'group', inserts: [{ id: 'tr', kind: 'tremolo', params: { depth: 1, sync: '1/16' } }] };
    const snapshot = buildMix({ bpm: 93, buses: [bus], tracks: [track({ strip: { output: 'grp' } })] });
    const [through] = renderEngine(engineFor(snapshot, stems), FRAMES);
    const [seek] = renderEngine(engineFor(snapshot, stems), FRAMES - SEEK, SEEK);
    expect(countDifferent(seek, through.subarray(SEEK))).toBe(0);
  });

  it('a synced LFO starts its cycle on the note grid: a tremolo of 1/4 at 120 bpm is at the top of its cycle on each beat, wherever playback starts', () => {
    const dc = [new Float32Array(FRAMES).fill(0.5)];
    const snapshot = buildMix({ bpm: 120, tracks: [track({ stemId: 'dc', pan: -1, inserts: [{ id: 'tr', kind: 'tremolo', params: { depth: 1, sync: '1/4' } }] })] });
    const start = 0.6 * RATE;
    const [left] = renderEngine(engineFor(snapshot, { dc }), FRAMES - start, start);
    // gain 1 - (1 - sin(2 pi t / 0.5)) / 2: 0.5 on each beat (t = 1, 1.5 s), 0 at t = 0.875 s.
    expect(left[1 * RATE - start]).toBeCloseTo(0.25, 5);
    expect(left[1.5 * RATE - start]).toBeCloseTo(0.25, 5);
    expect(Math.abs(left[0.875 * RATE - start])).toBeLessThan(1e-6);
  });
});

describe('MixEngine modulation on a mono track', () => {
  /** The peak over 600 samples (4 periods of the 330 Hz tone) around `t`, or `half` either side. */
  const windowPeak = (x: Float32Array, t: number, half = 300) => peakAbs(x.subarray(t * RATE - half, t * RATE + half));

  it('an auto-pan at depth 0 or bypassed leaves a panned mono track at the mono pan law\'s level', () => {
    for (const pan of [-1, -0.6, 0.35, 1]) {
      const [l0, r0] = render([track({ pan })]);
      for (const insert of [{ id: 'p', kind: 'auto_pan', params: { depth: 0 } }, { id: 'p', kind: 'auto_pan', bypass: true }] as InsertSpec[]) {
        const [l1, r1] = render([track({ pan, inserts: [insert] })]);
        expect(maxAbsDiff(l1, l0)).toBeLessThan(1e-6);
        expect(maxAbsDiff(r1, r0)).toBeLessThan(1e-6);
      }
    }
  });

  it('an auto-pan moves a mono source between the sides, also on a panned track, with the power of the mono law at the centre of its swing', () => {
    // 1 Hz, depth 1: hard right at 0.25 s, hard left at 0.75 s, centre at 0.5 s.
    const [l, r] = render([track({ inserts: [{ id: 'p', kind: 'auto_pan', params: { depth: 1, rateHz: 1 } }] })]);
    expect(windowPeak(l, 0.25)).toBeLessThan(0.01);
    expect(windowPeak(r, 0.25)).toBeGreaterThan(0.49);
    expect(windowPeak(r, 0.75)).toBeLessThan(0.01);
    expect(windowPeak(l, 0.75)).toBeGreaterThan(0.49);
    // At the centre (where the LFO moves fastest), one period either side: within 1%.
    expect(Math.abs(windowPeak(l, 0.5, 80) / (0.5 * Math.SQRT1_2) - 1)).toBeLessThan(0.01);
    expect(Math.abs(windowPeak(r, 0.5, 80) / (0.5 * Math.SQRT1_2) - 1)).toBeLessThan(0.01);
    // Panned half left, the swing still reaches both sides, and the left side is the louder on average.
    const [pl, pr] = render([track({ pan: -0.5, inserts: [{ id: 'p', kind: 'auto_pan', params: { depth: 1, rateHz: 1 } }] })]);
    expect(windowPeak(pl, 0.25)).toBeLessThan(0.01);
    expect(windowPeak(pr, 0.25)).toBeGreaterThan(0.2);
    expect(windowPeak(pr, 0.75)).toBeLessThan(0.01);
    expect(windowPeak(pl, 0.75)).toBeGreaterThan(0.6);
  });

  it('chorus, flanger, phaser and tremolo on a mono track stay mono: both sides carry the mono law\'s share of one signal', () => {
    for (const kind of ['chorus', 'flanger', 'phaser', 'tremolo'] as const) {
      const [l, r] = render([track({ pan: -0.4, inserts: [{ id: 'm', kind, params: { depth: 1 } }] })]);
      const [gl, gr] = [Math.cos(((0.6 / 2) * Math.PI) / 2), Math.sin(((0.6 / 2) * Math.PI) / 2)];
      expect(peakAbs(l)).toBeGreaterThan(0.1);
      expect(maxAbsDiff(Float32Array.from(l, (v) => v / gl), Float32Array.from(r, (v) => v / gr))).toBeLessThan(1e-5);
    }
  });

  function render(tracks: TrackSpec[]) {
    return renderEngine(engineFor(buildMix({ tracks }), stems), FRAMES);
  }
});
