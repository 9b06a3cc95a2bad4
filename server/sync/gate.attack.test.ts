import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBus, createTrack, ensureRoots, readMix, setMetaField, setStripParam } from '../../lib/doc/index';
import { concatBytes, editOf, gcFlood, replicaAs, writeRawUpdate } from '../testing/crafted-updates';
import { Gate, type GateResult, type Writer } from './gate';

/**
 * Attacks on the gate by the update bytes themselves, each stating what it sends and what must
 * hold. Writers carry a connection id, as the sync server's do. The end-to-end versions against a
 * running server are in sync.attack.test.ts.
 */

const LEAD: Writer = { userId: 'lead', role: 'lead', connection: 1 };
const MIXER: Writer = { userId: 'm1', role: 'mixer', connection: 2 };
const REVIEWER: Writer = { userId: 'rev', role: 'reviewer', connection: 3 };
const LEAD_DOC = 1_001;
const MIXER_DOC = 2_002;
const REVIEWER_DOC = 3_003;

/** A live room: track a assigned to m1, track b; the lead and the mixer have each written once. */
function setup() {
  const live = new Y.Doc();
  createTrack(live, 'a', { name: 'A', assignees: ['m1'] });
  createTrack(live, 'b', { name: 'B', order: 1 });
  createBus(live, 'verb', { name: 'Verb', kind: 'reverb' });
  const gate = new Gate(live);
  const lead = replicaAs(live, LEAD_DOC);
  const mixer = replicaAs(live, MIXER_DOC);
  accept(gate.receive(editOf(lead, (d) => setMetaField(d, 'bpm', 100)), LEAD));
  accept(gate.receive(editOf(mixer, (d) => setStripParam(d, 'a', 'gainDb', -1)), MIXER));
  Y.applyUpdate(lead, Y.encodeStateAsUpdate(live));
  Y.applyUpdate(mixer, Y.encodeStateAsUpdate(live));
  return { live, gate, lead, mixer };
}

function accept(result: GateResult): void {
  if (!result.ok) throw new Error(`refused: ${result.message}`);
}

function expectRefused(result: GateResult, code: string): void {
  expect(result.ok, result.ok ? 'accepted' : result.message).toBe(false);
  if (!result.ok) expect(result.code).toBe(code);
}

/** Asserts `attack` leaves the live document byte-identical, the shadow in step, nothing pending. */
function expectUntouched(live: Y.Doc, gate: Gate, attack: () => void): void {
  const before = Y.encodeStateAsUpdate(live);
  attack();
  expect(Y.encodeStateAsUpdate(live)).toEqual(before);
  expectHealthy(live, gate);
}

function expectHealthy(live: Y.Doc, gate: Gate): void {
  expect(gate.inSync()).toBe(true);
  expect(live.store.pendingStructs).toBeNull();
  expect(live.store.pendingDs).toBeNull();
}

/** The lead can still edit: the project is not bricked. */
function expectLeadCanEdit(live: Y.Doc, gate: Gate, lead: Y.Doc): void {
  Y.applyUpdate(lead, Y.encodeStateAsUpdate(live));
  const bpm = 61 + Math.floor(Math.random() * 100);
  accept(gate.receive(editOf(lead, (d) => setMetaField(d, 'bpm', bpm)), LEAD));
  expect(readMix(live).meta.bpm).toBe(bpm);
}

describe('bricking a project', () => {
  it('G9, G13: a valid GC struct followed by a broken delete set is refused whole, and a later delete set over those clocks too', () => {
    const { live, gate, lead } = setup();
    // Sends: one GC struct under an invented client, then a delete set cut short.
    const broken = concatBytes(writeRawUpdate({ groups: [{ client: 777, clock: 0, structs: [{ kind: 'gc', len: 10 }] }] }).subarray(0, -1), [3, 0x80]);
    expectUntouched(live, gate, () => expectRefused(gate.check(broken, REVIEWER), 'forbidden'));
    expectUntouched(live, gate, () => expectRefused(gate.check(broken, MIXER), 'gc'));
    // Sends: a delete set over the invented clocks, which the shadow would have had.
    const deletes = writeRawUpdate({ deletes: [{ client: 777, ranges: [[0, 10]] }] });
    expectUntouched(live, gate, () => expectRefused(gate.check(deletes, REVIEWER), 'forbidden'));
    expectUntouched(live, gate, () => expectRefused(gate.check(deletes, MIXER), 'pending'));
    expectLeadCanEdit(live, gate, lead);
  });

  it('G9: a valid item of the mixer followed by a malformed tail leaves the shadow exactly the live document', () => {
    const { live, gate, lead, mixer } = setup();
    // Sends: a permitted edit with junk appended, so that Yjs would apply the structs and then throw.
    const update = concatBytes(editOf(mixer, (d) => setStripParam(d, 'a', 'gainDb', -9)), [1, 0xff, 0xff]);
    expectUntouched(live, gate, () => expectRefused(gate.check(update, MIXER), 'malformed'));
    expectLeadCanEdit(live, gate, lead);
  });

  it('G3, G16: deletions of clocks the server does not have are refused before they reach any document', () => {
    const { live, gate, lead } = setup();
    const next = Y.getState(live.store, LEAD_DOC);
    // Sends: a delete set over the lead's next clocks, as the mixer.
    const update = writeRawUpdate({ deletes: [{ client: LEAD_DOC, ranges: [[next, 5]] }] });
    expectUntouched(live, gate, () => expectRefused(gate.check(update, MIXER), 'pending'));
    expectLeadCanEdit(live, gate, lead);
  });
});

describe('stalling the server', () => {
  it('G12: 200,000 GC structs under invented client ids are refused without touching a document', () => {
    const { live, gate, lead } = setup();
    const flood = gcFlood(200_000);
    const svBefore = Y.encodeStateVector(live);
    expectUntouched(live, gate, () => expectRefused(gate.check(flood, MIXER), 'gc'));
    expect(Y.encodeStateVector(live)).toEqual(svBefore);
    expectLeadCanEdit(live, gate, lead);
  });

  it('G14: 200,000 items under invented client ids are over the struct bound', () => {
    const { live, gate } = setup();
    const flood = writeRawUpdate({
      groups: Array.from({ length: 200_000 }, (_, i) => ({ client: 5_000_000 + i, clock: 0, structs: [{ kind: 'item' as const, root: 'meta', key: 'bpm', values: [90] }] })),
    });
    expectUntouched(live, gate, () => expectRefused(gate.check(flood, LEAD), 'too_large'));
  });

  it('G11: one connection may write under 16 client ids at most', () => {
    const { live, gate } = setup();
    const writer: Writer = { userId: 'lead', role: 'lead', connection: 9 };
    for (let i = 0; i < 16; i++) accept(gate.receive(editOf(replicaAs(live, 9_000 + i), (d) => setMetaField(d, 'bpm', 60 + i)), writer));
    expectUntouched(live, gate, () => expectRefused(gate.check(editOf(replicaAs(live, 9_100), (d) => setMetaField(d, 'bpm', 99)), writer), 'too_large'));
    // Another connection of the same user starts with a budget of its own.
    accept(gate.receive(editOf(replicaAs(live, 9_101), (d) => setMetaField(d, 'bpm', 98)), { ...writer, connection: 10 }));
  });
});

describe('losing a Saved edit', () => {
  it("G11, G12: a GC struct at the lead's next clock is refused, and the lead's next edit there is applied", () => {
    const { live, gate, lead } = setup();
    const next = Y.getState(live.store, LEAD_DOC);
    const gc = writeRawUpdate({ groups: [{ client: LEAD_DOC, clock: next, structs: [{ kind: 'gc', len: 3 }] }] });
    expectUntouched(live, gate, () => expectRefused(gate.check(gc, MIXER), 'gc'));
    expectLeadCanEdit(live, gate, lead);
  });

  it("G11: an item under the lead's client id from the mixer's connection is refused, connected or not", () => {
    const { live, gate, lead } = setup();
    // Sends: a permitted strip edit, but written under the lead's client id.
    const forged = () => editOf(replicaAs(live, LEAD_DOC), (d) => setStripParam(d, 'a', 'pan', 0.5));
    expectUntouched(live, gate, () => expectRefused(gate.check(forged(), MIXER), 'foreign_client'));
    gate.release(LEAD.connection!);
    expectUntouched(live, gate, () => expectRefused(gate.check(forged(), MIXER), 'foreign_client'));
    expect(gate.holderOf(LEAD_DOC)).toBe('lead');
    expectLeadCanEdit(live, gate, lead);
  });

  it('G11: a reconnect of the same user takes its client id over; the server\'s own ids are nobody\'s', () => {
    const { live, gate, mixer } = setup();
    gate.release(MIXER.connection!);
    accept(gate.receive(editOf(mixer, (d) => setStripParam(d, 'a', 'gainDb', -4)), { ...MIXER, connection: 20 }));
    // The server writes for the lead (an upload) under a client id of its own...
    const server = replicaAs(live, 4_242);
    accept(gate.receive(editOf(server, (d) => setStripParam(d, 'b', 'gainDb', -2)), { userId: 'lead', role: 'lead' }));
    // ...which no connection, not even the lead's, may write under afterwards.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(live));
    expectUntouched(live, gate, () => expectRefused(gate.check(editOf(server, (d) => setStripParam(d, 'b', 'gainDb', -3)), LEAD), 'foreign_client'));
    // And the server never writes under a user's id.
    expectUntouched(live, gate, () => expectRefused(gate.check(editOf(mixer, (d) => setStripParam(d, 'a', 'gainDb', -5)), { userId: 'lead', role: 'lead' }), 'foreign_client'));
  });

  it('G11: a client id another user announced in presence cannot be claimed before its first edit', () => {
    const live = new Y.Doc();
    createTrack(live, 'a', { name: 'A', assignees: ['m1'] });
    const announced = new Map([[5_555, 'lead']]);
    const gate = new Gate(live, { presenceHolder: (client) => announced.get(client) });
    // Sends: a permitted strip edit under the id the lead's client shows in presence.
    const forged = editOf(replicaAs(live, 5_555), (d) => setStripParam(d, 'a', 'pan', 1));
    expectUntouched(live, gate, () => expectRefused(gate.check(forged, MIXER), 'foreign_client'));
    accept(gate.receive(editOf(replicaAs(live, 5_555), (d) => setMetaField(d, 'bpm', 92)), LEAD));
  });

  it('G11: client ids claimed earlier (loaded from storage) stay their user\'s', () => {
    const live = new Y.Doc();
    createTrack(live, 'a', { name: 'A', assignees: ['m1'] });
    const stored = replicaAs(live, LEAD_DOC);
    const first = editOf(stored, (d) => setMetaField(d, 'bpm', 90));
    Y.applyUpdate(live, first);
    const gate = new Gate(live, { owners: new Map([[LEAD_DOC, 'lead']]) });
    expectUntouched(live, gate, () => expectRefused(gate.check(editOf(replicaAs(live, LEAD_DOC), (d) => setStripParam(d, 'a', 'pan', 1)), MIXER), 'foreign_client'));
    accept(gate.receive(editOf(stored, (d) => setMetaField(d, 'bpm', 91)), LEAD));
  });
});

describe('reviewers and keys', () => {
  it('P2: a reviewer\'s update is refused outright whatever it holds; their empty sync step 2 is accepted without being applied', () => {
    const { live, gate } = setup();
    const reviewer = replicaAs(live, REVIEWER_DOC);
    for (const update of [
      editOf(reviewer, (d) => setStripParam(d, 'a', 'solo', true)),
      gcFlood(3),
      writeRawUpdate({ groups: [{ client: REVIEWER_DOC, clock: 0, structs: [{ kind: 'item', root: 'meta', key: 'bpm', values: [90] }] }] }),
    ]) {
      expectUntouched(live, gate, () => expectRefused(gate.check(update, REVIEWER), 'forbidden'));
    }
    const fresh = replicaAs(live, REVIEWER_DOC + 1);
    const step2 = Y.encodeStateAsUpdate(fresh, Y.encodeStateVector(live));
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0);
    expectUntouched(live, gate, () => expect(gate.receive(step2, REVIEWER)).toMatchObject({ ok: true, noop: true }));
  });

  it("L12: a mixer's __proto__ key beside the deletion of a required field is refused", () => {
    const { live, gate, mixer } = setup();
    // Sends: strip/__proto__ = a map holding gainDb, and the deletion of strip/gainDb.
    const update = editOf(mixer, (d) =>
      d.transact(() => {
        const strip = ensureRoots(d).tracks.get('a')!.get('strip') as Y.Map<unknown>;
        const decoy = new Y.Map<unknown>();
        strip.set('__proto__', decoy);
        decoy.set('gainDb', 0);
        strip.delete('gainDb');
      }),
    );
    expectUntouched(live, gate, () => expectRefused(gate.check(update, MIXER), 'structure'));
    for (const key of ['constructor', 'prototype']) {
      const other = editOf(replicaAs(live, MIXER_DOC + 1), (d) => (ensureRoots(d).tracks.get('a')!.get('strip') as Y.Map<unknown>).set(key, 1));
      expectUntouched(live, gate, () => expectRefused(gate.check(other, { ...MIXER, connection: 30 }), 'structure'));
    }
  });

  it('L12, L2: a track or bus whose id is a reserved key is refused, even from the lead', () => {
    const { live, gate, lead } = setup();
    const update = editOf(lead, (d) => {
      const track = new Y.Map<unknown>();
      ensureRoots(d).tracks.set('constructor', track);
      track.set('name', 'Trojan');
    });
    expectUntouched(live, gate, () => expectRefused(gate.check(update, LEAD), 'structure'));
  });

  it('P9: replacing an EQ band map with a new one is refused, for the mixer and for the lead', () => {
    const { live, gate, lead, mixer } = setup();
    const replace = (doc: Y.Doc) =>
      editOf(doc, (d) => {
        const eq = (ensureRoots(d).tracks.get('a')!.get('strip') as Y.Map<unknown>).get('eq') as Y.Map<unknown>;
        const band = new Y.Map<unknown>();
        eq.set('peak1', band);
        band.set('on', true);
      });
    for (const [doc, writer] of [[mixer, MIXER], [lead, LEAD]] as const) {
      expectUntouched(live, gate, () => {
        const result = gate.check(replace(doc), writer);
        expectRefused(result, 'forbidden');
        expect(!result.ok && result.rule).toBe('P9');
      });
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
    }
  });

  it('L13: a track name with a control character is refused', () => {
    const { live, gate, lead } = setup();
    const update = editOf(lead, (d) => ensureRoots(d).tracks.get('b')!.set('name', 'Bass\u0000'));
    expectUntouched(live, gate, () => expectRefused(gate.check(update, LEAD), 'invalid'));
  });
});

/** Hostile variants of a permitted mixer edit. */
type Mutation = { label: string; make: (live: Y.Doc, mixer: Y.Doc) => Uint8Array; writer?: Writer };

const permitted = (mixer: Y.Doc, value: number) => editOf(mixer, (d) => setStripParam(d, 'a', 'gainDb', value));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 50 }), fc.nat({ max: 2 ** 32 - 1 })).map(([len, client]) => ({
    label: `plus a GC struct of ${len} under ${client}`,
    make: (_live: Y.Doc, mixer: Y.Doc) => Y.mergeUpdates([permitted(mixer, -7), writeRawUpdate({ groups: [{ client, clock: 0, structs: [{ kind: 'gc', len }] }] })]),
  })),
  fc.integer({ min: 1, max: 50 }).map((len) => ({
    label: `plus a Skip struct of ${len}`,
    make: (_live: Y.Doc, mixer: Y.Doc) => writeRawUpdate({ groups: [{ client: MIXER_DOC, clock: Y.getState(mixer.store, MIXER_DOC), structs: [{ kind: 'skip', len }] }] }),
  })),
  fc.constantFrom(LEAD_DOC, 4_444).map((client) => ({
    label: `under client ${client === LEAD_DOC ? "the lead's" : 'an invented'} id at a later clock`,
    make: (live: Y.Doc) => {
      const doc = replicaAs(live, client);
      const base = editOf(doc, (d) => setStripParam(d, 'a', 'pan', 0.25));
      return client === LEAD_DOC ? base : editOf(doc, (d) => setStripParam(d, 'a', 'pan', 0.5));
    },
  })),
  fc.nat().map((cut) => ({
    label: `truncated at ${cut}`,
    make: (_live: Y.Doc, mixer: Y.Doc) => {
      const update = Y.mergeUpdates([permitted(mixer, -6), editOf(mixer, (d) => setStripParam(d, 'a', 'gainDb', -8))]);
      return update.subarray(0, cut % update.length);
    },
  })),
  fc.uint8Array({ minLength: 1, maxLength: 12 }).map((tail) => ({
    label: `with a tail of ${tail.length} bytes`,
    make: (_live: Y.Doc, mixer: Y.Doc) => concatBytes(permitted(mixer, -5), tail),
  })),
  fc.tuple(fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 1_000 }), fc.integer({ min: 1, max: 1_000 })).map(([client, clock, len]) => ({
    label: `deleting ${len} at ${client}:${clock}`,
    make: (live: Y.Doc) => writeRawUpdate({ deletes: [{ client, ranges: [[Y.getState(live.store, client) + clock, len]] }] }),
  })),
  fc.constant({
    label: 'from the reviewer',
    make: (live: Y.Doc) => permitted(replicaAs(live, REVIEWER_DOC), -3),
    writer: REVIEWER,
  }),
);

describe('properties', () => {
  it('G9, G11-G14, G16: hostile variants of permitted edits are refused, leave live byte-identical, and the lead keeps editing', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        const { live, gate, lead, mixer } = setup();
        for (const m of mutations) {
          const update = m.make(live, mixer);
          expectUntouched(live, gate, () => {
            const result = gate.check(update, m.writer ?? MIXER);
            if (result.ok) throw new Error(`accepted: ${m.label}`);
          });
        }
        expectLeadCanEdit(live, gate, lead);
        // The mixer, resynced as a refused client is, edits again.
        accept(gate.receive(permitted(replicaAs(live, MIXER_DOC), -12), MIXER));
        expectHealthy(live, gate);
      }),
      { numRuns: 300 },
    );
  });
});
