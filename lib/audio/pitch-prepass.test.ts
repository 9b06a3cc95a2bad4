import { describe, expect, it } from 'vitest';
import { Fft } from '../dsp';
import { sungNote } from '../dsp/test-support/signals';
import { pitchStemId, playedStemId, trackPitch, withPitchStems } from './pitch-prepass';
import { renderMix } from './render-mix';
import { buildMix, type TrackSpec } from './test-support/mix-fixture';
import { countDifferent } from './test-support/reference-mix';
import { engineFor, RATE, renderEngine } from './test-support/render-engine';

/** A sung-like note with a vibrato of 15 cents. */
const sung = (seconds: number, hz: number) => sungNote(seconds, hz, 15, RATE);

/**
 * Where the fundamental is, in cents from A4: the strongest frequency between 400 and 480 Hz of
 * the middle second (Hann window, zero-padded to 65,536, interpolated on the log magnitude), as
 * lib/dsp's pitch-corrector test measures it.
 */
function centsFromA4(x: Float32Array): number {
  const size = 65536;
  const from = Math.round(0.25 * RATE);
  const length = RATE;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let j = 0; j < length; j++) re[j] = x[from + j] * (0.5 - 0.5 * Math.cos((2 * Math.PI * j) / length));
  new Fft(size).forward(re, im);
  const bin = RATE / size;
  const mag = (i: number) => Math.log(Math.hypot(re[i], im[i]));
  let best = Math.ceil(400 / bin);
  for (let i = best; i <= 480 / bin; i++) if (mag(i) > mag(best)) best = i;
  const [a, b, c] = [mag(best - 1), mag(best), mag(best + 1)];
  return 1200 * Math.log2(((best + (0.5 * (a - c)) / (a - 2 * b + c)) * bin) / 440);
}

const detuned = sung(1.5, 440 * 2 ** (40 / 1200));
const stems = new Map([['vox', [detuned]]]);
const vox = (extra: Partial<TrackSpec> = {}): TrackSpec => ({ id: 'vox', stemId: 'vox', gainDb: 0, pan: -1, ...extra });

describe('pitch correction as a pre-pass (SPEC L18)', () => {
  it('a voice sung 40 cents sharp renders within 5 cents of A4 with a pitch insert in A minor, same length', () => {
    const snapshot = buildMix({ tracks: [vox({ inserts: [{ id: 'tune', kind: 'pitch', params: { key: 9, scale: 'minor', retuneMs: 10 } }] })] });
    expect(Math.abs(centsFromA4(detuned) - 40)).toBeLessThan(3);
    const { left } = renderMix({ snapshot, stems, sampleRate: RATE });
    expect(left.length).toBe(detuned.length);
    expect(Math.abs(centsFromA4(left))).toBeLessThan(5);
  });

  it('the track plays the corrected copy under its own id; the renderer computes it the same way the page hands it over', () => {
    const snapshot = buildMix({ tracks: [vox({ inserts: [{ id: 'tune', kind: 'pitch' }] })] });
    const track = snapshot.tracks[0];
    const p = trackPitch(track)!;
    expect(playedStemId(track)).toBe(pitchStemId('vox', p));
    const prepared = withPitchStems(snapshot, stems, RATE);
    const live = renderEngine(engineFor(snapshot, Object.fromEntries(prepared) as Record<string, Float32Array[]>), detuned.length);
    const offline = renderMix({ snapshot, stems, sampleRate: RATE });
    expect(countDifferent(live[0], offline.left)).toBe(0);
  });

  it('plays the stem as it is until the corrected copy arrives, and a bypassed pitch insert changes nothing', () => {
    const tuned = buildMix({ tracks: [vox({ inserts: [{ id: 'tune', kind: 'pitch' }] })] });
    const plain = buildMix({ tracks: [vox()] });
    const bypassed = buildMix({ tracks: [vox({ inserts: [{ id: 'tune', kind: 'pitch', bypass: true }] })] });
    const [waiting] = renderEngine(engineFor(tuned, { vox: [detuned] }), detuned.length);
    const [asIs] = renderEngine(engineFor(plain, { vox: [detuned] }), detuned.length);
    expect(countDifferent(waiting, asIs)).toBe(0);
    expect(trackPitch(bypassed.tracks[0])).toBeNull();
    expect(countDifferent(renderMix({ snapshot: bypassed, stems, sampleRate: RATE }).left, asIs)).toBe(0);
  });
});
