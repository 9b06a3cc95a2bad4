import { describe, expect, it } from 'vitest';
import { FALL_DB_PER_SEC, HOLD_SEC, MeterStore } from './meter-store';

const frame = (bass: number, master: [number, number] = [bass, bass], gr = 0) => ({
  trackIds: ['bass'],
  trackPeaks: Float32Array.of(bass),
  trackGr: Float32Array.of(gr),
  masterPeaks: Float32Array.from(master),
  busIds: ['verb'],
  busPeaks: Float32Array.of(bass / 2),
  busGr: Float32Array.of(0),
});

describe('MeterStore', () => {
  it('rises at once, falls at FALL_DB_PER_SEC, and holds the highest level for HOLD_SEC', () => {
    const store = new MeterStore();
    store.push(frame(0.5), 0);
    expect(store.read('bass').levelDb).toBeCloseTo(-6.02, 2);
    expect(store.read('bus:verb').levelDb).toBeCloseTo(-12.04, 2);
    store.push(frame(0.001), 0.5);
    expect(store.read('bass').levelDb).toBeCloseTo(-6.02 - FALL_DB_PER_SEC * 0.5, 2);
    expect(store.read('bass').holdDb).toBeCloseTo(-6.02, 2);
    store.push(frame(0.001), HOLD_SEC + 0.1);
    expect(store.read('bass').holdDb).toBeLessThan(-20);
  });

  it('shows digital silence as -Infinity once the level has fallen off the scale, and latches clipping', () => {
    const store = new MeterStore();
    store.push(frame(1.2, [0.9, 1]), 0);
    expect(store.read('bass').clipped).toBe(true);
    expect(store.read('master:R').clipped).toBe(true);
    expect(store.read('master:L').clipped).toBe(false);
    store.push(frame(0), 1);
    expect(store.read('bass').levelDb).toBeCloseTo(1.58 - FALL_DB_PER_SEC, 1);
    store.push(frame(0), 4);
    expect(store.read('bass').levelDb).toBe(-Infinity);
    expect(store.read('bass').clipped).toBe(true);
    store.clearClip('bass');
    expect(store.read('bass').clipped).toBe(false);
  });

  it('reads silence for unknown meters and after silence(), and tells subscribers', () => {
    const store = new MeterStore();
    let calls = 0;
    store.subscribe(() => calls++);
    expect(store.read('nothing').levelDb).toBe(-Infinity);
    store.push(frame(0.25, [0.25, 0.25], -3), 0);
    expect(store.read('bass').grDb).toBe(-3);
    store.silence();
    expect(store.read('bass').levelDb).toBe(-Infinity);
    expect(calls).toBe(2);
  });
});
