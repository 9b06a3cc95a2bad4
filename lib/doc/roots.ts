import * as Y from 'yjs';
import { AppError } from '../errors';

/** The four root maps (SPEC L1). Nothing else lives at the root. */
export interface DocRoots {
  meta: Y.Map<unknown>;
  tracks: Y.Map<Y.Map<unknown>>;
  buses: Y.Map<Y.Map<unknown>>;
  master: Y.Map<unknown>;
}

/**
 * Declares the root maps on `doc`. Call it before applying any update: a root that arrives in an
 * update before it was declared is instantiated as an untyped AbstractType.
 */
export function ensureRoots(doc: Y.Doc): DocRoots {
  return {
    meta: doc.getMap('meta'),
    tracks: doc.getMap('tracks'),
    buses: doc.getMap('buses'),
    master: doc.getMap('master'),
  };
}

export function getTrackMap(doc: Y.Doc, trackId: string): Y.Map<unknown> {
  const track = ensureRoots(doc).tracks.get(trackId);
  if (!(track instanceof Y.Map)) throw new AppError('not_found', { message: `no track ${trackId}` });
  return track;
}

export function getBusMap(doc: Y.Doc, busId: string): Y.Map<unknown> {
  const bus = ensureRoots(doc).buses.get(busId);
  if (!(bus instanceof Y.Map)) throw new AppError('not_found', { message: `no bus ${busId}` });
  return bus;
}

/** The nested Y.Map at `key`, created when absent. Call inside a transaction. */
export function childMap(parent: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const existing = parent.get(key);
  if (existing instanceof Y.Map) return existing;
  const created = new Y.Map<unknown>();
  parent.set(key, created);
  return created;
}
