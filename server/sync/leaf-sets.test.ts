import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { collectChanges, createTrack, deleteTrack, ensureRoots, initMaster, setMasterParam, setStripParam, type Change } from '../../lib/doc/index';
import type { Principal } from '../../lib/roles';
import { Gate, type GateResult } from './gate';
import { predictLeafSets } from './leaf-sets';
import { scanUpdate } from './update-scan';
import { DEFAULT_UPDATE_BOUNDS } from './gate';
import { edit, gateRoom, LEAD, M1, M2, MASTERING, replica, REVIEWER } from '../testing/gate-fixture';

/** What `update` changes when it integrates into a copy of `live` (the shadow's way). */
function integrated(live: Y.Doc, update: Uint8Array): Change[] {
  const copy = new Y.Doc({ gc: live.gc });
  ensureRoots(copy);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
  let changes: Change[] = [];
  copy.transact((tr) => {
    Y.applyUpdate(copy, update);
    changes = collectChanges(tr).changes;
  });
  copy.destroy();
  return changes;
}

const predict = (live: Y.Doc, update: Uint8Array) => {
  const scan = scanUpdate(update, DEFAULT_UPDATE_BOUNDS);
  if (!scan.ok) throw new Error(scan.message);
  return predictLeafSets(live, update, scan.deletes);
};

const byPath = (changes: readonly Change[]) =>
  [...changes].map((c) => ({ path: c.path, kind: c.kind, value: c.value, created: c.created ?? false })).sort((a, b) => a.path.localeCompare(b.path));

const stripOf = (doc: Y.Doc, track: string) => ensureRoots(doc).tracks.get(track)?.get('strip') as Y.Map<unknown>;

describe('G17: plain values set at existing keys, predicted without applying', () => {
  it('a fader move, a meta field and a master parameter are predicted, with the paths collectChanges reads', () => {
    // A project's master maps exist from its creation (SPEC L17).
    const { live } = gateRoom((doc) => initMaster(doc));
    const client = replica(live);
    for (const update of [
      edit(client, (d) => setStripParam(d, 'a', 'gainDb', -3)),
      edit(client, (d) => ensureRoots(d).meta.set('bpm', 96)),
      edit(client, (d) => setMasterParam(d, 'limiter.ceilingDbtp', -2)),
    ]) {
      const predicted = predict(live, update);
      expect(predicted).not.toBeNull();
      expect(byPath(predicted!)).toEqual(byPath(integrated(live, update)));
      Y.applyUpdate(live, update);
    }
    expect(stripOf(live, 'a').get('gainDb')).toBe(-3);
  });

  it('leaves to the shadow: a concurrent write to the same key, a new Y type, a deletion, a deleted track, a resend, two sets of one key', () => {
    const { live } = gateRoom();
    const first = replica(live);
    const stale = replica(live);
    const moved = edit(first, (d) => setStripParam(d, 'a', 'gainDb', -1));
    Y.applyUpdate(live, moved);
    // `stale` never saw `moved`: its origin is no longer the key's value.
    expect(predict(live, edit(stale, (d) => setStripParam(d, 'a', 'gainDb', -9)))).toBeNull();
    const fresh = replica(live);
    expect(predict(live, edit(fresh, (d) => createTrack(d, 'c', { name: 'C' })))).toBeNull();
    expect(predict(live, edit(replica(live), (d) => stripOf(d, 'a').delete('pan')))).toBeNull();
    expect(predict(live, edit(replica(live), (d) => stripOf(d, 'a').set('pan', new Y.Map())))).toBeNull();
    expect(predict(live, moved)).toBeNull();
    expect(predict(live, edit(replica(live), (d) => d.transact(() => [1, 2].forEach((v) => setStripParam(d, 'a', 'gainDb', -v)))))).toBeNull();
    const beforeDelete = replica(live);
    Y.applyUpdate(live, edit(replica(live), (d) => deleteTrack(d, 'b')));
    expect(predict(live, edit(beforeDelete, (d) => setStripParam(d, 'b', 'gainDb', -4)))).toBeNull();
  });

  it('G17: on random edits by five people (some from stale replicas, some invalid or forbidden), the gate decides exactly as through its shadow', () => {
    const PEOPLE: Principal[] = [LEAD, M1, M2, MASTERING, REVIEWER];
    const KEYS = ['gainDb', 'pan', 'mute', 'trimDb', 'output', 'bogus', '__proto__'];
    const VALUES: unknown[] = [-6, 0, 3, 12, 400, -1e9, 0.5, true, false, 'master', 'verb', '', null, 'x'.repeat(70)];
    const step = fc.record({
      who: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
      op: fc.integer({ min: 0, max: 11 }),
      track: fc.constantFrom('a', 'b', 'c'),
      key: fc.constantFrom(...KEYS),
      value: fc.constantFrom(...VALUES),
      other: fc.constantFrom(...VALUES),
      sync: fc.boolean(),
    });
    let predictedSteps = 0;
    let allSteps = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { minLength: 5, maxLength: 40 }), (masteringOnly, steps) => {
        const { live: fast } = gateRoom((doc) => initMaster(doc));
        const slow = new Y.Doc();
        Y.applyUpdate(slow, Y.encodeStateAsUpdate(fast));
        const gates = [new Gate(fast, { masteringOnly }), new Gate(slow, { masteringOnly, leafSets: false })];
        const clients = PEOPLE.map(() => replica(fast));
        for (const s of steps) {
          const doc = clients[s.who];
          let update: Uint8Array;
          try {
            update = edit(doc, (d) => {
              const { tracks, meta, master } = ensureRoots(d);
              const strip = tracks.get(s.track)?.get('strip') as Y.Map<unknown> | undefined;
              switch (s.op) {
                case 0:
                case 1:
                case 2:
                  strip?.set(s.key, s.value);
                  break;
                case 3:
                  d.transact(() => {
                    strip?.set(s.key, s.value);
                    strip?.set('pan', s.other);
                  });
                  break;
                case 4:
                  meta.set(s.key === 'gainDb' ? 'bpm' : 'title', s.value);
                  break;
                case 5:
                  (master.get('limiter') as Y.Map<unknown> | undefined)?.set('ceilingDbtp', s.value);
                  break;
                case 6:
                  tracks.get(s.track)?.set('name', s.value);
                  break;
                case 7:
                  strip?.delete(s.key);
                  break;
                case 8:
                  if (tracks.has(s.track)) deleteTrack(d, s.track);
                  else createTrack(d, s.track, { name: s.track.toUpperCase(), assignees: ['m1'] });
                  break;
                case 9:
                  tracks.get(s.track)?.set('strip', s.value);
                  break;
                case 10:
                  // A set and a deletion elsewhere in one update.
                  d.transact(() => {
                    strip?.set(s.key, s.value);
                    (tracks.get(s.track === 'a' ? 'b' : 'a')?.get('strip') as Y.Map<unknown> | undefined)?.delete('pan');
                  });
                  break;
                case 11:
                  d.transact(() => {
                    strip?.set(s.key, s.value);
                    if (s.track !== 'c' && tracks.has('c')) deleteTrack(d, 'c');
                  });
                  break;
              }
            });
          } catch {
            continue;
          }
          allSteps++;
          const scan = scanUpdate(update, DEFAULT_UPDATE_BOUNDS);
          const predicted = scan.ok ? predictLeafSets(fast, update, scan.deletes) : null;
          if (predicted) {
            predictedSteps++;
            expect(byPath(predicted)).toEqual(byPath(integrated(fast, update)));
          }
          const writer = { ...PEOPLE[s.who], connection: s.who };
          const [a, b] = gates.map((g) => g.check(update, writer));
          expect(verdict(a)).toEqual(verdict(b));
          if (a.ok && !a.noop) {
            gates[0].commit(update);
            gates[1].commit(update);
          }
          if (!a.ok) clients[s.who] = replica(fast);
          else if (s.sync) Y.applyUpdate(doc, Y.encodeStateAsUpdate(fast));
        }
        expect(Y.encodeStateVector(fast)).toEqual(Y.encodeStateVector(slow));
        expect(Y.encodeStateAsUpdate(fast)).toEqual(Y.encodeStateAsUpdate(slow));
        expect(gates[0].inSync()).toBe(true);
        expect(gates[1].inSync()).toBe(true);
      }),
      { numRuns: 150, seed: 16 },
    );
    // The fast path must be what decides much of this traffic, or the comparison shows nothing.
    expect(predictedSteps / allSteps).toBeGreaterThan(0.25);
  });
});

function verdict(result: GateResult) {
  if (!result.ok) return { ok: false, code: result.code, path: result.path, rule: result.rule };
  return { ok: true, noop: result.noop ?? false, changes: byPath(result.changes), claims: [...result.claims].sort() };
}
