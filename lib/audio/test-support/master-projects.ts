/**
 * Programmes and mastered projects for the master chain's tests and the browser test. Synthetic
 * and deterministic. Test-only.
 */
import { readMix, setMasterParam, type MasterParam, type MixSnapshot } from '../../doc';
import { musicLike, noise, sine } from '../../dsp/test-support/signals';
import { buildDoc, type TrackSpec } from './mix-fixture';

export const MASTER_RATE = 48000;

export type Programme = [Float32Array, Float32Array];

function envelope(x: Float32Array, gain: (t: number) => number): Float32Array {
  for (let n = 0; n < x.length; n++) x[n] *= gain(n / MASTER_RATE);
  return x;
}

/** Five programmes that normalise differently: dense, sparse, very dynamic, mono-ish, bass-heavy. */
export const PROGRAMMES: Record<string, (seconds: number) => Programme> = {
  dense: (seconds) => musicLike(seconds).map((c) => envelope(c, () => 1.6)) as Programme,
  sparse: (seconds) => {
    const frames = seconds * MASTER_RATE;
    const burst = (t: number) => (t % 2 < 0.25 ? Math.exp(-(t % 2) * 12) : 0);
    return [envelope(noise(frames, 0.6, 31), burst), envelope(sine(frames, 330, 0.5), burst)];
  },
  very_dynamic: (seconds) => {
    const [l, r] = musicLike(seconds);
    const swell = (t: number) => (t < seconds / 2 ? 0.03 : 1.4);
    return [envelope(l, swell), envelope(r, swell)];
  },
  mono_ish: (seconds) => {
    const [l] = musicLike(seconds);
    const r = l.slice();
    const air = noise(r.length, 0.01, 4);
    for (let n = 0; n < r.length; n++) r[n] += air[n];
    return [l, r];
  },
  bass_heavy: (seconds) => {
    const frames = seconds * MASTER_RATE;
    const sub = sine(frames, 45, 0.8);
    const top = noise(frames, 0.02, 9);
    const l = new Float32Array(frames);
    for (let n = 0; n < frames; n++) l[n] = sub[n] * (0.7 + 0.3 * Math.sin((2 * Math.PI * n) / MASTER_RATE)) + top[n];
    return [l, l.slice()];
  },
};

export interface MasteredProject {
  snapshot: MixSnapshot;
  stems: Map<string, Float32Array[]>;
}

/** One track playing `programme`, with `master` parameters set through the accessors. */
export function masteredProject(programme: Programme, master: Partial<Record<MasterParam, unknown>>, tracks: TrackSpec[] = [{ id: 'mix', stemId: 'mix' }]): MasteredProject {
  const doc = buildDoc({ tracks });
  for (const [param, value] of Object.entries(master)) setMasterParam(doc, param as MasterParam, value as never);
  return { snapshot: readMix(doc), stems: new Map([['mix', [...programme]]]) };
}

/** Every stage of the master chain on, with a target: the project the bit-identity tests render. */
export const FULL_CHAIN: Partial<Record<MasterParam, unknown>> = {
  inputGainDb: 2,
  'eq.lowShelf.on': true,
  'eq.lowShelf.gainDb': 2,
  'eq.peak2.on': true,
  'eq.peak2.gainDb': -2,
  'eq.highpass.on': true,
  'eq.highpass.freqHz': 30,
  'comp.on': true,
  'comp.thresholdDb': -20,
  'comp.ratio': 2,
  'comp.sidechainHpOn': true,
  width: 1.2,
  'monoBass.on': true,
  'limiter.on': true,
  'limiter.ceilingDbtp': -1.5,
  target: 'spotify',
  'fadeIn.durationSec': 0.5,
  'fadeOut.durationSec': 1,
  'fadeOut.curve': 'exponential',
};
