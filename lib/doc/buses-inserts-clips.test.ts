import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isNoteDivision } from '../dsp/note-duration';
import type { Principal } from '../roles';
import {
  addInsert,
  canWrite,
  checkWrite,
  createBus,
  createTrack,
  ensureRoots,
  INSERT_KINDS,
  INSERT_PARAM_SHAPES,
  NOTE_SYNCS,
  orderedInserts,
  readMix,
  removeInsert,
  setBusParam,
  setClipParam,
  setInsertOrder,
  setInsertParam,
  validateUnit,
} from './index';

const mixer: Principal = { userId: 'm1', role: 'mixer' };

/** A document as written before issue 18: no clip, no inserts, no bus order or new bus params. */
function olderDocument(): Y.Doc {
  const doc = new Y.Doc();
  const { tracks, buses } = ensureRoots(doc);
  doc.transact(() => {
    const track = new Y.Map<unknown>();
    tracks.set('a', track);
    track.set('name', 'A');
    track.set('assignees', Y.Array.from(['m1']));
    const strip = new Y.Map<unknown>();
    track.set('strip', strip);
    for (const [k, v] of [['gainDb', -3], ['pan', 0], ['mute', false], ['solo', false]] as const) strip.set(k, v);
    for (const [id, kind, params] of [['verb', 'reverb', { decaySec: 3 }], ['echo', 'delay', { timeMs: 250 }]] as const) {
      const bus = new Y.Map<unknown>();
      buses.set(id, bus);
      bus.set('name', id);
      bus.set('kind', kind);
      const p = new Y.Map<unknown>();
      bus.set('params', p);
      for (const [k, v] of Object.entries(params)) p.set(k, v);
    }
  });
  return doc;
}

describe('buses, inserts and clips in the document (issue 18)', () => {
  it('L11, L5: a document written before them reads with every new field at its default and validates', () => {
    const doc = olderDocument();
    const mix = readMix(doc);
    expect(mix.invalid).toEqual([]);
    const a = mix.tracks[0];
    expect(a.strip.inserts).toEqual({});
    expect(a.clip).toEqual({ trimStartSec: 0, trimEndSec: 0, gainDb: 0, fadeIn: { durationSec: 0, curve: 'equal_power' }, fadeOut: { durationSec: 0, curve: 'equal_power' } });
    const [echo, verb] = mix.buses;
    expect(echo).toMatchObject({ order: 0, params: { timeMs: 250, sync: 'off', pingPong: false, feedback: 0.35 }, strip: { inserts: {} } });
    expect(verb).toMatchObject({ order: 0, params: { decaySec: 3, size: 0.6, mix: 1 } });
    for (const unit of [['tracks', 'a'], ['buses', 'verb'], ['buses', 'echo']]) expect(validateUnit(doc, unit)).toBeUndefined();
  });

  it('L4: createTrack and createBus create the insert list, the clip and its fades up front', () => {
    const doc = new Y.Doc();
    createTrack(doc, 'a', { name: 'A' });
    createBus(doc, 'g', { name: 'G', kind: 'group' });
    const track = ensureRoots(doc).tracks.get('a')!;
    const clip = track.get('clip') as Y.Map<unknown>;
    expect(clip.get('fadeIn')).toBeInstanceOf(Y.Map);
    expect(clip.get('fadeOut')).toBeInstanceOf(Y.Map);
    expect((track.get('strip') as Y.Map<unknown>).get('inserts')).toBeInstanceOf(Y.Map);
    expect((ensureRoots(doc).buses.get('g')!.get('strip') as Y.Map<unknown>).get('inserts')).toBeInstanceOf(Y.Map);
  });

  it('L18: every insert kind reads with its defaults; an EQ insert has its bands as maps', () => {
    const doc = new Y.Doc();
    createTrack(doc, 'a', { name: 'A' });
    for (const kind of Object.values(INSERT_KINDS)) addInsert(doc, { kind: 'track', id: 'a' }, kind, { kind });
    const inserts = readMix(doc).tracks[0].strip.inserts;
    expect(orderedInserts(inserts).map((i) => i.kind)).toEqual(Object.values(INSERT_KINDS));
    expect(inserts.chorus.params).toEqual({ rateHz: 0.8, sync: 'off', depth: 0.5, feedback: 0, mix: 0.5 });
    expect(inserts.comp.params).not.toHaveProperty('on');
    expect(inserts.pitch.params).toEqual({ key: 9, scale: 'minor', retuneMs: 20, humanize: 0 });
    const eq = ((ensureRoots(doc).tracks.get('a')!.get('strip') as Y.Map<unknown>).get('inserts') as Y.Map<Y.Map<unknown>>).get('eq')!;
    expect((eq.get('params') as Y.Map<unknown>).get('peak1')).toBeInstanceOf(Y.Map);
    expect(Object.keys(INSERT_PARAM_SHAPES)).toEqual(Object.values(INSERT_KINDS));
  });

  it('L18: inserts run by order, ties by id; a new insert goes last; removing one leaves the rest', () => {
    const doc = new Y.Doc();
    createTrack(doc, 'a', { name: 'A' });
    const a = { kind: 'track', id: 'a' } as const;
    addInsert(doc, a, 'z', { kind: 'tremolo', order: 0 });
    addInsert(doc, a, 'y', { kind: 'phaser', order: 0 });
    addInsert(doc, a, 'x', { kind: 'comp' });
    expect(orderedInserts(readMix(doc).tracks[0].strip.inserts).map((i) => i.id)).toEqual(['y', 'z', 'x']);
    setInsertOrder(doc, a, 'x', -1);
    removeInsert(doc, a, 'y');
    expect(orderedInserts(readMix(doc).tracks[0].strip.inserts).map((i) => i.id)).toEqual(['x', 'z']);
  });

  it('L18, L19, L20: accessors refuse values out of range, pitch on a bus and keys of another kind', () => {
    const doc = new Y.Doc();
    createTrack(doc, 'a', { name: 'A' });
    createBus(doc, 'g', { name: 'G', kind: 'group' });
    createBus(doc, 'd', { name: 'D', kind: 'delay' });
    addInsert(doc, { kind: 'track', id: 'a' }, 'ph', { kind: 'phaser' });
    expect(() => addInsert(doc, { kind: 'bus', id: 'g' }, 'p', { kind: 'pitch' })).toThrow(/cannot go on a bus/);
    expect(() => setInsertParam(doc, { kind: 'track', id: 'a' }, 'ph', 'feedback', 0.95)).toThrow(/feedback/);
    expect(() => setInsertParam(doc, { kind: 'track', id: 'a' }, 'ph', 'sync', '1/5')).toThrow(/sync/);
    expect(() => setInsertParam(doc, { kind: 'track', id: 'a' }, 'ph', 'retuneMs', 10)).toThrow(/unknown parameter/);
    expect(() => setBusParam(doc, 'd', 'sync', '1/64')).toThrow(/sync/);
    expect(() => setBusParam(doc, 'g', 'timeMs', 100)).toThrow(/unknown parameter/);
    expect(() => setClipParam(doc, 'a', 'gainDb', -49)).toThrow(/gainDb/);
    expect(() => setClipParam(doc, 'a', 'fadeIn.curve', 'cubic' as never)).toThrow(/curve/);
    setBusParam(doc, 'd', 'sync', '1/8d');
    expect(readMix(doc).buses.find((b) => b.id === 'd')!.params).toMatchObject({ sync: '1/8d' });
  });

  it('L19: the note values are exactly lib/dsp note divisions, plus off', () => {
    expect(NOTE_SYNCS[0]).toBe('off');
    expect(NOTE_SYNCS).toHaveLength(19);
    for (const value of NOTE_SYNCS.slice(1)) expect(isNoteDivision(value)).toBe(true);
  });

  it('P3, P5: a mixer writes the clip and the timeline place of an assigned track, not of another, and never its stem', () => {
    const doc = new Y.Doc();
    createTrack(doc, 'a', { name: 'A', assignees: ['m1'] });
    createTrack(doc, 'b', { name: 'B', assignees: ['m2'] });
    expect(canWrite(mixer, 'tracks/a/clip/gainDb', doc, 3)).toBe(true);
    expect(canWrite(mixer, 'tracks/a/clip/fadeIn/curve', doc, 'linear')).toBe(true);
    expect(canWrite(mixer, 'tracks/a/offsetSec', doc, 2)).toBe(true);
    expect(canWrite(mixer, 'tracks/a/strip/inserts/x/params/depth', doc, 0.3)).toBe(true);
    expect(checkWrite(mixer, 'tracks/b/clip/gainDb', doc, { kind: 'set', value: 3 })).toEqual({ allowed: false, rule: 'P3' });
    expect(checkWrite(mixer, 'tracks/b/offsetSec', doc, { kind: 'set', value: 3 })).toEqual({ allowed: false, rule: 'P3' });
    expect(checkWrite(mixer, 'tracks/a/stemId', doc, { kind: 'set', value: 's' })).toEqual({ allowed: false, rule: 'P7' });
    expect(checkWrite(mixer, 'tracks/a/clip', doc, { kind: 'set', created: true })).toEqual({ allowed: false, rule: 'P9' });
    ensureRoots(doc).tracks.get('a')!.delete('clip');
    expect(checkWrite(mixer, 'tracks/a/clip', doc, { kind: 'set', created: true })).toEqual({ allowed: true, rule: 'P5' });
    expect(checkWrite(mixer, 'buses/x/name', doc, { kind: 'set', value: 'X' })).toEqual({ allowed: false, rule: 'P7' });
  });
});

describe('bypass automation (issue 18)', () => {
  it('L7: a bypass:<insertId> lane takes 0 and 1 only', async () => {
    const { setAutomation } = await import('./index');
    const doc = new Y.Doc();
    createTrack(doc, 'a', { name: 'A' });
    setAutomation(doc, 'a', 'bypass:ch', [[0, 1], [2, 0]]);
    expect(readMix(doc).tracks[0].automation['bypass:ch']).toEqual([[0, 1], [2, 0]]);
    expect(() => setAutomation(doc, 'a', 'bypass:ch', [[0, 0.5]])).toThrow(/bypass:ch/);
  });
});
