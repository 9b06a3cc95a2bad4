import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ChangeSet, collectChanges } from './changes';
import { createTrack, deleteSend, deleteTrack, ensureRoots, setAssignees, setAutomation, setSend, setStripParam } from './index';

/** The changes of everything `edit` does to `doc`, in one transaction. */
function changesOf(doc: Y.Doc, edit: () => void): ChangeSet {
  let set: ChangeSet | undefined;
  doc.transact((tr) => {
    edit();
    set = collectChanges(tr);
  });
  return set!;
}

function newDoc() {
  const doc = new Y.Doc();
  createTrack(doc, 'bass', { name: 'Bass', assignees: ['u1'] });
  return doc;
}

describe('collectChanges', () => {
  it('G2: a plain set reports its full path and new value', () => {
    const doc = newDoc();
    const { changes, anomalies } = changesOf(doc, () => setStripParam(doc, 'bass', 'gainDb', -3));
    expect(anomalies).toEqual([]);
    expect(changes).toEqual([{ path: 'tracks/bass/strip/gainDb', segments: ['tracks', 'bass', 'strip', 'gainDb'], kind: 'set', value: -3 }]);
  });

  it('G2: a nested parameter reports the nested path', () => {
    const doc = newDoc();
    const { changes } = changesOf(doc, () => setStripParam(doc, 'bass', 'eq.peak2.q', 2));
    expect(changes.map((c) => c.path)).toEqual(['tracks/bass/strip/eq/peak2/q']);
  });

  it('G2: a deletion reports the deleted path with no value', () => {
    const doc = newDoc();
    setSend(doc, 'bass', 'verb', { levelDb: -6 });
    const { changes } = changesOf(doc, () => deleteSend(doc, 'bass', 'verb'));
    expect(changes).toEqual([{ path: 'tracks/bass/strip/sends/verb', segments: ['tracks', 'bass', 'strip', 'sends', 'verb'], kind: 'delete' }]);
  });

  it('G2: a created map reports itself and each value inside it', () => {
    const doc = newDoc();
    const { changes } = changesOf(doc, () => setSend(doc, 'bass', 'verb', { levelDb: -6, pre: true }));
    expect(changes.map((c) => [c.path, c.kind, c.value, c.created])).toEqual([
      ['tracks/bass/strip/sends/verb', 'set', { levelDb: -6, pre: true }, true],
      ['tracks/bass/strip/sends/verb/levelDb', 'set', -6, undefined],
      ['tracks/bass/strip/sends/verb/pre', 'set', true, undefined],
    ]);
  });

  it('G2: an array change reports the array path and the whole new array', () => {
    const doc = newDoc();
    const { changes } = changesOf(doc, () => setAssignees(doc, 'bass', ['u1', 'u2']));
    expect(changes).toEqual([{ path: 'tracks/bass/assignees', segments: ['tracks', 'bass', 'assignees'], kind: 'array', value: ['u1', 'u2'] }]);
  });

  it('G2: a new automation lane is a created array', () => {
    const doc = newDoc();
    const { changes } = changesOf(doc, () => setAutomation(doc, 'bass', 'send:verb', [[0, -6]]));
    expect(changes).toEqual([
      { path: 'tracks/bass/automation/send:verb', segments: ['tracks', 'bass', 'automation', 'send:verb'], kind: 'array', value: [[0, -6]], created: true },
    ]);
  });

  it('G2: deleting a track reports only the track, not its contents', () => {
    const doc = newDoc();
    const { changes } = changesOf(doc, () => deleteTrack(doc, 'bass'));
    expect(changes).toEqual([{ path: 'tracks/bass', segments: ['tracks', 'bass'], kind: 'delete' }]);
  });

  it('G2: edits and deletion of the same track in one transaction report the deletion only', () => {
    const doc = newDoc();
    const { changes } = changesOf(doc, () => {
      setStripParam(doc, 'bass', 'pan', 1);
      deleteTrack(doc, 'bass');
    });
    expect(changes.map((c) => c.path)).toEqual(['tracks/bass']);
  });

  it('L3: a slash in a track id is escaped in the path, not in the segments', () => {
    const doc = new Y.Doc();
    createTrack(doc, 'a/b%', { name: 'x' });
    const { changes } = changesOf(doc, () => setStripParam(doc, 'a/b%', 'mute', true));
    expect(changes[0].path).toBe('tracks/a%2Fb%25/strip/mute');
    expect(changes[0].segments).toEqual(['tracks', 'a/b%', 'strip', 'mute']);
  });

  it('G5: list content in a Y.Map is an anomaly', () => {
    const doc = newDoc();
    const { anomalies } = changesOf(doc, () => {
      // Y.Map has no list API; go through the internal insert used by Y.Array.
      const strip = ensureRoots(doc).tracks.get('bass')!.get('strip') as Y.Map<unknown>;
      Y.Array.prototype.insert.call(strip as unknown as Y.Array<unknown>, 0, [1]);
    });
    expect(anomalies.map((a) => a.path)).toEqual(['tracks/bass/strip']);
  });

  it('G5: a text type where a value belongs is an anomaly', () => {
    const doc = newDoc();
    const { anomalies } = changesOf(doc, () => ensureRoots(doc).meta.set('title', new Y.Text('x')));
    expect(anomalies[0]).toMatchObject({ path: 'meta/title' });
  });
});
