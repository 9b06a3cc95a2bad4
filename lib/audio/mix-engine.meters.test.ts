import { describe, expect, it } from 'vitest';
import { buildMix } from './test-support/mix-fixture';
import { peakAbs } from './test-support/reference-mix';
import { dc, RATE, renderEngine } from './test-support/render-engine';
import { MixEngine } from './mix-engine';

const FRAMES = 4800;
const stems = { a: [dc(FRAMES, 0.5)], b: [dc(FRAMES, -0.25), dc(FRAMES, 0.125)] };

function meteredEngine(mute = false) {
  const engine = new MixEngine({ sampleRate: RATE, metering: true });
  for (const [id, pcm] of Object.entries(stems)) engine.setStem(id, pcm);
  engine.setMix(buildMix({ tracks: [{ id: 'a', stemId: 'a', gainDb: -6, pan: 0, mute }, { id: 'b', stemId: 'b', gainDb: 0, pan: 0 }] }));
  return engine;
}

describe('MixEngine meters', () => {
  it('reports each track’s output peak after fader and pan, and the master peaks, then starts over', () => {
    const engine = meteredEngine();
    const [left, right] = renderEngine(engine, FRAMES);
    const m = engine.takeMeters();
    expect(m.trackIds).toEqual(['a', 'b']);
    // Mono 0.5 at -6 dB, centre pan (cos(pi/4)) on each side.
    expect(m.trackPeaks[0]).toBeCloseTo(0.5 * 10 ** (-6 / 20) * Math.SQRT1_2, 6);
    // Stereo at centre: each side passes unchanged.
    expect(m.trackPeaks[1]).toBeCloseTo(0.25, 7);
    expect(m.masterPeaks[0]).toBe(Math.fround(peakAbs(left)));
    expect(m.masterPeaks[1]).toBe(Math.fround(peakAbs(right)));
    expect(m.trackGr[0]).toBe(0);
    const again = engine.takeMeters();
    expect([...again.trackPeaks, ...again.masterPeaks]).toEqual([0, 0, 0, 0]);
  });

  it('shows silence for a muted strip once its fade is over', () => {
    const engine = meteredEngine(true);
    renderEngine(engine, FRAMES);
    expect(engine.takeMeters().trackPeaks[0]).toBe(0);
  });

  it('copies one track’s output to the tap, and leaves the render unchanged', () => {
    const plain = renderEngine(meteredEngine(), FRAMES);
    const engine = meteredEngine();
    const tap: [Float32Array, Float32Array] = [new Float32Array(128), new Float32Array(128)];
    engine.setTap('b', tap);
    const tapped = renderEngine(engine, FRAMES);
    expect(tapped).toEqual(plain);
    expect(tap[0][127]).toBe(-0.25);
    expect(tap[1][127]).toBe(0.125);
  });

  it('meters each bus after its fader and mute', () => {
    const withBus = (busMuted: boolean) => {
      const engine = new MixEngine({ sampleRate: RATE, metering: true });
      engine.setStem('a', stems.a);
      engine.setMix(
        buildMix({
          tracks: [{ id: 'a', stemId: 'a', gainDb: 0, pan: 0, sends: { grp: { levelDb: -6 } } }],
          buses: [{ id: 'grp', kind: 'group', params: {}, strip: { gainDb: -6, mute: busMuted } }],
        }),
      );
      renderEngine(engine, FRAMES);
      return engine.takeMeters();
    };
    const open = withBus(false);
    expect(open.busIds).toEqual(['grp']);
    // 0.5 panned centre (cos(pi/4) a side) -> post-fader send -6 dB -> bus fader -6 dB -> bus pan
    // centre (stereo law: unchanged).
    expect(open.busPeaks[0]).toBeCloseTo(0.5 * Math.SQRT1_2 * 10 ** (-12 / 20), 6);
    expect(withBus(true).busPeaks[0]).toBe(0);
  });
});
