import { describe, expect, it } from 'vitest';
import { createChorus, createFlanger, ModulatedDelay } from './modulated-delay';
import { runBlocks, SAMPLE_RATE } from './test-support/signals';

/** The delay the effect applied at every sample: fed a ramp, the wet output is the ramp delayed (linear interpolation is exact on it). */
function delays(effect: ModulatedDelay, seconds: number, block = 128): Float64Array {
  const frames = Math.round(seconds * SAMPLE_RATE);
  const ramp = Float32Array.from({ length: frames }, (_, i) => i / 1024);
  const out = runBlocks([ramp], block, (inputs, outputs, n) => effect.process(inputs, outputs, n))[0];
  return Float64Array.from(out, (y, i) => ((ramp[i] - y) * 1024 * 1000) / SAMPLE_RATE);
}

const maxOf = (x: Float64Array) => x.reduce((a, b) => Math.max(a, b), -Infinity);
const minOf = (x: Float64Array) => x.reduce((a, b) => Math.min(a, b), Infinity);

/** The period of a sampled oscillation, from its upward crossings of its mean. */
function period(x: Float64Array, from: number): number {
  const mean = x.slice(from).reduce((a, b) => a + b, 0) / (x.length - from);
  const ups: number[] = [];
  for (let i = from + 1; i < x.length; i++) if (x[i - 1] < mean && x[i] >= mean) ups.push(i);
  return (ups[ups.length - 1] - ups[0]) / (ups.length - 1) / SAMPLE_RATE;
}

describe('ModulatedDelay (chorus, flanger)', () => {
  it('sweeps the delay by depth x sweep either side of the centre, at the LFO rate, whatever the block size', () => {
    const make = () => new ModulatedDelay({ baseMs: 12, sweepMs: 8, depth: 0.5, rate: { hz: 2 }, waveform: 'sine', feedback: 0, mix: 1, stereoPhase: 0, channels: 1, sampleRate: SAMPLE_RATE });
    const d = delays(make(), 3);
    const steady = d.slice(4800);
    expect(maxOf(steady)).toBeCloseTo(16, 1);
    expect(minOf(steady)).toBeCloseTo(8, 1);
    expect(period(d, 4800)).toBeCloseTo(0.5, 3);
    expect(delays(make(), 3, 37)).toEqual(d);
  });

  it('follows the tempo: one cycle per quarter note at 120 BPM is 2 Hz', () => {
    const chorus = createChorus({ channels: 1, sampleRate: SAMPLE_RATE });
    chorus.set({ rate: { bpm: 120, division: '1/4' }, mix: 1, depth: 1 });
    expect(chorus.rateHz).toBe(2);
    expect(period(delays(chorus, 3), 4800)).toBeCloseTo(0.5, 3);
  });

  it('a flanger with feedback rings at the comb frequency of its delay; depth 0 holds the delay still', () => {
    const flanger = createFlanger({ channels: 1, sampleRate: SAMPLE_RATE });
    flanger.set({ depth: 0, mix: 1, feedback: 0 });
    const d = delays(flanger, 0.5);
    expect(maxOf(d.slice(480)) - minOf(d.slice(480))).toBeLessThan(1e-9);
    expect(d[1000]).toBeCloseTo(2.5, 6);
    flanger.reset();
    flanger.set({ feedback: 0.9, mix: 1 });
    const impulse = new Float32Array(4800);
    impulse[0] = 1;
    const out = runBlocks([impulse], 128, (i, o, n) => flanger.process(i, o, n))[0];
    const first = out.findIndex((v) => Math.abs(v) > 0.1);
    const echo = first + 120 + out.slice(first + 60, first + 180).findIndex((v) => Math.abs(v) > 0.05) - 60;
    expect(first).toBe(120);
    expect(echo).toBe(240);
  });

  it('the chorus puts its channels a quarter cycle apart', () => {
    const chorus = createChorus({ channels: 2, sampleRate: SAMPLE_RATE });
    chorus.set({ mix: 1, rate: { hz: 1 } });
    const frames = 2 * SAMPLE_RATE;
    const ramp = Float32Array.from({ length: frames }, (_, i) => i / 1024);
    const [l, r] = runBlocks([ramp, ramp], 128, (i, o, n) => chorus.process(i, o, n));
    const peakAt = (y: Float32Array) => {
      let best = 4800;
      for (let i = 4800; i < 4800 + SAMPLE_RATE; i++) if (ramp[i] - y[i] > ramp[best] - y[best]) best = i;
      return best;
    };
    const shift = (((peakAt(l) - peakAt(r)) / SAMPLE_RATE) % 1 + 1) % 1;
    expect(shift).toBeCloseTo(0.25, 2);
  });
});
