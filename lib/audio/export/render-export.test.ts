import { describe, expect, it } from 'vitest';
import { sine } from '../../dsp/test-support/signals';
import { buildMix } from '../test-support/mix-fixture';
import { readWav } from '../wav';
import { ENCODERS } from './encoders';
import { renderExport } from './render-export';

describe('renderExport', () => {
  const stems = new Map([['hot', [sine(48000, 200, 0.6)]], ['calm', [sine(48000, 300, 0.3)]]]);
  const snapshot = buildMix({
    tracks: [
      // +12 dB of trim: 2.4 before a fader of -18 dB; the mix itself stays under full scale.
      { id: 'a', stemId: 'hot', gainDb: -18, strip: { trimDb: 12 } },
      { id: 'b', stemId: 'calm' },
    ],
  });

  it('reports a track that goes over full scale before its fader, with the time, on a mix render', async () => {
    const result = await renderExport({ snapshot, stems, stemHashes: {}, format: 'f32' }, ENCODERS);
    expect(result.measurement.samplePeakDbfs).toBeLessThan(0);
    const clips = result.qc.filter((item) => item.code === 'track_clipping_pre_fader');
    expect(clips).toHaveLength(1);
    expect(clips[0].message).toMatch(/^a reaches 7\.6 dBFS before its fader/);
    // The first sample over 1: 2.39 sin(2 pi 200 n / 48000) > 1 from n = 17.
    expect(clips[0].atSec).toBeCloseTo(17 / 48000, 6);
  });

  it('gives each track its own post-fader stem, a different provenance per track, and the same hash for the same inputs', async () => {
    const a = await renderExport({ snapshot, stems, stemHashes: { hot: '1', calm: '2' }, format: 'f32', trackId: 'a' }, ENCODERS);
    const b = await renderExport({ snapshot, stems, stemHashes: { hot: '1', calm: '2' }, format: 'f32', trackId: 'b' }, ENCODERS);
    const again = await renderExport({ snapshot, stems, stemHashes: { hot: '1', calm: '2' }, format: 'f32', trackId: 'a' }, ENCODERS);
    const other = await renderExport({ snapshot, stems, stemHashes: { hot: '1', calm: '3' }, format: 'f32', trackId: 'a' }, ENCODERS);
    expect(a.provenance).not.toBe(b.provenance);
    expect(again.provenance).toBe(a.provenance);
    expect(other.provenance).not.toBe(a.provenance);
    const left = readWav(a.bytes).channels[0];
    expect(Math.max(...left.map(Math.abs))).toBeCloseTo(2.39 * Math.pow(10, -18 / 20) * Math.SQRT1_2, 2);
  });
});
