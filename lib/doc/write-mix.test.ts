import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createBus,
  createTrack,
  deleteTrack,
  initMaster,
  readMix,
  renameTrack,
  setAssignees,
  setAutomation,
  setBusParam,
  setMasterParam,
  setMetaField,
  setSend,
  setStripParam,
  setTrackField,
} from './index';
import { writeMix } from './write-mix';

/** A project as the server makes one (its master maps up front, L17), with two tracks and a bus. */
function base(): Y.Doc {
  const doc = new Y.Doc();
  initMaster(doc);
  createTrack(doc, 'bass', { name: 'Bass', assignees: ['m1'] });
  createTrack(doc, 'keys', { name: 'Keys', order: 1 });
  createBus(doc, 'verb', { name: 'Verb', kind: 'reverb' });
  setSend(doc, 'keys', 'verb', { levelDb: -12 });
  return doc;
}

function copy(doc: Y.Doc): Y.Doc {
  const out = new Y.Doc();
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
  return out;
}

type Edit = (doc: Y.Doc) => void;
/** -0 and 0 are the same parameter value; writeMix rightly writes nothing for one over the other. */
const positiveZero = (v: number) => (Object.is(v, -0) ? 0 : v);

const edits: fc.Arbitrary<Edit>[] = [
  fc.double({ min: -144, max: 12, noNaN: true }).map(positiveZero).map((v) => (d: Y.Doc) => setStripParam(d, 'bass', 'gainDb', v)),
  fc.double({ min: -24, max: 24, noNaN: true }).map(positiveZero).map((v) => (d: Y.Doc) => setStripParam(d, 'keys', 'eq.peak2.gainDb', v)),
  fc.boolean().map((v) => (d: Y.Doc) => setStripParam(d, 'keys', 'comp.on', v)),
  fc.double({ min: -144, max: 12, noNaN: true }).map(positiveZero).map((v) => (d: Y.Doc) => setSend(d, 'bass', 'verb', { levelDb: v, pre: true })),
  fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }).map(positiveZero), fc.double({ min: -1, max: 1, noNaN: true }).map(positiveZero)), { maxLength: 4 }).map((pts) => (d: Y.Doc) => setAutomation(d, 'bass', 'pan', pts)),
  fc.constantFrom('Low end', 'Sub').map((n) => (d: Y.Doc) => renameTrack(d, 'bass', n)),
  fc.constantFrom(['m1'], ['m2', 'm3'], []).map((a) => (d: Y.Doc) => setAssignees(d, 'keys', a)),
  fc.constant((d: Y.Doc) => createTrack(d, 'pad', { name: 'Pad', order: 2 })),
  fc.constant((d: Y.Doc) => deleteTrack(d, 'keys')),
  fc.constant((d: Y.Doc) => createBus(d, 'dly', { name: 'Delay', kind: 'delay' })),
  fc.double({ min: 0.1, max: 30, noNaN: true }).map(positiveZero).map((v) => (d: Y.Doc) => setBusParam(d, 'verb', 'decaySec', v)),
  fc.constantFrom('spotify', 'apple_music', 'none').map((t) => (d: Y.Doc) => setMasterParam(d, 'target', t as 'spotify')),
  fc.double({ min: 0, max: 2, noNaN: true }).map(positiveZero).map((v) => (d: Y.Doc) => setMasterParam(d, 'width', v)),
  fc.double({ min: 20, max: 400, noNaN: true }).map(positiveZero).map((v) => (d: Y.Doc) => setMetaField(d, 'bpm', v)),
  fc.constantFrom('#ff0000', '#00ff00').map((c) => (d: Y.Doc) => setTrackField(d, 'bass', 'color', c)),
];

/** Applies edits that still make sense on `doc` (a deleted track cannot be edited). */
function apply(doc: Y.Doc, list: Edit[]): void {
  for (const edit of list) {
    try {
      edit(doc);
    } catch {
      // The edit's track or bus is gone in this document: skipped.
    }
  }
}

const mixOf = (doc: Y.Doc) => {
  const { invalid, ...rest } = readMix(doc);
  expect(invalid).toEqual([]);
  return rest;
};

describe('writeMix', () => {
  it('makes any document read back as the snapshot it was given (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(...edits), { maxLength: 8 }), fc.array(fc.oneof(...edits), { maxLength: 8 }), (a, b) => {
        const start = base();
        const revision = copy(start);
        apply(revision, a);
        const live = copy(start);
        apply(live, b);
        writeMix(live, readMix(revision));
        expect(mixOf(live)).toEqual(mixOf(revision));
      }),
      { numRuns: 300 },
    );
  });

  it('writes nothing when the document already reads as the snapshot', () => {
    const doc = base();
    setStripParam(doc, 'bass', 'gainDb', -6);
    const before = Y.encodeStateVector(doc);
    writeMix(doc, readMix(copy(doc)));
    const update = Y.encodeStateAsUpdate(doc, before);
    expect(Y.decodeUpdate(update).structs).toEqual([]);
  });

  it('writes only the parameters that differ, and never replaces a map', () => {
    const doc = base();
    const target = copy(doc);
    setStripParam(target, 'bass', 'eq.peak1.gainDb', 3);
    setSend(target, 'keys', 'verb', { levelDb: -6 });
    const eqBand = ((doc.getMap('tracks').get('bass') as Y.Map<unknown>).get('strip') as Y.Map<Y.Map<Y.Map<unknown>>>).get('eq')!.get('peak1');
    const before = Y.encodeStateVector(doc);
    writeMix(doc, readMix(target));
    const structs = Y.decodeUpdate(Y.encodeStateAsUpdate(doc, before)).structs;
    expect(structs).toHaveLength(2);
    expect(((doc.getMap('tracks').get('bass') as Y.Map<unknown>).get('strip') as Y.Map<Y.Map<Y.Map<unknown>>>).get('eq')!.get('peak1')).toBe(eqBand);
    expect(readMix(doc).tracks.find((t) => t.id === 'bass')!.strip.eq.peak1.gainDb).toBe(3);
  });
});
