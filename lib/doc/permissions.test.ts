import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Principal } from '../roles';
import { canWrite, checkWrite, createTrack, ensureRoots } from './index';

const lead: Principal = { userId: 'L', role: 'lead' };
const mixer: Principal = { userId: 'm1', role: 'mixer' };
const mastering: Principal = { userId: 'M', role: 'mastering' };
const reviewer: Principal = { userId: 'r', role: 'reviewer' };

function live() {
  const doc = new Y.Doc();
  createTrack(doc, 'a', { name: 'A', assignees: ['m1'] });
  createTrack(doc, 'b', { name: 'B', assignees: ['m2'] });
  return doc;
}

describe('permissions', () => {
  it('P1: the lead writes every path', () => {
    const doc = live();
    for (const path of ['tracks/b', 'tracks/a/name', 'tracks/a/assignees', 'meta/title', 'buses/x', 'master/width', 'tracks/a/review/state']) {
      expect(canWrite(lead, path, doc, 'approved')).toBe(true);
    }
  });

  it('P2: a reviewer writes nothing', () => {
    const doc = live();
    for (const path of ['tracks/a/strip/gainDb', 'master/width', 'meta/title']) expect(checkWrite(reviewer, path, doc)).toEqual({ allowed: false, rule: 'P2' });
  });

  it('P3: a mixer writes strip and automation of an assigned track only', () => {
    const doc = live();
    expect(canWrite(mixer, 'tracks/a/strip/gainDb', doc, 0)).toBe(true);
    expect(canWrite(mixer, 'tracks/a/strip/eq/peak1/q', doc, 1)).toBe(true);
    expect(canWrite(mixer, 'tracks/a/automation/pan', doc, [])).toBe(true);
    expect(checkWrite(mixer, 'tracks/b/strip/gainDb', doc, { kind: 'set', value: 0 })).toEqual({ allowed: false, rule: 'P3' });
    expect(canWrite(mixer, 'tracks/a/strip', doc, {})).toBe(false);
    expect(canWrite(mixer, 'tracks/nope/strip/gainDb', doc, 0)).toBe(false);
  });

  it('P4: a mixer sets the review state of an assigned track to in_progress or ready only', () => {
    const doc = live();
    expect(canWrite(mixer, 'tracks/a/review/state', doc, 'ready')).toBe(true);
    expect(canWrite(mixer, 'tracks/a/review/state', doc, 'in_progress')).toBe(true);
    expect(canWrite(mixer, 'tracks/a/review/state', doc, 'approved')).toBe(false);
    expect(canWrite(mixer, 'tracks/a/review/state', doc)).toBe(false);
    expect(canWrite(mixer, 'tracks/b/review/state', doc, 'ready')).toBe(false);
  });

  it('P4: a mixer never writes the review note, even of an assigned track; the lead does', () => {
    const doc = live();
    expect(checkWrite(mixer, 'tracks/a/review/note', doc, { kind: 'set', value: 'fixed it' })).toEqual({ allowed: false, rule: 'P4' });
    expect(canWrite(lead, 'tracks/a/review/note', doc, 'the low end booms')).toBe(true);
  });

  it('P5: a mixer creates a missing review map of an assigned track, never replaces one', () => {
    const doc = live();
    const intent = { kind: 'set', created: true } as const;
    expect(checkWrite(mixer, ['tracks', 'a', 'review'], doc, intent).allowed).toBe(false);
    ensureRoots(doc).tracks.get('a')!.delete('review');
    expect(checkWrite(mixer, ['tracks', 'a', 'review'], doc, intent)).toEqual({ allowed: true, rule: 'P5' });
  });

  it('P6: mastering writes below master only', () => {
    const doc = live();
    expect(canWrite(mastering, 'master/limiter/ceilingDbtp', doc, -1)).toBe(true);
    expect(canWrite(mastering, 'tracks/a/strip/gainDb', doc, 0)).toBe(false);
    expect(canWrite(mastering, 'meta/title', doc, 'x')).toBe(false);
  });

  it('P7: only the lead creates, deletes, renames or assigns tracks and writes meta and buses', () => {
    const doc = live();
    for (const path of ['tracks/c', 'tracks/a', 'tracks/a/name', 'tracks/a/assignees', 'tracks/a/order', 'meta/bpm', 'buses/x/name', 'master/width']) {
      expect(canWrite(mixer, path, doc, 1)).toBe(false);
    }
  });

  it('P8: assignments are read from the live document as it is now', () => {
    const doc = live();
    expect(canWrite(mixer, 'tracks/a/strip/pan', doc, 0)).toBe(true);
    (ensureRoots(doc).tracks.get('a')!.get('assignees') as Y.Array<string>).delete(0, 1);
    expect(canWrite(mixer, 'tracks/a/strip/pan', doc, 0)).toBe(false);
  });
});
