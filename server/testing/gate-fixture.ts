/** The gate tests' room: principals, a live document with its gate, client replicas and their edits. Test-only. */
import { expect } from 'vitest';
import * as Y from 'yjs';
import { createBus, createTrack, ensureRoots } from '../../lib/doc/index';
import type { Principal } from '../../lib/roles';
import { Gate, type GateResult } from '../sync/gate';

export const LEAD: Principal = { userId: 'lead', role: 'lead' };
export const M1: Principal = { userId: 'm1', role: 'mixer' };
export const M2: Principal = { userId: 'm2', role: 'mixer' };
export const MASTERING: Principal = { userId: 'mst', role: 'mastering' };
export const REVIEWER: Principal = { userId: 'rev', role: 'reviewer' };

/**
 * A live room document and its gate: track a assigned to m1, track b to m2, a reverb bus `verb`;
 * `extra` adds to it before the gate is made.
 */
export function gateRoom(extra?: (live: Y.Doc) => void): { live: Y.Doc; gate: Gate } {
  const live = new Y.Doc();
  createTrack(live, 'a', { name: 'A', assignees: ['m1'] });
  createTrack(live, 'b', { name: 'B', assignees: ['m2'], order: 1 });
  createBus(live, 'verb', { name: 'Verb', kind: 'reverb' });
  extra?.(live);
  return { live, gate: new Gate(live) };
}

/** A client replica of `live`, as after a completed sync (clients keep gc off: G12). */
export function replica(live: Y.Doc): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  ensureRoots(doc);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
  return doc;
}

/** The update `fn` makes on `doc`, as a client would send it. */
export function edit(doc: Y.Doc, fn: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  fn(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/** Asserts a refusal with its code, and its path (named in the message) when given. */
export function expectRejected(result: GateResult, code: string, path?: string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  if (path !== undefined) expect(result.path).toBe(path);
  expect(result.message).toContain(path ?? '');
}

/** Runs `attack` and asserts the live document did not change by a single byte. */
export function expectUntouched(live: Y.Doc, gate: Gate, attack: () => void): void {
  const before = Y.encodeStateAsUpdate(live);
  attack();
  expect(Y.encodeStateAsUpdate(live)).toEqual(before);
  expect(gate.inSync()).toBe(true);
}
