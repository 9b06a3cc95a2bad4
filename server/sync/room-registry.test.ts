import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTrack, readMix, setStripParam } from '../../lib/doc';
import { createLogger } from '../log';
import { RoomRegistry } from './room-registry';
import { SaveQueue } from './save-queue';
import { until } from '../testing/sync-client';
import { MemoryDocStore } from '../testing/memory-doc-store';
import { gcFlood, writeRawUpdate } from '../testing/crafted-updates';

const log = createLogger('silent');
const lead = { userId: 'u-lead', role: 'lead' as const };

function setup(store = new MemoryDocStore()) {
  const saveQueue = new SaveQueue({ store, log, retryMs: 5, maxRetryMs: 20 });
  const registry = new RoomRegistry({ store, saveQueue, log });
  return { store, saveQueue, registry };
}

/** An update as a client would send it: made on a copy of `doc`. */
function clientEdit(doc: Y.Doc, edit: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  edit(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

describe('the room registry', () => {
  it('loads a room once for everyone who asks at the same time', async () => {
    const { store, registry } = setup();
    const rooms = await Promise.all([registry.acquire('p1'), registry.acquire('p1'), registry.acquire('p1')]);
    expect(store.loads).toBe(1);
    expect(new Set(rooms).size).toBe(1);
  });

  it('never caches a failed load: the next caller loads again and gets the stored document', async () => {
    const { store, registry } = setup();
    const doc = new Y.Doc();
    createTrack(doc, 'bass', { name: 'Bass' });
    store.rows.push({ id: 1, projectId: 'p1', update: Y.encodeStateAsUpdate(doc), userId: null, changes: [] });
    store.failLoads = 1;
    await expect(registry.acquire('p1')).rejects.toThrow('database unavailable');
    expect(registry.size).toBe(0);
    const room = await registry.acquire('p1');
    expect(readMix(room.doc).tracks.map((t) => t.id)).toEqual(['bass']);
  });

  it('keeps the document and retries when a save fails, then unloads once saved', async () => {
    const { store, registry } = setup();
    const room = await registry.acquire('p1');
    store.failAppends = 2;
    const result = room.receive(clientEdit(room.doc, (d) => createTrack(d, 'keys', { name: 'Keys' })), { kind: 'server', principal: lead });
    expect(result.ok).toBe(true);
    registry.release('p1');
    // Not unloaded while the save keeps failing.
    await new Promise((r) => setTimeout(r, 10));
    expect(registry.size).toBe(1);
    await until(() => registry.size === 0, 'the room to unload after the retried save');
    expect(store.rows.map((r) => r.userId)).toEqual(['u-lead']);
    expect(store.rows[0].changes.map((c) => c.path)).toContain('tracks/keys/name');
    // Reloaded from the store (compacted on unload), the edit is there.
    const again = await registry.acquire('p1');
    expect(readMix(again.doc).tracks.map((t) => t.id)).toEqual(['keys']);
    expect(store.snapshots.get('p1')?.upToId).toBe(1);
  });

  it('does not unload a room someone came back to while its saves were pending', async () => {
    const { store, registry } = setup();
    let open!: () => void;
    store.appendGate = new Promise((r) => (open = r));
    const room = await registry.acquire('p1');
    room.receive(clientEdit(room.doc, (d) => createTrack(d, 'a', { name: 'A' })), { kind: 'server', principal: lead });
    registry.release('p1');
    const back = await registry.acquire('p1');
    open();
    await new Promise((r) => setTimeout(r, 30));
    expect(back).toBe(room);
    expect(registry.size).toBe(1);
  });

  it('audits an edit the server makes for a user under that user, through the gate', async () => {
    const { store, registry } = setup();
    const room = await registry.acquire('p1');
    expect(room.editAs(lead, (d) => createTrack(d, 'vox', { name: 'Vox' })).ok).toBe(true);
    const refused = room.editAs({ userId: 'u-rev', role: 'reviewer' }, (d) => setStripParam(d, 'vox', 'gainDb', -3));
    expect(refused.ok).toBe(false);
    await room.whenSaved();
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0].userId).toBe('u-lead');
  });

  it('G15: a stored document holding an earlier release\'s attack loads repaired, is saved at once, and takes edits', async () => {
    const { store, registry } = setup();
    const doc = new Y.Doc();
    createTrack(doc, 'bass', { name: 'Bass' });
    store.rows.push({ id: 1, projectId: 'p1', update: Y.encodeStateAsUpdate(doc), userId: null, changes: [] });
    // What two accepted attacks left: pending deletions and 25,000 invented client ids.
    store.rows.push({ id: 2, projectId: 'p1', update: writeRawUpdate({ deletes: [{ client: 777, ranges: [[0, 10]] }] }), userId: 'u-rev', changes: [] });
    store.rows.push({ id: 3, projectId: 'p1', update: gcFlood(25_000), userId: 'u-rev', changes: [] });
    const room = await registry.acquire('p1');
    expect(room.doc.store.pendingDs).toBeNull();
    expect(room.doc.store.clients.size).toBe(1);
    await until(() => store.snapshots.get('p1')?.upToId === 3, 'the repaired snapshot');
    const snapshot = new Y.Doc();
    Y.applyUpdate(snapshot, store.snapshots.get('p1')!.state);
    expect(snapshot.store.clients.size).toBe(1);
    expect(readMix(snapshot).tracks.map((t) => t.id)).toEqual(['bass']);
    expect(room.receive(clientEdit(room.doc, (d) => setStripParam(d, 'bass', 'gainDb', -6)), { kind: 'server', principal: lead }).ok).toBe(true);
    expect(readMix(room.doc).tracks[0].strip.gainDb).toBe(-6);
  });
});
