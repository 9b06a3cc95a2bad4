import { describe, expect, it } from 'vitest';
import { noise, sine } from '../dsp/test-support/signals';
import { MixEngine } from './mix-engine';
import { buildMix } from './test-support/mix-fixture';
import { countDifferent, peakAbs, referenceMix, type ReferenceTrack } from './test-support/reference-mix';
import { renderEngine as render } from './test-support/render-engine';

const RATE = 48000;
const FRAMES = 24000;

const stems: Record<string, Float32Array[]> = {
  tone: [sine(20000, 220, 0.9)],
  noise: [noise(18000, 0.8, 7), noise(18000, 0.8, 8)],
  chord: [sine(22000, 330, 0.7), sine(22000, 440, 0.7, 0.3)],
  pad: [sine(30000, 110, 0.95)],
};

interface Case {
  name: string;
  tracks: Array<{ stemId: string; gainDb: number; pan: number; offsetSec?: number }>;
}

const cases: Case[] = [
  { name: 'unity faders, centre pans', tracks: [{ stemId: 'tone', gainDb: 0, pan: 0 }, { stemId: 'chord', gainDb: 0, pan: 0 }] },
  {
    name: 'pans at -1, -0.5, 0.5, 1 and fractional faders',
    tracks: [
      { stemId: 'tone', gainDb: -3.7, pan: -1 },
      { stemId: 'noise', gainDb: -0.25, pan: -0.5 },
      { stemId: 'chord', gainDb: 2.5, pan: 0.5 },
      { stemId: 'pad', gainDb: -11, pan: 1 },
    ],
  },
  {
    name: 'a sum far above full scale (faders at +12 dB)',
    tracks: [
      { stemId: 'tone', gainDb: 12, pan: 0.1 },
      { stemId: 'chord', gainDb: 12, pan: -0.2 },
      { stemId: 'pad', gainDb: 6, pan: 0 },
    ],
  },
  {
    name: 'clips at sample offsets, one starting before the timeline, one silenced at -144 dB',
    tracks: [
      { stemId: 'tone', gainDb: 0, pan: 0.3, offsetSec: 1001 / RATE },
      { stemId: 'noise', gainDb: -6, pan: -0.7, offsetSec: -0.05 },
      { stemId: 'chord', gainDb: -144, pan: 0 },
      { stemId: 'pad', gainDb: 1, pan: 0.9, offsetSec: 0.2 },
    ],
  },
];

describe('MixEngine: a fader/pan-only mix is the sum of the stems with the Web Audio pan law', () => {
  for (const c of cases) {
    it(`equals the independently computed sum in every bit: ${c.name}`, () => {
      const snapshot = buildMix({ tracks: c.tracks.map((t, k) => ({ id: `t${k}`, ...t })) });
      const engine = new MixEngine({ sampleRate: RATE });
      for (const [id, pcm] of Object.entries(stems)) engine.setStem(id, pcm);
      engine.setMix(snapshot);
      const [left, right] = render(engine, FRAMES);
      const reference: ReferenceTrack[] = c.tracks.map((t) => ({
        stem: stems[t.stemId],
        gainDb: t.gainDb,
        pan: t.pan,
        offsetFrames: Math.round((t.offsetSec ?? 0) * RATE),
      }));
      const [refL, refR] = referenceMix(reference, FRAMES);
      expect(countDifferent(left, refL)).toBe(0);
      expect(countDifferent(right, refR)).toBe(0);
    });
  }

  it('keeps peaks above full scale (nothing clips or limits)', () => {
    const snapshot = buildMix({
      tracks: [
        { id: 'a', stemId: 'tone', gainDb: 12, pan: 0 },
        { id: 'b', stemId: 'pad', gainDb: 12, pan: 0 },
      ],
    });
    const engine = new MixEngine({ sampleRate: RATE });
    for (const [id, pcm] of Object.entries(stems)) engine.setStem(id, pcm);
    engine.setMix(snapshot);
    const [left] = render(engine, FRAMES);
    // Two sines of 0.9 and 0.95 at +12 dB through the mono pan law: peaks near (0.9 + 0.95) x 3.98 x 0.707.
    expect(peakAbs(left)).toBeGreaterThan(4);
  });

  it('is silent outside every clip and places a clip to the sample', () => {
    const impulse = new Float32Array(10);
    impulse[0] = 1;
    const engine = new MixEngine({ sampleRate: RATE });
    engine.setStem('click', [impulse]);
    engine.setMix(buildMix({ tracks: [{ id: 'a', stemId: 'click', gainDb: 0, pan: -1, offsetSec: 777 / RATE }] }));
    const [left, right] = render(engine, 2000);
    expect(left[777]).toBe(1);
    expect(countDifferent(left, Object.assign(new Float32Array(2000), { 777: 1 }))).toBe(0);
    expect(peakAbs(right)).toBe(0);
  });

  it('gives the same bits for any block partition of a static mix (blocks of 37, 128 and 1000 frames)', () => {
    const snapshot = buildMix({
      tracks: [
        { id: 'a', stemId: 'noise', gainDb: -2, pan: 0.4, offsetSec: 0.01 },
        { id: 'b', stemId: 'chord', gainDb: 3, pan: -0.6 },
      ],
    });
    const results = [37, 128, 1000].map((chunk) => {
      const engine = new MixEngine({ sampleRate: RATE, blockSize: 128 });
      for (const [id, pcm] of Object.entries(stems)) engine.setStem(id, pcm);
      engine.setMix(snapshot);
      return render(engine, 5000, 0, chunk);
    });
    for (const [left, right] of results.slice(1)) {
      expect(countDifferent(left, results[0][0])).toBe(0);
      expect(countDifferent(right, results[0][1])).toBe(0);
    }
  });

  it('renders silence for a track whose stem is not loaded, and picks the stem up when it arrives', () => {
    const engine = new MixEngine({ sampleRate: RATE });
    engine.setMix(buildMix({ tracks: [{ id: 'a', stemId: 'tone', gainDb: 0, pan: 0 }] }));
    const [before] = render(engine, 256);
    expect(peakAbs(before)).toBe(0);
    engine.setStem('tone', stems.tone);
    const [after] = render(engine, 256, 256);
    expect(peakAbs(after)).toBeGreaterThan(0.1);
  });
});
