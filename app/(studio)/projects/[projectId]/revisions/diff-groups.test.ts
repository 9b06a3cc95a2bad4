import { describe, expect, it } from 'vitest';
import { createBus, createTrack, readMix, setMasterParam, setStripParam, diffMix, ensureRoots, renameTrack } from '../../../../../lib/doc';
import * as Y from 'yjs';
import { changeValues, groupChanges } from './diff-groups';

function doc(): Y.Doc {
  const d = new Y.Doc({ gc: false });
  ensureRoots(d);
  createTrack(d, 'bass', { name: 'Bass', order: 0 });
  createTrack(d, 'keys', { name: 'Keys', order: 1 });
  createBus(d, 'verb', { name: 'Reverb', kind: 'reverb' });
  return d;
}

describe('groupChanges', () => {
  it('groups a diff by track, bus, master and project, in the server\'s order, with values as the server words them', () => {
    const d = doc();
    const before = readMix(d);
    setStripParam(d, 'keys', 'eq.peak2.gainDb', 1.5);
    setStripParam(d, 'bass', 'gainDb', -4.5);
    setStripParam(d, 'bass', 'pan', -0.25);
    setMasterParam(d, 'target', 'spotify');
    createTrack(d, 'pad', { name: 'Pad', order: 2 });
    const changes = diffMix(before, readMix(d));
    const groups = groupChanges(changes);
    expect(groups.map((g) => [g.key, g.heading])).toEqual([
      ['track:bass', 'Bass'],
      ['track:keys', 'Keys'],
      ['track:pad', 'Pad'],
      ['master', 'Master'],
    ]);
    expect(groups[0].changes).toEqual([
      { path: 'tracks/bass/strip/gainDb', label: 'fader', values: '0.0 → -4.5 dB' },
      { path: 'tracks/bass/strip/pan', label: 'pan', values: 'C → L25' },
    ]);
    expect(groups[1].changes[0]).toMatchObject({ label: 'EQ band 2 gain', values: '0.0 → +1.5 dB' });
    expect(groups[2].changes).toEqual([{ path: 'tracks/pad', label: 'track added', values: null }]);
    // The same words as the server's text line, after "<target> · <label> ".
    for (const change of changes) {
      const values = changeValues(change);
      expect(change.text).toBe(`${change.target} · ${change.label}${values ? ` ${values}` : ''}`);
    }
  });

  it('shows names without bidirectional controls', () => {
    const d = doc();
    const before = readMix(d);
    renameTrack(d, 'bass', 'Bass\u202Egnp.exe');
    setStripParam(d, 'bass', 'gainDb', -1);
    const [group] = groupChanges(diffMix(before, readMix(d)));
    expect(group.heading).toBe('Bassgnp.exe');
    expect(group.changes.find((c) => c.label === 'name')?.values).toBe('Bass → Bassgnp.exe');
  });
});
