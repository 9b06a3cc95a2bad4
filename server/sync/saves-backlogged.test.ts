import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { createTrack, deleteTrack, ensureRoots, readMix } from '../../lib/doc';
import { createMetrics } from '../metrics';
import { startBareSyncServer, type BareSyncServer } from '../testing/bare-sync-server';
import { MemoryDocStore } from '../testing/memory-doc-store';
import { until } from '../testing/sync-client';
import { ClientRoom } from '../../lib/sync/client-room';
import { CLOSE_CODES } from './close-codes';
import { RECORD_OVERHEAD_BYTES } from './save-queue';

const PROJECT = 'backlog-song';
const opened: WebsocketProvider[] = [];
const rooms: ClientRoom[] = [];
let server: BareSyncServer | undefined;

afterEach(async () => {
  opened.splice(0).forEach((p) => p.destroy());
  rooms.splice(0).forEach((r) => r.destroy());
  await server?.close();
  server = undefined;
});

/** A stock y-websocket client (retrying every 100 ms at most, to keep the test short). */
function connect(user: string, role: string): { doc: Y.Doc; provider: WebsocketProvider; closes: number[] } {
  const doc = new Y.Doc({ gc: false });
  ensureRoots(doc);
  const provider = new WebsocketProvider(server!.url, PROJECT, doc, {
    // The token is only the credential the cool-down remembers (the bare server believes user and role).
    params: { user, role, token: `token-of-${user}` },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 100,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => event && closes.push(event.code));
  opened.push(provider);
  return { doc, provider, closes };
}

/** The status and message of an upgrade refused over HTTP, or 101 when it opened. */
function upgrade(user: string, role: string): Promise<{ status: number; message?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server!.url}/${PROJECT}?user=${user}&role=${role}&token=token-of-${user}`);
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101 });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, message: (JSON.parse(body) as { error: { message: string } }).error.message }));
    });
    ws.on('error', () => undefined);
  });
}

const trackIds = (doc: Y.Doc) => readMix(doc).tracks.map((t) => t.id).sort();

describe('the save queue over its limit (W19)', () => {
  it('W19: a writer is closed with 4503 and keeps its edit, readers stay live, nothing accepted is lost, and the edit arrives after the backlog commits', async () => {
    const store = new MemoryDocStore();
    const metrics = createMetrics({ processMetrics: false });
    // Room for a handful of queued edits (a track is a few hundred bytes plus the record's overhead).
    const limit = 8 * (RECORD_OVERHEAD_BYTES + 400);
    server = await startBareSyncServer({ store, metrics: metrics.sync, limits: { saveQueueMaxBytes: limit } });
    const queue = server.sync.saveQueue;
    const writer = connect('ann', 'lead');
    const reader = connect('rex', 'reviewer');
    // A lead who only looks: when it reconnects, its step 2 carries the document's whole delete set.
    const looker = connect('lea', 'lead');
    await until(() => [writer, reader, looker].every((c) => c.provider.synced), 'the clients to sync');
    createTrack(writer.doc, 'gone', { name: 'Gone' });
    deleteTrack(writer.doc, 'gone');
    await until(() => queue.pending(PROJECT) === 0 && looker.doc.getMap('tracks').size === 0 && store.rows.length === 2, 'the deletion to be saved and seen');

    store.down = true;
    const accepted: string[] = [];
    for (let i = 0; !queue.full; i++) {
      expect(i, 'edits before the queue is full').toBeLessThan(100);
      const id = `t${i}`;
      createTrack(writer.doc, id, { name: id });
      accepted.push(id);
      // Taken: live for the reader although nothing is saved.
      await until(() => trackIds(reader.doc).includes(id), `the reader to see ${id}`);
    }
    expect(queue.queuedBytes).toBeGreaterThan(limit);
    expect(store.rows.length).toBe(2);

    createTrack(writer.doc, 'late', { name: 'Late' });
    await until(() => writer.closes.includes(CLOSE_CODES.SAVES_BACKLOGGED), 'the writer to be closed with 4503');
    // The client keeps its edit (no permission denied made it drop it) and keeps trying.
    expect(trackIds(writer.doc)).toContain('late');
    expect(writer.provider.shouldConnect).toBe(true);
    // It is not let back in at once only to be closed again: its credential cools down for a moment.
    const again = await upgrade('ann', 'lead');
    expect(again.status).toBe(429);
    expect(again.message).toMatch(/^the server cannot save edits right now; try again in [1-3] s$/);

    // Reads and presence go on: the reader is still connected, and a newcomer syncs everything
    // accepted so far and sees the reader's presence.
    reader.provider.awareness.setLocalStateField('focus', { trackId: 't0', control: 'gainDb' });
    const newcomer = connect('rex', 'reviewer');
    await until(() => newcomer.provider.synced, 'a new reader to sync while the queue is full');
    expect(trackIds(newcomer.doc)).toEqual([...accepted].sort());
    await until(
      () => [...newcomer.provider.awareness.getStates().values()].some((s) => (s.focus as { trackId?: string } | undefined)?.trackId === 't0'),
      "the reader's presence to reach the newcomer",
    );
    expect(reader.provider.wsconnected).toBe(true);
    expect(trackIds(reader.doc)).not.toContain('late');
    // A writer with nothing new is not turned away: the looker reconnects and stays.
    looker.provider.disconnect();
    looker.provider.connect();
    await until(() => looker.provider.synced, 'the looker to sync again while the queue is full');
    await new Promise((r) => setTimeout(r, 100));
    expect(looker.provider.wsconnected).toBe(true);
    expect(looker.closes).toEqual([]);
    expect(queue.full).toBe(true);

    // The database is back: the backlog commits, the queue has room, the writer's edit comes in.
    store.down = false;
    await until(() => !queue.full, 'the queue to have room again');
    await until(() => trackIds(reader.doc).includes('late'), "the writer's edit to reach the reader after its reconnect", 15_000);
    await until(() => queue.pending(PROJECT) === 0, 'everything to be saved');
    const stored = new Y.Doc();
    for (const row of store.rows) Y.applyUpdate(stored, row.update);
    expect(trackIds(stored)).toEqual([...accepted, 'late'].sort());
    expect(store.rows.every((r) => r.userId === 'ann')).toBe(true);

    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^mixroom_sync_save_queue_refusals_total [1-9]\d*$/m);
    expect(text).toMatch(/^mixroom_sync_save_queue_full 0$/m);
    expect(text).toMatch(/^mixroom_sync_save_queue_bytes 0$/m);
  }, 60_000);

  it("W19: Mixroom's client says its edit is held back and kept, and shows Saved once the backlog commits", async () => {
    const store = new MemoryDocStore();
    server = await startBareSyncServer({ store, limits: { saveQueueMaxBytes: 4 * (RECORD_OVERHEAD_BYTES + 400) } });
    const queue = server.sync.saveQueue;
    const writer = connect('ann', 'lead');
    const room = new ClientRoom({
      serverUrl: server.url,
      projectId: PROJECT,
      params: { user: 'amy', role: 'lead', token: 'token-of-amy' },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    rooms.push(room);
    await until(() => writer.provider.synced && room.snapshot.synced, 'the clients to sync');
    store.down = true;
    for (let i = 0; !queue.full; i++) {
      expect(i, 'edits before the queue is full').toBeLessThan(100);
      createTrack(writer.doc, `t${i}`, { name: `t${i}` });
      await until(() => queue.pending(PROJECT) > i, `edit ${i} to be queued`);
    }
    createTrack(room.doc, 'mine', { name: 'Mine' });
    await until(() => room.snapshot.held !== null, 'the client to say its edit is held back');
    expect(room.snapshot.held).toMatch(/cannot save edits right now/);
    expect(room.snapshot.save).toBe('saving');
    expect(trackIds(room.doc)).toContain('mine');

    store.down = false;
    await until(() => room.snapshot.save === 'saved', 'Saved once the backlog commits and the edit is sent again', 20_000);
    expect(room.snapshot.held).toBeNull();
    const stored = new Y.Doc();
    for (const row of store.rows) Y.applyUpdate(stored, row.update);
    expect(trackIds(stored)).toContain('mine');
  }, 60_000);
});
