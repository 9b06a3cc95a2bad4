import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isAppError } from '../errors';
import {
  createBus,
  createTrack,
  deleteTrack,
  ensureRoots,
  GAIN_FLOOR_DB,
  readMix,
  renameTrack,
  setAssignees,
  setAutomation,
  setBusParam,
  setMasterParam,
  setMetaField,
  setReviewState,
  setSend,
  setStripParam,
  setTrackField,
  trackSchema,
} from './index';

function minimalTrack(doc: Y.Doc, id: string, name = id) {
  const track = new Y.Map<unknown>();
  ensureRoots(doc).tracks.set(id, track);
  track.set('name', name);
  track.set('assignees', new Y.Array<string>());
  const strip = new Y.Map<unknown>();
  track.set('strip', strip);
  strip.set('gainDb', -6);
  strip.set('pan', 0.5);
  strip.set('mute', false);
  strip.set('solo', true);
  return track;
}

function expectAppError(fn: () => void, code: string) {
  try {
    fn();
  } catch (err) {
    expect(isAppError(err) && err.code).toBe(code);
    return;
  }
  throw new Error('expected an AppError');
}

describe('layout and accessors', () => {
  it('L1: ensureRoots declares exactly meta, tracks, buses and master', () => {
    const doc = new Y.Doc();
    ensureRoots(doc);
    expect([...doc.share.keys()].sort()).toEqual(['buses', 'master', 'meta', 'tracks']);
  });

  it('L5: a track of just name, assignees and strip{gainDb,pan,mute,solo} is valid', () => {
    const doc = new Y.Doc();
    expect(trackSchema.safeParse(minimalTrack(doc, 't')).success).toBe(true);
  });

  it('L5: readMix fills every default, with every processor off or flat', () => {
    const doc = new Y.Doc();
    minimalTrack(doc, 't');
    const mix = readMix(doc);
    const [track] = mix.tracks;
    expect(track.id).toBe('t');
    expect(track.strip).toMatchObject({ gainDb: -6, pan: 0.5, solo: true, trimDb: 0, phase: false, output: 'master', sends: {} });
    for (const band of Object.values(track.strip.eq)) expect(band.on).toBe(false);
    expect(track.strip.eq.peak1.gainDb).toBe(0);
    expect(track.strip.comp.on).toBe(false);
    expect(track).toMatchObject({ color: '#8a8f98', order: 0, stemId: null, offsetSec: 0, automation: {}, review: { state: 'in_progress' } });
    expect(mix.meta).toEqual({ title: 'Untitled', sampleRate: 48_000, bpm: 120, lengthSec: 0 });
    expect(mix.master.limiter.on).toBe(false);
    expect(mix.master.comp.on).toBe(false);
    expect(mix.master.width).toBe(1);
    expect(mix.master.target).toBe('none');
    expect(mix.invalid).toEqual([]);
  });

  it('R1: readMix returns a deeply frozen snapshot, tracks sorted by order then id', () => {
    const doc = new Y.Doc();
    createTrack(doc, 'b', { name: 'B', order: 1 });
    createTrack(doc, 'c', { name: 'C', order: 0 });
    createTrack(doc, 'a', { name: 'A', order: 1 });
    const mix = readMix(doc);
    expect(mix.tracks.map((t) => t.id)).toEqual(['c', 'a', 'b']);
    expect(Object.isFrozen(mix)).toBe(true);
    expect(Object.isFrozen(mix.tracks[0].strip.eq.highpass)).toBe(true);
    expect(() => {
      (mix.tracks[0].strip as { gainDb: number }).gainDb = 3;
    }).toThrow();
  });

  it('L4: createTrack creates every nested map up front', () => {
    const doc = new Y.Doc();
    createTrack(doc, 'bass', { name: 'Bass', assignees: ['u1', 'u1'] });
    const track = ensureRoots(doc).tracks.get('bass')!;
    const strip = track.get('strip') as Y.Map<unknown>;
    expect(strip.get('eq')).toBeInstanceOf(Y.Map);
    expect((strip.get('eq') as Y.Map<unknown>).get('peak2')).toBeInstanceOf(Y.Map);
    expect(strip.get('comp')).toBeInstanceOf(Y.Map);
    expect(strip.get('sends')).toBeInstanceOf(Y.Map);
    expect(track.get('automation')).toBeInstanceOf(Y.Map);
    expect((track.get('assignees') as Y.Array<string>).toArray()).toEqual(['u1']);
    expect(trackSchema.safeParse(track).success).toBe(true);
  });

  it('L2: createTrack rejects ids outside 1-64 characters and duplicates', () => {
    const doc = new Y.Doc();
    expectAppError(() => createTrack(doc, '', { name: 'x' }), 'invalid_input');
    expectAppError(() => createTrack(doc, 'x'.repeat(65), { name: 'x' }), 'invalid_input');
    createTrack(doc, 'a/b', { name: 'slashes are fine' });
    expectAppError(() => createTrack(doc, 'a/b', { name: 'again' }), 'conflict');
  });

  it('L9: setStripParam writes nested EQ and comp parameters and rejects out-of-range values', () => {
    const doc = new Y.Doc();
    createTrack(doc, 't', { name: 'T' });
    setStripParam(doc, 't', 'eq.peak1.gainDb', -4.5);
    setStripParam(doc, 't', 'eq.highpass.slope', 24);
    setStripParam(doc, 't', 'comp.ratio', 4);
    setStripParam(doc, 't', 'gainDb', GAIN_FLOOR_DB);
    const { strip } = readMix(doc).tracks[0];
    expect(strip.eq.peak1.gainDb).toBe(-4.5);
    expect(strip.eq.highpass.slope).toBe(24);
    expect(strip.comp.ratio).toBe(4);
    expect(strip.gainDb).toBe(-144);
    expectAppError(() => setStripParam(doc, 't', 'gainDb', 13), 'invalid_input');
    expectAppError(() => setStripParam(doc, 't', 'pan', Number.NaN), 'invalid_input');
    expectAppError(() => setStripParam(doc, 't', 'eq.peak1.freqHz', 19), 'invalid_input');
    expectAppError(() => setStripParam(doc, 't', 'comp.ratio', 21), 'invalid_input');
    expectAppError(() => setStripParam(doc, 't', 'nope' as 'gainDb', 0), 'invalid_input');
    expectAppError(() => setStripParam(doc, 'missing', 'gainDb', 0), 'not_found');
  });

  it('L4: setStripParam creates a missing nested map on a minimal track', () => {
    const doc = new Y.Doc();
    minimalTrack(doc, 't');
    setStripParam(doc, 't', 'eq.lowShelf.on', true);
    expect(readMix(doc).tracks[0].strip.eq.lowShelf.on).toBe(true);
  });

  it('P7: lead-only accessors rename, assign, reorder and delete tracks', () => {
    const doc = new Y.Doc();
    createTrack(doc, 't', { name: 'T', assignees: ['a', 'b'] });
    renameTrack(doc, 't', 'Drums');
    setAssignees(doc, 't', ['b', 'c']);
    setTrackField(doc, 't', 'order', 5);
    setTrackField(doc, 't', 'stemId', 'stem-1');
    setReviewState(doc, 't', 'approved');
    expect(readMix(doc).tracks[0]).toMatchObject({ name: 'Drums', assignees: ['b', 'c'], order: 5, stemId: 'stem-1', review: { state: 'approved' } });
    deleteTrack(doc, 't');
    expect(readMix(doc).tracks).toEqual([]);
  });

  it('L6, L10: sends and outputs to a missing bus are normalised away by readMix', () => {
    const doc = new Y.Doc();
    createTrack(doc, 't', { name: 'T' });
    createBus(doc, 'verb', { name: 'Verb', kind: 'reverb' });
    setSend(doc, 't', 'verb', { levelDb: -10 });
    setSend(doc, 't', 'gone', { levelDb: -3, pre: true });
    setStripParam(doc, 't', 'output', 'gone');
    const mix = readMix(doc);
    expect(mix.tracks[0].strip.sends).toEqual({ verb: { levelDb: -10, pre: false } });
    expect(mix.tracks[0].strip.output).toBe('master');
    expect(mix.buses[0]).toMatchObject({ id: 'verb', kind: 'reverb', params: { decaySec: 2 } });
  });

  it('L7, L10: automation lanes are validated per param and read sorted by time', () => {
    const doc = new Y.Doc();
    createTrack(doc, 't', { name: 'T' });
    setAutomation(doc, 't', 'pan', [
      [2, 1],
      [1, -1],
    ]);
    expect(readMix(doc).tracks[0].automation.pan).toEqual([
      [1, -1],
      [2, 1],
    ]);
    expectAppError(() => setAutomation(doc, 't', 'pan', [[0, 2]]), 'invalid_input');
    expectAppError(() => setAutomation(doc, 't', 'mute', [[0, 0.5]]), 'invalid_input');
    expectAppError(() => setAutomation(doc, 't', 'volume' as 'pan', [[0, 0]]), 'invalid_input');
  });

  it('L8: bus params accept only the keys of the bus kind', () => {
    const doc = new Y.Doc();
    createBus(doc, 'd', { name: 'Delay', kind: 'delay' });
    setBusParam(doc, 'd', 'timeMs', 250);
    expectAppError(() => setBusParam(doc, 'd', 'decaySec', 2), 'invalid_input');
    expectAppError(() => createBus(doc, 'master', { name: 'M', kind: 'group' }), 'invalid_input');
    expect(readMix(doc).buses[0].params).toEqual({ timeMs: 250, sync: 'off', pingPong: false, feedback: 0.35, dampingHz: 8000 });
  });

  it('L9: master and meta accessors validate ranges', () => {
    const doc = new Y.Doc();
    setMasterParam(doc, 'limiter.ceilingDbtp', -2);
    setMasterParam(doc, 'target', 'spotify');
    setMasterParam(doc, 'eq.highShelf.gainDb', 2);
    setMetaField(doc, 'bpm', 90);
    const mix = readMix(doc);
    expect(mix.master.limiter.ceilingDbtp).toBe(-2);
    expect(mix.master.target).toBe('spotify');
    expect(mix.master.eq.highShelf.gainDb).toBe(2);
    expect(mix.meta.bpm).toBe(90);
    expectAppError(() => setMasterParam(doc, 'limiter.ceilingDbtp', 1), 'invalid_input');
    expectAppError(() => setMasterParam(doc, 'width', 3), 'invalid_input');
    expectAppError(() => setMetaField(doc, 'sampleRate', 12_345), 'invalid_input');
  });

  it('R1: readMix leaves out and lists a track that fails the schema', () => {
    const doc = new Y.Doc();
    createTrack(doc, 'ok', { name: 'ok' });
    minimalTrack(doc, 'bad').set('strip', { gainDb: 0, pan: 0, mute: false, solo: false });
    minimalTrack(doc, 'x'.repeat(65));
    const mix = readMix(doc);
    expect(mix.tracks.map((t) => t.id)).toEqual(['ok']);
    expect(mix.invalid).toEqual(['tracks/bad', `tracks/${'x'.repeat(65)}`]);
  });
});
