import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBus, createTrack, ensureRoots, readMix, setAutomation, setStripParam } from '../../lib/doc/index';
import { gcFlood, writeRawUpdate } from '../testing/crafted-updates';
import { repairDoc } from './repair-doc';

/** A project as an earlier release stored it, with `attack` applied on top. */
function stored(attack?: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  createTrack(doc, 'bass', { name: 'Bass', assignees: ['m1'] });
  setStripParam(doc, 'bass', 'eq.peak1.gainDb', 3);
  setAutomation(doc, 'bass', 'gainDb', [[0, -3], [4, -6]]);
  createBus(doc, 'verb', { name: 'Verb', kind: 'reverb' });
  if (attack) Y.applyUpdate(doc, attack);
  return doc;
}

describe('repairing a stored document on load (G15)', () => {
  it('G15: leaves an honest document alone', () => {
    const doc = stored();
    const before = Y.encodeStateAsUpdate(doc);
    const repair = repairDoc(doc);
    expect(repair.doc).toBe(doc);
    expect(repair.problems).toEqual([]);
    expect(repair.rebased).toBe(false);
    expect(Y.encodeStateAsUpdate(repair.doc)).toEqual(before);
  });

  it('G15: drops pending deletions and structs, keeping the content', () => {
    const doc = stored(writeRawUpdate({ deletes: [{ client: 777, ranges: [[0, 10]] }] }));
    Y.applyUpdate(doc, writeRawUpdate({ groups: [{ client: 888, clock: 5, structs: [{ kind: 'item', root: 'meta', key: 'bpm', values: [90] }] }] }));
    expect(doc.store.pendingDs).not.toBeNull();
    expect(doc.store.pendingStructs).not.toBeNull();
    const json = doc.toJSON();
    const repair = repairDoc(doc);
    expect(repair.problems).toEqual(['dropped pending structs and pending deletions']);
    expect(repair.doc.store.pendingDs).toBeNull();
    expect(repair.doc.store.pendingStructs).toBeNull();
    expect(repair.doc.toJSON()).toEqual(json);
    // Nothing pending is written out any more.
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(repair.doc));
    expect(reloaded.store.pendingDs).toBeNull();
  });

  it('G15: rebases a history of invented client ids onto one of the server, with the same mix', () => {
    const doc = stored(gcFlood(30_000));
    expect(doc.store.clients.size).toBeGreaterThan(30_000);
    const mix = readMix(doc);
    const repair = repairDoc(doc, 20_000);
    expect(repair.rebased).toBe(true);
    expect(repair.problems).toEqual([expect.stringMatching(/^rebased a history of 300\d\d client ids$/)]);
    expect(repair.doc.store.clients.size).toBe(1);
    expect(readMix(repair.doc)).toEqual(mix);
    expect(ensureRoots(repair.doc).tracks.get('bass')!.get('strip')).toBeInstanceOf(Y.Map);
    expect(Y.encodeStateAsUpdate(repair.doc).length).toBeLessThan(4_000);
  });
});
