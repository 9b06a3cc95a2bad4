import { describe, expect, it } from 'vitest';
import { shareEqual } from './share-equal';

const mix = (bassGain: number, extra: Array<{ id: string; name: string; gain: number }> = []) =>
  Object.freeze({
    tracks: [
      { id: 'drums', name: 'Drums', strip: { gainDb: 0, eq: { on: false } } },
      { id: 'bass', name: 'Bass', strip: { gainDb: bassGain, eq: { on: false } } },
      ...extra.map((t) => ({ id: t.id, name: t.name, strip: { gainDb: t.gain, eq: { on: false } } })),
    ],
    master: { width: 1 },
  });

describe('shareEqual', () => {
  it('returns the previous value itself when nothing changed', () => {
    const prev = mix(-3);
    expect(shareEqual(prev, mix(-3))).toBe(prev);
  });

  it('keeps every unchanged part and renews only the path to the change', () => {
    const prev = mix(-3);
    const next = shareEqual(prev, mix(-4));
    expect(next).not.toBe(prev);
    expect(next).toEqual(mix(-4));
    expect(next.tracks[0]).toBe(prev.tracks[0]);
    expect(next.tracks[1]).not.toBe(prev.tracks[1]);
    expect(next.tracks[1].strip.eq).toBe(prev.tracks[1].strip.eq);
    expect(next.master).toBe(prev.master);
    expect(Object.isFrozen(next) && Object.isFrozen(next.tracks) && Object.isFrozen(next.tracks[1])).toBe(true);
  });

  it('matches records by id, so an inserted track leaves the others as they were', () => {
    const prev = mix(-3, [{ id: 'keys', name: 'Keys', gain: 0 }]);
    const reordered = Object.freeze({ ...mix(-3), tracks: [{ id: 'new', name: 'New', strip: { gainDb: 0, eq: { on: false } } }, ...mix(-3, [{ id: 'keys', name: 'Keys', gain: 0 }]).tracks] });
    const next = shareEqual(prev, reordered);
    expect(next.tracks.map((t) => t.id)).toEqual(['new', 'drums', 'bass', 'keys']);
    expect(next.tracks[1]).toBe(prev.tracks[0]);
    expect(next.tracks[3]).toBe(prev.tracks[2]);
  });

  it('sees removed and added keys and primitives as changes', () => {
    expect(shareEqual({ a: 1, b: 2 } as Record<string, number>, { a: 1 })).toEqual({ a: 1 });
    const prev = { a: 1 } as Record<string, number>;
    expect(shareEqual(prev, { a: 1, b: 2 })).not.toBe(prev);
    expect(shareEqual([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
    expect(shareEqual<unknown>({ a: 1 }, [1])).toEqual([1]);
    expect(shareEqual(Number.NaN, Number.NaN)).toBeNaN();
  });
});
