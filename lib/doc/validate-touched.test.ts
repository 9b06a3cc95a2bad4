import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Change, collectChanges } from './changes';
import { createBus, createTrack, ensureRoots, initMaster, validateTouched } from './index';
import { validateLeafChanges } from './validate-touched';

/** A valid document: one track, one bus, the master and meta. */
function newDoc(): Y.Doc {
  const doc = new Y.Doc();
  ensureRoots(doc);
  createTrack(doc, 'bass', { name: 'Bass' });
  createBus(doc, 'verb', { name: 'Verb', kind: 'reverb' });
  initMaster(doc);
  doc.getMap('meta').set('title', 'Song');
  return doc;
}

/** The changes `edit` makes, in one transaction, as the gate collects them. */
function changesOf(doc: Y.Doc, edit: () => void): Change[] {
  let changes: Change[] = [];
  doc.transact((tr) => {
    edit();
    changes = collectChanges(tr).changes;
  });
  return changes;
}

/** The Y.Map at `path` below a root (every step a Y.Map). */
function mapAt(doc: Y.Doc, path: string[]): Y.Map<unknown> {
  let map = doc.getMap(path[0]) as Y.Map<unknown>;
  for (const key of path.slice(1)) map = map.get(key) as Y.Map<unknown>;
  return map;
}

const VALUES: unknown[] = [0, -3.5, 1, 2, 12, 30, -200, 1e10, Number.NaN, Number.POSITIVE_INFINITY, 'x', '', 'Lead vocal', 'a\u0007b', '#ff0000', 'red', true, false, null, [1], { a: 1 }];

/** Plain fields of the fixed shapes (SPEC L9, L10), one place of each kind. */
const LEAVES: string[][] = [
  ['tracks', 'bass', 'name'],
  ['tracks', 'bass', 'color'],
  ['tracks', 'bass', 'order'],
  ['tracks', 'bass', 'stemId'],
  ['tracks', 'bass', 'offsetSec'],
  ['tracks', 'bass', 'strip', 'gainDb'],
  ['tracks', 'bass', 'strip', 'pan'],
  ['tracks', 'bass', 'strip', 'mute'],
  ['tracks', 'bass', 'strip', 'trimDb'],
  ['tracks', 'bass', 'strip', 'output'],
  ['tracks', 'bass', 'strip', 'eq', 'peak1', 'gainDb'],
  ['tracks', 'bass', 'strip', 'eq', 'highpass', 'slope'],
  ['tracks', 'bass', 'strip', 'comp', 'ratio'],
  ['tracks', 'bass', 'clip', 'gainDb'],
  ['tracks', 'bass', 'clip', 'fadeIn', 'curve'],
  ['meta', 'title'],
  ['meta', 'bpm'],
  ['meta', 'sampleRate'],
  ['master', 'width'],
  ['master', 'eqMode'],
  ['master', 'limiter', 'ceilingDbtp'],
  ['master', 'customTarget', 'integratedLufs'],
];

describe('validateTouched with validBefore (the gate\'s shortcut)', () => {
  it('L9, G7: a plain value set at a fixed field gets the same verdict, at the same path, as validating its whole unit', () => {
    let checked = 0;
    let refused = 0;
    for (const path of LEAVES) {
      for (const value of VALUES) {
        const doc = newDoc();
        const changes = changesOf(doc, () => mapAt(doc, path.slice(0, -1)).set(path.at(-1)!, value));
        const quick = validateTouched(doc, changes, { validBefore: true });
        const whole = validateTouched(doc, changes);
        expect(quick, `${path.join('/')} = ${JSON.stringify(value)}`).toEqual(whole);
        if (whole) refused++;
        checked++;
      }
    }
    // Both verdicts occur: the comparison is not between two "valid"s only.
    expect(refused).toBeGreaterThan(checked / 3);
    expect(refused).toBeLessThan(checked);
  });

  it('takes the shortcut only for plain values at fixed fields, and validates the whole unit otherwise', () => {
    const doc = newDoc();
    const unit = ['tracks', 'bass'];
    const fader = changesOf(doc, () => mapAt(doc, ['tracks', 'bass', 'strip']).set('gainDb', -6));
    expect(validateLeafChanges(doc, unit, fader)).toBeUndefined();
    const bad = changesOf(doc, () => mapAt(doc, ['tracks', 'bass', 'strip']).set('gainDb', 99));
    expect(validateLeafChanges(doc, unit, bad)?.path).toBe('tracks/bass/strip/gainDb');
    // A deletion, a Y type, a record (sends), a list (assignees), an unknown key, a bus: the whole unit.
    const cases: Array<[string[], () => Change[]]> = [
      [unit, () => changesOf(doc, () => mapAt(doc, ['tracks', 'bass', 'strip']).delete('pan'))],
      [unit, () => changesOf(doc, () => mapAt(doc, ['tracks', 'bass', 'strip']).set('comp', new Y.Map()))],
      [unit, () => changesOf(doc, () => mapAt(doc, ['tracks', 'bass', 'strip', 'sends']).set('verb', new Y.Map()))],
      [unit, () => changesOf(doc, () => mapAt(doc, ['tracks', 'bass']).set('assignees', new Y.Array()))],
      [unit, () => changesOf(doc, () => mapAt(doc, ['tracks', 'bass', 'strip']).set('volume', 1))],
      [['buses', 'verb'], () => changesOf(doc, () => mapAt(doc, ['buses', 'verb']).set('order', 2))],
    ];
    for (const [u, make] of cases) expect(validateLeafChanges(doc, u, make())).toBeNull();
  });

  it('an unknown key or a wrong container is refused as before, through the whole unit', () => {
    const doc = newDoc();
    const unknown = changesOf(doc, () => mapAt(doc, ['tracks', 'bass', 'strip']).set('volume', 1));
    expect(validateTouched(doc, unknown, { validBefore: true })).toEqual(validateTouched(doc, unknown));
    expect(validateTouched(doc, unknown, { validBefore: true })).toBeDefined();
    const plainEq = changesOf(doc, () => mapAt(doc, ['tracks', 'bass', 'strip']).set('eq', 5));
    expect(validateTouched(doc, plainEq, { validBefore: true })?.path).toBe('tracks/bass/strip/eq');
  });
});
