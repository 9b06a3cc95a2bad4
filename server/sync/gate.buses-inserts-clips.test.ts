import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addInsert,
  createBus,
  createTrack,
  deleteBus,
  ensureRoots,
  readMix,
  renameBus,
  reorderInserts,
  setAutomation,
  setBusOrder,
  setBusParam,
  setClipParam,
  setInsertBypass,
  setInsertParam,
  setSend,
  setStripParam,
  setTrackField,
} from '../../lib/doc/index';
import type { Principal } from '../../lib/roles';
import type { Gate, GateResult } from './gate';
import { edit, expectRejected, expectUntouched, gateRoom, LEAD, M1, replica } from '../testing/gate-fixture';

/** The gate room, plus a group bus `drums` that b is routed to, both tracks sending to the reverb, a send lane on a. */
function setup() {
  return gateRoom((live) => {
    createBus(live, 'drums', { name: 'Drums', kind: 'group' });
    setSend(live, 'a', 'verb', { levelDb: -6 });
    setSend(live, 'b', 'verb', { levelDb: -9 });
    setStripParam(live, 'b', 'output', 'drums');
    setAutomation(live, 'a', 'send:verb', [[0, -6], [2, -12]]);
  });
}

function expectRefused(live: Y.Doc, gate: Gate, update: Uint8Array, who: Principal, code: string, path?: string): GateResult {
  let result: GateResult | undefined;
  expectUntouched(live, gate, () => expectRejected((result = gate.receive(update, who)), code, path));
  return result!;
}

describe('Gate: buses (issue 18)', () => {
  it('P1, L8: the lead creates a delay bus synced to 1/8 notes, renames and moves it', () => {
    const { live, gate } = setup();
    const update = edit(replica(live), (d) => {
      createBus(d, 'echo', { name: 'Echo', kind: 'delay', order: -1 });
      setBusParam(d, 'echo', 'sync', '1/8');
      setBusParam(d, 'echo', 'pingPong', true);
    });
    expect(gate.receive(update, LEAD).ok).toBe(true);
    expect(gate.receive(edit(replica(live), (d) => renameBus(d, 'echo', 'Eighths')), LEAD).ok).toBe(true);
    const echo = readMix(live).buses[0];
    expect(echo).toMatchObject({ id: 'echo', name: 'Eighths', kind: 'delay', order: -1, params: { sync: '1/8', pingPong: true, timeMs: 375 } });
    expect(gate.receive(edit(replica(live), (d) => setBusOrder(d, 'echo', 5)), LEAD).ok).toBe(true);
    expect(readMix(live).buses.map((b) => b.id)).toEqual(['drums', 'verb', 'echo']);
  });

  it('P7: a mixer may not create, rename, reorder, set or delete a bus; the live document stays byte-identical', () => {
    const { live, gate } = setup();
    const attempts: Array<(d: Y.Doc) => void> = [
      (d) => createBus(d, 'mine', { name: 'Mine', kind: 'delay' }),
      (d) => renameBus(d, 'verb', 'Mine'),
      (d) => setBusOrder(d, 'verb', 3),
      (d) => setBusParam(d, 'verb', 'size', 0.9),
      (d) => deleteBus(d, 'verb'),
    ];
    for (const attempt of attempts) {
      const result = expectRefused(live, gate, edit(replica(live), attempt), M1, 'forbidden');
      expect(!result.ok && result.rule).toBe('P7');
    }
    expect(readMix(live).buses.map((b) => b.id)).toEqual(['drums', 'verb']);
  });

  it('L21: deleting a bus removes its sends, the outputs routed to it and its send lanes in the same accepted update', () => {
    const { live, gate } = setup();
    const updates: Uint8Array[] = [];
    const client = replica(live);
    client.on('update', (u: Uint8Array) => updates.push(u));
    deleteBus(client, 'verb');
    deleteBus(client, 'drums');
    expect(updates).toHaveLength(2);
    for (const update of updates) expect(gate.receive(update, LEAD).ok).toBe(true);
    const mix = readMix(live);
    expect(mix.buses).toEqual([]);
    for (const track of mix.tracks) {
      expect(track.strip.sends).toEqual({});
      expect(track.strip.output).toBe('master');
      expect(Object.keys(track.automation)).toEqual([]);
    }
    const b = ensureRoots(live).tracks.get('b')!.get('strip') as Y.Map<unknown>;
    expect(b.get('output')).toBe('master');
  });

  it('L8: bus parameters out of range or of another kind are refused with their path', () => {
    const { live, gate } = setup();
    const params = (d: Y.Doc, id: string) => ensureRoots(d).buses.get(id)!.get('params') as Y.Map<unknown>;
    const cases: Array<[string, string, unknown, string]> = [
      ['verb', 'size', 1.5, 'buses/verb/params/size'],
      ['verb', 'mix', -0.1, 'buses/verb/params/mix'],
      ['verb', 'sync', '1/8', 'buses/verb/params'],
      ['drums', 'pingPong', true, 'buses/drums/params'],
    ];
    for (const [bus, key, value, path] of cases) {
      expectRefused(live, gate, edit(replica(live), (d) => params(d, bus).set(key, value)), LEAD, 'invalid', path);
    }
    gate.receive(edit(replica(live), (d) => createBus(d, 'echo', { name: 'Echo', kind: 'delay' })), LEAD);
    for (const [key, value] of [['sync', '1/3'], ['sync', '1/64'], ['pingPong', 1], ['feedback', 0.96]] as const) {
      expectRefused(live, gate, edit(replica(live), (d) => params(d, 'echo').set(key, value)), LEAD, 'invalid', `buses/echo/params/${key}`);
    }
  });
});

describe('Gate: inserts, sends and clips of a mixer (issue 18)', () => {
  it('P3, L18: a mixer adds, sets, bypasses and reorders inserts on an assigned track', () => {
    const { live, gate } = setup();
    const update = edit(replica(live), (d) => {
      addInsert(d, { kind: 'track', id: 'a' }, 'ch', { kind: 'chorus' });
      addInsert(d, { kind: 'track', id: 'a' }, 'eq2', { kind: 'eq' });
      addInsert(d, { kind: 'track', id: 'a' }, 'tune', { kind: 'pitch' });
      setInsertParam(d, { kind: 'track', id: 'a' }, 'ch', 'sync', '1/4t');
      setInsertParam(d, { kind: 'track', id: 'a' }, 'eq2', 'peak1.gainDb', -4);
      setInsertBypass(d, { kind: 'track', id: 'a' }, 'eq2', true);
      reorderInserts(d, { kind: 'track', id: 'a' }, ['tune', 'eq2', 'ch']);
    });
    expect(gate.receive(update, M1).ok).toBe(true);
    const inserts = readMix(live).tracks[0].strip.inserts;
    expect(inserts.ch).toMatchObject({ kind: 'chorus', order: 2, bypass: false, params: { sync: '1/4t', rateHz: 0.8, depth: 0.5 } });
    expect(inserts.eq2).toMatchObject({ kind: 'eq', order: 1, bypass: true, params: { peak1: { gainDb: -4 } } });
    expect(inserts.tune).toMatchObject({ kind: 'pitch', order: 0, params: { key: 9, scale: 'minor' } });
  });

  it('P3: a mixer may not touch the inserts, sends or clip of a track assigned to someone else', () => {
    const { live, gate } = setup();
    for (const attempt of [
      (d: Y.Doc) => addInsert(d, { kind: 'track', id: 'b' }, 'ch', { kind: 'chorus' }),
      (d: Y.Doc) => setSend(d, 'b', 'verb', { pre: true }),
      (d: Y.Doc) => setClipParam(d, 'b', 'trimStartSec', 1),
      (d: Y.Doc) => setTrackField(d, 'b', 'offsetSec', 1),
    ]) {
      const result = expectRefused(live, gate, edit(replica(live), attempt), M1, 'forbidden');
      expect(!result.ok && result.rule).toBe('P3');
    }
  });

  it('P7: a mixer may not add inserts to a bus or change the stem of their own track', () => {
    const { live, gate } = setup();
    expectRefused(live, gate, edit(replica(live), (d) => addInsert(d, { kind: 'bus', id: 'drums' }, 'c', { kind: 'comp' })), M1, 'forbidden');
    expectRefused(live, gate, edit(replica(live), (d) => setTrackField(d, 'a', 'stemId', 'other')), M1, 'forbidden', 'tracks/a/stemId');
  });

  it('P3, L20: a mixer moves, trims, fades and sets the gain of an assigned clip, and sends it pre-fader', () => {
    const { live, gate } = setup();
    const update = edit(replica(live), (d) => {
      setTrackField(d, 'a', 'offsetSec', 1);
      setClipParam(d, 'a', 'trimStartSec', 0.25);
      setClipParam(d, 'a', 'trimEndSec', 2);
      setClipParam(d, 'a', 'gainDb', -3.5);
      setClipParam(d, 'a', 'fadeIn.durationSec', 4);
      setClipParam(d, 'a', 'fadeOut.curve', 's_curve');
      setSend(d, 'a', 'drums', { levelDb: -2, pre: true });
    });
    expect(gate.receive(update, M1).ok).toBe(true);
    const a = readMix(live).tracks[0];
    expect(a.offsetSec).toBe(1);
    expect(a.clip).toEqual({
      trimStartSec: 0.25,
      trimEndSec: 2,
      gainDb: -3.5,
      fadeIn: { durationSec: 4, curve: 'equal_power' },
      fadeOut: { durationSec: 0, curve: 's_curve' },
    });
    expect(a.strip.sends.drums).toEqual({ levelDb: -2, pre: true });
  });

  it('P5: a mixer creates the missing clip map of an assigned track from an older document', () => {
    const { live, gate } = setup();
    ensureRoots(live).tracks.get('a')!.delete('clip');
    const result = gate.receive(edit(replica(live), (d) => setClipParam(d, 'a', 'gainDb', 6)), M1);
    expect(result.ok).toBe(true);
    expect(readMix(live).tracks[0].clip.gainDb).toBe(6);
  });

  it('L18, L20: insert and clip values out of range, unknown keys and pitch on a bus are refused with their path', () => {
    const { live, gate } = setup();
    gate.receive(edit(replica(live), (d) => addInsert(d, { kind: 'track', id: 'a' }, 'fl', { kind: 'flanger' })), M1);
    gate.receive(edit(replica(live), (d) => addInsert(d, { kind: 'bus', id: 'drums' }, 'tr', { kind: 'tremolo' })), LEAD);
    const track = (d: Y.Doc) => ensureRoots(d).tracks.get('a')!;
    const flanger = (d: Y.Doc) => ((track(d).get('strip') as Y.Map<unknown>).get('inserts') as Y.Map<Y.Map<unknown>>).get('fl')!;
    const clip = (d: Y.Doc) => track(d).get('clip') as Y.Map<unknown>;
    const cases: Array<[(d: Y.Doc) => void, string]> = [
      [(d) => (flanger(d).get('params') as Y.Map<unknown>).set('rateHz', 25), 'tracks/a/strip/inserts/fl/params/rateHz'],
      [(d) => (flanger(d).get('params') as Y.Map<unknown>).set('feedback', -1), 'tracks/a/strip/inserts/fl/params/feedback'],
      [(d) => (flanger(d).get('params') as Y.Map<unknown>).set('key', 3), 'tracks/a/strip/inserts/fl/params'],
      [(d) => flanger(d).set('kind', 'fuzz'), 'tracks/a/strip/inserts/fl/kind'],
      [(d) => flanger(d).set('bypass', 'yes'), 'tracks/a/strip/inserts/fl/bypass'],
      [(d) => clip(d).set('gainDb', 48.5), 'tracks/a/clip/gainDb'],
      [(d) => clip(d).set('trimStartSec', -1), 'tracks/a/clip/trimStartSec'],
      [(d) => (clip(d).get('fadeIn') as Y.Map<unknown>).set('durationSec', 3601), 'tracks/a/clip/fadeIn/durationSec'],
      [(d) => (clip(d).get('fadeOut') as Y.Map<unknown>).set('curve', 'cubic'), 'tracks/a/clip/fadeOut/curve'],
      [(d) => clip(d).set('lengthSec', 3), 'tracks/a/clip'],
    ];
    for (const [attempt, path] of cases) expectRefused(live, gate, edit(replica(live), attempt), M1, 'invalid', path);
    const pitchOnBus = edit(replica(live), (d) => {
      const tremolo = ((ensureRoots(d).buses.get('drums')!.get('strip') as Y.Map<unknown>).get('inserts') as Y.Map<Y.Map<unknown>>).get('tr')!;
      tremolo.set('kind', 'pitch');
    });
    expectRefused(live, gate, pitchOnBus, LEAD, 'invalid', 'buses/drums/strip/inserts/tr/kind');
  });

  it('L18: a strip holds at most 16 inserts', () => {
    const { live, gate } = setup();
    const update = edit(replica(live), (d) => {
      const inserts = (ensureRoots(d).tracks.get('a')!.get('strip') as Y.Map<unknown>).get('inserts') as Y.Map<unknown>;
      for (let k = 0; k < 17; k++) {
        const insert = new Y.Map<unknown>();
        inserts.set(`t${k}`, insert);
        insert.set('kind', 'tremolo');
      }
    });
    expectRefused(live, gate, update, M1, 'invalid', 'tracks/a/strip/inserts');
  });
});
