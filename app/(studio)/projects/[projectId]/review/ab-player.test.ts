import { describe, expect, it } from 'vitest';
import { FakeAudio, ManualFrames } from '../revisions/player-test-support';
import { PlayerGroup } from '../revisions/render-player';
import { AbPlayer, type AudioGraphLike, type AudioParamLike, MAX_DRIFT_SEC, SWITCH_RAMP_SEC } from './ab-player';

/** A gain parameter that records its automation as [kind, value, time]. */
class FakeParam implements AudioParamLike {
  value = 1;
  readonly events: Array<[string, number, number]> = [];
  setValueAtTime(value: number, time: number) {
    this.events.push(['set', value, time]);
    this.value = value;
  }
  linearRampToValueAtTime(value: number, time: number) {
    this.events.push(['ramp', value, time]);
    this.value = value;
  }
  cancelScheduledValues(time: number) {
    this.events.push(['cancel', 0, time]);
  }
}

class FakeGraph implements AudioGraphLike {
  currentTime = 10;
  destination = {};
  closed = false;
  readonly params: FakeParam[] = [];
  createGain() {
    const gain = new FakeParam();
    this.params.push(gain);
    return { gain, connect: () => undefined, disconnect: () => undefined };
  }
  createMediaElementSource() {
    return { connect: () => undefined, disconnect: () => undefined };
  }
  resume() {
    return Promise.resolve();
  }
  close() {
    this.closed = true;
    return Promise.resolve();
  }
}

function setup(aLufs: number | null = -14, bLufs: number | null = -10) {
  const audios: FakeAudio[] = [];
  const graph = new FakeGraph();
  const frames = new ManualFrames();
  let plays = 0;
  const group = new PlayerGroup();
  group.claim({ pause: () => plays++ });
  const ab = new AbPlayer({
    a: { url: '/a.wav', durationSec: 80, integratedLufs: aLufs },
    b: { url: '/b.wav', durationSec: 80, integratedLufs: bLufs },
    group,
    createAudio: () => {
      const audio = new FakeAudio();
      audios.push(audio);
      return audio;
    },
    createGraph: () => graph,
    frames,
  });
  return { ab, audios, graph, frames, plays: () => plays };
}

describe('AbPlayer', () => {
  it('plays both sides from the same position, hearing A at its matched gain and B not at all', async () => {
    const { ab, audios, graph, plays } = setup();
    ab.seek(42);
    await ab.play();
    expect(audios.map((a) => [a.src, a.currentTime, a.paused])).toEqual([
      ['/a.wav', 42, false],
      ['/b.wav', 42, false],
    ]);
    // The page's other player was paused.
    expect(plays()).toBe(1);
    // A is the quieter: it stays at 0 dB; B is silent until switched to.
    expect(graph.params.map((p) => p.value)).toEqual([1, 0]);
    expect(ab.snapshot.gainsDb).toEqual({ a: 0, b: -4 });
  });

  it('switches with ramps over SWITCH_RAMP_SEC, B turned down by the loudness difference, at the same position', async () => {
    const { ab, audios, graph } = setup();
    await ab.play();
    audios[0].currentTime = 30;
    audios[1].currentTime = 30.01;
    ab.switchTo('b');
    const [a, b] = graph.params;
    expect(a.events.slice(-2)).toEqual([
      ['set', 1, 10],
      ['ramp', 0, 10 + SWITCH_RAMP_SEC],
    ]);
    expect(b.events.at(-1)).toEqual(['ramp', expect.closeTo(10 ** (-4 / 20), 6), 10 + SWITCH_RAMP_SEC]);
    // Within the drift allowed, nobody was moved (a seek would be heard).
    expect(audios[1].currentTime).toBe(30.01);
    expect(ab.snapshot.active).toBe('b');
  });

  it('puts the silent side back in step when it drifts, and the heard side never', async () => {
    const { ab, audios, frames } = setup();
    await ab.play();
    audios[0].currentTime = 12;
    audios[1].currentTime = 12 - MAX_DRIFT_SEC * 3;
    frames.run();
    expect(audios[1].currentTime).toBe(12);
    expect(audios[0].currentTime).toBe(12);
    expect(ab.snapshot.timeSec).toBe(12);
  });

  it('turns matching off and on: 0 dB each, then the matched gains again', async () => {
    const { ab, graph } = setup(-9, -15);
    await ab.play();
    expect(ab.snapshot.gainsDb).toEqual({ a: -6, b: 0 });
    expect(graph.params[0].value).toBeCloseTo(10 ** (-6 / 20), 6);
    ab.setMatched(false);
    expect(ab.snapshot.gainsDb).toEqual({ a: 0, b: 0 });
    expect(graph.params[0].value).toBe(1);
    ab.setMatched(true);
    expect(graph.params[0].value).toBeCloseTo(10 ** (-6 / 20), 6);
  });

  it('stops at the end of the heard side, and destroy lets go of the elements, the listeners and the context', async () => {
    const { ab, audios, graph, frames } = setup();
    await ab.play();
    audios[0].fire('ended');
    expect(ab.snapshot.playing).toBe(false);
    expect(audios.every((a) => a.paused)).toBe(true);
    ab.destroy();
    expect(audios.map((a) => [a.src, a.loads, a.listenerCount])).toEqual([
      ['', 1, 0],
      ['', 1, 0],
    ]);
    expect(graph.closed).toBe(true);
    expect(frames.pending.size).toBe(0);
  });
});
