import { describe, expect, it } from 'vitest';
import { noise, sine } from '../dsp/test-support/signals';
import { buildMix, type BusSpec, type TrackSpec } from './test-support/mix-fixture';
import { countDifferent, peakAbs, referencePanGains } from './test-support/reference-mix';
import { engineFor, RATE, renderEngine } from './test-support/render-engine';

const f = Math.fround;
const FRAMES = 9600;
const stems = {
  a: [sine(FRAMES, 200, 0.5)],
  b: [noise(FRAMES, 0.4, 3), noise(FRAMES, 0.4, 4)],
  c: [sine(FRAMES, 900, 0.3)],
};
const reverb: BusSpec = { id: 'verb', kind: 'reverb', params: { decaySec: 1, preDelayMs: 0 } };

function renderTracks(tracks: TrackSpec[], buses: BusSpec[] = [reverb]) {
  return renderEngine(engineFor(buildMix({ tracks, buses }), stems), FRAMES);
}

describe('MixEngine mute and solo', () => {
  it('silences a muted track, including its sends', () => {
    const [left, right] = renderTracks([{ id: 'a', stemId: 'a', gainDb: 0, pan: 0, mute: true, sends: { verb: { levelDb: 0 } } }]);
    expect(peakAbs(left)).toBe(0);
    expect(peakAbs(right)).toBe(0);
  });

  it('plays only the soloed tracks, and their reverb, exactly as muting every other track', () => {
    const base: TrackSpec[] = [
      { id: 'a', stemId: 'a', gainDb: 0, pan: -0.3, sends: { verb: { levelDb: -6 } } },
      { id: 'b', stemId: 'b', gainDb: -3, pan: 0.2, sends: { verb: { levelDb: 0 } } },
      { id: 'c', stemId: 'c', gainDb: 0, pan: 0.5 },
    ];
    const soloed = renderTracks(base.map((t) => (t.id === 'b' ? { ...t, solo: true } : t)));
    const othersMuted = renderTracks(base.map((t) => (t.id === 'b' ? t : { ...t, mute: true })));
    expect(countDifferent(soloed[0], othersMuted[0])).toBe(0);
    expect(countDifferent(soloed[1], othersMuted[1])).toBe(0);
    const dryOnly = renderTracks(base.map((t) => (t.id === 'b' ? { ...t, sends: {} } : { ...t, mute: true })));
    // The reverb of the soloed track is still there: the soloed render differs from its dry part.
    expect(peakAbs(Float32Array.from(soloed[0], (x, n) => x - dryOnly[0][n]))).toBeGreaterThan(1e-3);
  });

  it('plays every soloed track when several are soloed', () => {
    const both = renderTracks([
      { id: 'a', stemId: 'a', gainDb: 0, pan: 0, solo: true },
      { id: 'c', stemId: 'c', gainDb: 0, pan: 0, solo: true },
      { id: 'b', stemId: 'b', gainDb: 0, pan: 0 },
    ]);
    const plain = renderTracks([
      { id: 'a', stemId: 'a', gainDb: 0, pan: 0 },
      { id: 'c', stemId: 'c', gainDb: 0, pan: 0 },
    ]);
    expect(countDifferent(both[0], plain[0])).toBe(0);
  });

  it('a soloed bus plays only its return: direct outputs to the master go silent', () => {
    const group: BusSpec = { id: 'grp', kind: 'group', strip: { solo: true } };
    const [left] = renderTracks(
      [
        { id: 'a', stemId: 'a', gainDb: 0, pan: 0 },
        { id: 'c', stemId: 'c', gainDb: 0, pan: 0, sends: { grp: { levelDb: 0 } } },
      ],
      [group],
    );
    // Post-fader send at 0 dB of a centred mono track: c x mono gains into the group, stereo law at 0.
    expect(peakAbs(left)).toBeGreaterThan(0.1);
    const tone = stems.c[0];
    const [gl, gr] = referencePanGains(0, false);
    const [bl] = referencePanGains(0, true);
    for (const n of [100, 2345, 9000]) {
      const l = f(tone[n] * gl);
      const r = f(tone[n] * gr);
      expect(left[n]).toBe(f(l + r * bl));
    }
  });
});

describe('MixEngine sends and group buses', () => {
  const group: BusSpec = { id: 'grp', kind: 'group' };

  it('a pre-fader send feeds the bus with the fader closed: the send-only path through a group bus', () => {
    const [left, right] = renderTracks([{ id: 'a', stemId: 'a', gainDb: -144, pan: -1, sends: { grp: { levelDb: -6, pre: true } } }], [group]);
    const s = stems.a[0];
    const level = 10 ** (-6 / 20);
    const [gl, gr] = referencePanGains(0, true);
    // Pre-fader, pre-pan: the mono track feeds both bus channels; the bus pans at 0 (stereo law).
    const x = s.map((v) => f(v * level));
    expect(countDifferent(left, x.map((v) => f(v + v * gl)))).toBe(0);
    expect(countDifferent(right, x.map((v) => f(v * gr)))).toBe(0);
  });

  it('a post-fader send follows the fader and the pan', () => {
    const silent = renderTracks([{ id: 'a', stemId: 'a', gainDb: -144, pan: 0, sends: { grp: { levelDb: 0 } } }], [group]);
    expect(peakAbs(silent[0])).toBe(0);
    const [left, right] = renderTracks(
      [{ id: 'a', stemId: 'a', gainDb: -6, pan: -1, sends: { grp: { levelDb: 0 } }, strip: { output: 'grp' } }],
      [group],
    );
    // Output and post-fader send both land in the group: twice the hard-left signal, nothing right.
    const s = stems.a[0];
    const g = 10 ** (-6 / 20);
    const [gl] = referencePanGains(-1, false);
    const [bl] = referencePanGains(0, true);
    for (const n of [10, 500, 7000]) {
      const x = f(f(s[n] * g) * gl);
      const bus = f(x + x);
      expect(left[n]).toBe(f(bus + f(0) * bl));
    }
    expect(peakAbs(right)).toBeLessThan(1e-6);
  });

  it('a group bus fader and mute act on everything routed to it', () => {
    const tracks: TrackSpec[] = [{ id: 'a', stemId: 'a', gainDb: 0, pan: 0, strip: { output: 'grp' } }];
    const [unity] = renderTracks(tracks, [group]);
    const [down] = renderTracks(tracks, [{ ...group, strip: { gainDb: -20 } }]);
    const [muted] = renderTracks(tracks, [{ ...group, strip: { mute: true } }]);
    expect(peakAbs(down) / peakAbs(unity)).toBeCloseTo(0.1, 6);
    expect(peakAbs(muted)).toBe(0);
  });
});
