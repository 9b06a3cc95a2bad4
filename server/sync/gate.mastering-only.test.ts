import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTrack, deleteTrack, readMix, renameTrack, setMasterParam, setStripParam, setTrackField } from '../../lib/doc/index';
import type { Principal } from '../../lib/roles';
import { editOf as edit, replicaAs as replica } from '../testing/crafted-updates';
import { Gate } from './gate';

const LEAD: Principal = { userId: 'lead', role: 'lead' };
const MASTERING: Principal = { userId: 'mst', role: 'mastering' };
/** The lead's browser: a connection, not the server acting for the lead. */
const LEAD_CLIENT = { ...LEAD, connection: 1 };
const MASTERING_CLIENT = { ...MASTERING, connection: 2 };

/** A mastering-only project's live document: its one track, the stereo mix. */
function setup(masteringOnly = true) {
  const live = new Y.Doc();
  createTrack(live, 'mix', { name: 'Old record', stemId: 'stem-1' });
  return { live, gate: new Gate(live, { masteringOnly }) };
}

describe('Gate: mastering-only projects', () => {
  it('M1: the lead may not add a second track; the refusal names the path and the rule, and live is untouched', () => {
    const { live, gate } = setup();
    const before = Y.encodeStateAsUpdate(live);
    const result = gate.receive(edit(replica(live), (d) => createTrack(d, 'stem2', { name: 'Vocals' })), LEAD_CLIENT);
    expect(result).toMatchObject({ ok: false, code: 'forbidden', path: 'tracks/stem2', rule: 'M1' });
    expect(Y.encodeStateAsUpdate(live)).toEqual(before);
    expect(gate.inSync()).toBe(true);
  });

  it('M1: no client deletes the one track or points it at other audio; the server acting for the lead adds and deletes no track either', () => {
    const { live, gate } = setup();
    expect(gate.receive(edit(replica(live), (d) => deleteTrack(d, 'mix')), LEAD_CLIENT)).toMatchObject({ ok: false, rule: 'M1', path: 'tracks/mix' });
    expect(gate.receive(edit(replica(live), (d) => setTrackField(d, 'mix', 'stemId', 'stem-2')), LEAD_CLIENT)).toMatchObject({ ok: false, rule: 'M1', path: 'tracks/mix/stemId' });
    expect(gate.receive(edit(replica(live), (d) => deleteTrack(d, 'mix')), LEAD)).toMatchObject({ ok: false, rule: 'M1' });
    expect(gate.receive(edit(replica(live), (d) => createTrack(d, 'two', { name: 'Two' })), LEAD)).toMatchObject({ ok: false, rule: 'M1' });
    expect(readMix(live).tracks.map((t) => [t.id, t.stemId])).toEqual([['mix', 'stem-1']]);
  });

  it('M1: the rest follows P1-P9: the lead renames the track and shapes its strip, mastering edits the master', () => {
    const { live, gate } = setup();
    expect(gate.receive(edit(replica(live), (d) => renameTrack(d, 'mix', 'Old record (remaster)')), LEAD_CLIENT).ok).toBe(true);
    expect(gate.receive(edit(replica(live), (d) => setStripParam(d, 'mix', 'gainDb', -3)), LEAD_CLIENT).ok).toBe(true);
    expect(gate.receive(edit(replica(live), (d) => setMasterParam(d, 'width', 1.2)), MASTERING_CLIENT).ok).toBe(true);
    const mix = readMix(live);
    expect(mix.tracks[0]).toMatchObject({ name: 'Old record (remaster)', stemId: 'stem-1' });
    expect(mix.master.width).toBe(1.2);
  });

  it('M1: the server\'s edit that makes the project adds the one track to an empty document, and then no other', () => {
    const live = new Y.Doc();
    const gate = new Gate(live, { masteringOnly: true });
    // From a browser, not even the first track.
    expect(gate.receive(edit(replica(live), (d) => createTrack(d, 'mix', { name: 'Mix', stemId: 's' })), LEAD_CLIENT)).toMatchObject({ ok: false, rule: 'M1' });
    expect(gate.receive(edit(replica(live), (d) => createTrack(d, 'mix', { name: 'Mix', stemId: 's' })), LEAD).ok).toBe(true);
    expect(gate.receive(edit(replica(live), (d) => createTrack(d, 'again', { name: 'Again', stemId: 't' })), LEAD)).toMatchObject({ ok: false, rule: 'M1' });
    expect(readMix(live).tracks.map((t) => t.id)).toEqual(['mix']);
  });

  it('M1: a mix project is not limited: the lead adds and deletes tracks', () => {
    const { live, gate } = setup(false);
    expect(gate.receive(edit(replica(live), (d) => createTrack(d, 'stem2', { name: 'Vocals' })), LEAD_CLIENT).ok).toBe(true);
    expect(gate.receive(edit(replica(live), (d) => deleteTrack(d, 'mix')), LEAD_CLIENT).ok).toBe(true);
    expect(readMix(live).tracks.map((t) => t.id)).toEqual(['stem2']);
  });
});
