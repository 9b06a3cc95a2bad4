import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sine } from '../../dsp/test-support/signals';
import { buildMix } from '../test-support/mix-fixture';
import { ENCODERS } from './encoders';
import { safeFileBase, stemFileName } from './file-names';
import { renderExport } from './render-export';
import { renderStems, type RenderedStem } from './render-stems';
import { zipFiles } from './zip-files';

describe('renderStems', () => {
  const stems = new Map([['low', [sine(48000, 110, 0.5)]], ['high', [sine(48000, 880, 0.3)]]]);
  const snapshot = buildMix({
    tracks: [
      // The fixture names each track after its id.
      { id: 'Bass', stemId: 'low', gainDb: -6 },
      { id: 'Keys: Pad?', stemId: 'high' },
    ],
  });
  const request = { snapshot, stems, stemHashes: { low: '1', high: '2' }, format: 'wav24' as const };

  it('renders each track in order to its own named file, the same bytes as renderExport of that track, with progress per track', async () => {
    const made: RenderedStem[] = [];
    const progress: Array<[number, number]> = [];
    const count = await renderStems({ ...request, onProgress: (fraction, track) => progress.push([track.index, fraction]) }, ENCODERS, (stem) => void made.push(stem));
    expect(count).toBe(2);
    expect(made.map((s) => [s.index, s.count, s.trackId, s.fileName])).toEqual([
      [0, 2, 'Bass', '01 Bass.wav'],
      [1, 2, 'Keys: Pad?', '02 Keys Pad.wav'],
    ]);
    for (const stem of made) {
      const alone = await renderExport({ ...request, trackId: stem.trackId }, ENCODERS);
      expect(Buffer.from(stem.result.bytes).equals(Buffer.from(alone.bytes))).toBe(true);
      expect(stem.result.provenance).toBe(alone.provenance);
    }
    expect(made[0].result.provenance).not.toBe(made[1].result.provenance);
    expect(progress.some(([index]) => index === 0) && progress.some(([index]) => index === 1)).toBe(true);
    expect(progress.every(([, f]) => f >= 0 && f <= 1)).toBe(true);
  });

  it('refuses a project without tracks', async () => {
    await expect(renderStems({ ...request, snapshot: buildMix({ tracks: [] }) }, ENCODERS, () => {})).rejects.toThrow('the project has no tracks');
  });

  it('zips the files as they are, under their names, and refuses a name twice', () => {
    const files = [
      { name: '01 Bass.wav', bytes: new Uint8Array([1, 2, 3, 4]) },
      { name: '02 Keys.wav', bytes: new Uint8Array(1000).fill(7) },
    ];
    const unzipped = unzipSync(zipFiles(files));
    expect(Object.keys(unzipped)).toEqual(['01 Bass.wav', '02 Keys.wav']);
    expect([...unzipped['01 Bass.wav']]).toEqual([1, 2, 3, 4]);
    expect(unzipped['02 Keys.wav']).toEqual(files[1].bytes);
    expect(() => zipFiles([files[0], files[0]])).toThrow('two files named 01 Bass.wav');
  });

  it('names files without what file systems refuse, and never hidden or empty', () => {
    expect(stemFileName(8, 'Lead: vox/double', 'flac')).toBe('09 Lead vox double.flac');
    expect(stemFileName(0, '..', 'wav')).toBe('01 track.wav');
    expect(safeFileBase(' \u0000 ', 'mix', 120)).toBe('mix');
  });
});
