import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBus, createTrack, deleteTrack, ensureRoots, setAutomation, setStripParam } from '../../lib/doc/index';
import { concatBytes, editOf, gcFlood, replicaAs, writeRawUpdate } from '../testing/crafted-updates';
import { scanUpdate, type ScanResult, type UpdateBounds } from './update-scan';
import { DEFAULT_UPDATE_BOUNDS } from './gate';

const BOUNDS: UpdateBounds = DEFAULT_UPDATE_BOUNDS;

function project(): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  createTrack(doc, 'bass', { name: 'Bass' });
  createBus(doc, 'verb', { name: 'Verb', kind: 'reverb' });
  return doc;
}

function refused(result: ScanResult): string {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.code;
}

describe('reading updates without applying them (G13)', () => {
  it('G13: reports the clock ranges and deletions of real updates exactly as Yjs does', () => {
    const doc = project();
    const updates = [
      Y.encodeStateAsUpdate(doc),
      editOf(doc, (d) => setStripParam(d, 'bass', 'gainDb', -3)),
      editOf(doc, (d) => setAutomation(d, 'bass', 'pan', [[0, 0], [1, 1], [2, -1]])),
      editOf(doc, (d) => deleteTrack(d, 'bass')),
    ];
    for (const update of updates) {
      const scan = scanUpdate(update, BOUNDS);
      if (!scan.ok) throw new Error(scan.message);
      const meta = Y.parseUpdateMeta(update);
      expect(new Map([...scan.writes].map(([c, s]) => [c, s.from]))).toEqual(meta.from);
      expect(new Map([...scan.writes].map(([c, s]) => [c, s.to]))).toEqual(meta.to);
      const ds = Y.decodeUpdate(update).ds;
      expect(new Map([...scan.deletes].map(([c, r]) => [c, r.map(([clock, len]) => ({ clock, len }))]))).toEqual(
        new Map([...ds.clients].map(([c, items]) => [c, items.map((i) => ({ clock: i.clock, len: i.len }))])),
      );
      expect(scan.structs).toBe(Y.decodeUpdate(update).structs.length);
    }
  });

  it('G12: refuses GC and Skip structs', () => {
    expect(refused(scanUpdate(gcFlood(1), BOUNDS))).toBe('gc');
    expect(refused(scanUpdate(writeRawUpdate({ groups: [{ client: 5, clock: 0, structs: [{ kind: 'skip', len: 3 }] }] }), BOUNDS))).toBe('gc');
  });

  it('G13: refuses text content, and parents that are not one of the four roots', () => {
    const text = writeRawUpdate({ groups: [{ client: 5, clock: 0, structs: [{ kind: 'text', root: 'meta', key: 'title', text: 'x' }] }] });
    expect(refused(scanUpdate(text, BOUNDS))).toBe('structure');
    const evil = scanUpdate(writeRawUpdate({ groups: [{ client: 5, clock: 0, structs: [{ kind: 'item', root: 'evil', key: 'k', values: [1] }] }] }), BOUNDS);
    expect(refused(evil)).toBe('new_root');
    expect(!evil.ok && evil.path).toBe('evil');
    const ytext = editOf(new Y.Doc(), (d) => d.getMap('meta').set('title', new Y.Text('x')));
    expect(refused(scanUpdate(ytext, BOUNDS))).toBe('structure');
  });

  it('G13: every strict prefix of a valid update is refused, and so is a valid update with bytes after it', () => {
    const doc = project();
    const update = editOf(doc, (d) => setStripParam(d, 'bass', 'eq.peak1.gainDb', 4));
    expect(scanUpdate(update, BOUNDS).ok).toBe(true);
    const codes = new Set<string>();
    // Cut short, the rest may read as something else first (a 0 byte is a GC struct's info).
    for (let end = 0; end < update.length; end++) codes.add(refused(scanUpdate(update.subarray(0, end), BOUNDS)));
    expect(codes.has('malformed')).toBe(true);
    expect(refused(scanUpdate(concatBytes(update, [0]), BOUNDS))).toBe('malformed');
  });

  it('G13: a client id twice and a struct of length 0 are malformed', () => {
    const twice = writeRawUpdate({
      groups: [
        { client: 7, clock: 0, structs: [{ kind: 'item', root: 'meta', key: 'bpm', values: [90] }] },
        { client: 7, clock: 1, structs: [{ kind: 'item', root: 'meta', key: 'bpm', values: [91] }] },
      ],
    });
    expect(refused(scanUpdate(twice, BOUNDS))).toBe('malformed');
    const empty = writeRawUpdate({ groups: [{ client: 7, clock: 0, structs: [{ kind: 'item', root: 'meta', key: 'bpm', values: [] }] }] });
    expect(refused(scanUpdate(empty, BOUNDS))).toBe('malformed');
  });

  it('G14: refuses an update over its bounds of structs, clock ticks and delete ranges', () => {
    const small: UpdateBounds = { maxStructs: 10, maxClockSpan: 100, maxDeleteRanges: 5 };
    const structs = writeRawUpdate({ groups: [{ client: 1, clock: 0, structs: Array.from({ length: 11 }, () => ({ kind: 'item' as const, root: 'meta', key: 'bpm', values: [90] })) }] });
    expect(refused(scanUpdate(structs, small))).toBe('too_large');
    const span = writeRawUpdate({ groups: [{ client: 1, clock: 0, structs: [{ kind: 'item', root: 'tracks', key: 'x', values: Array.from({ length: 101 }, (_, i) => i) }] }] });
    expect(refused(scanUpdate(span, small))).toBe('too_large');
    const deletes = writeRawUpdate({ deletes: [{ client: 1, ranges: Array.from({ length: 6 }, (_, i): [number, number] => [i * 2, 1]) }] });
    expect(refused(scanUpdate(deletes, small))).toBe('too_large');
  });

  it('G13: a decoder bomb (a count of 2^50 structs in a few bytes) is refused at once', () => {
    const bomb = new Uint8Array([1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 5, 0]);
    expect(['too_large', 'malformed']).toContain(refused(scanUpdate(bomb, BOUNDS)));
    const deep = new Uint8Array([1, 1, 5, 0, 8 | 32, 1, 4, ...new TextEncoder().encode('meta'), 1, 0x62, 1, ...new Array(100_000).fill(117)]);
    expect(refused(scanUpdate(deep, BOUNDS))).toBe('malformed');
  });

  it('G13: never throws, whatever the bytes (property)', () => {
    const valid = editOf(replicaAs(project()), (d) => ensureRoots(d).meta.set('bpm', 100));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.uint8Array({ maxLength: 20 }), (noise, at, patch) => {
        expect(() => scanUpdate(noise, BOUNDS)).not.toThrow();
        const mutated = valid.slice();
        mutated.set(patch.subarray(0, Math.max(0, mutated.length - (at % mutated.length))), at % mutated.length);
        const result = scanUpdate(mutated, BOUNDS);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2_000 },
    );
  });
});
