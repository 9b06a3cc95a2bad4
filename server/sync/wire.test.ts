import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { createTrack, readMix, setStripParam } from '../../lib/doc';
import { MESSAGE_SAVED, MESSAGE_SYNC, readSaved } from '../../lib/sync/saved-message';
import { createToken, signUp, startTestApp, type TestApp } from '../testing/test-app';
import { connectRoom, synced, until } from '../testing/sync-client';
import { openRawSocket } from '../testing/raw-socket';

let app: TestApp;
let token: string;
let projectId: string;

beforeAll(async () => {
  app = await startTestApp();
  const lead = await signUp(app, 'Wire Lead');
  token = await createToken(app, lead);
  const res = await app.request('/api/projects', { cookie: lead.cookie, json: { name: 'Wire' } });
  projectId = ((await res.json()) as { project: { id: string } }).project.id;
});
afterAll(async () => app?.close());

/** A raw socket speaking the protocol by hand, recording what it receives and how it closed. */
function raw(query = '') {
  return openRawSocket(app.url, projectId, token, query);
}

function syncMessage(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  write(e);
  return encoding.toUint8Array(e);
}

describe('the wire', () => {
  it('W4: greets a new socket with sync step 1', async () => {
    const c = raw();
    await c.opened;
    await until(() => c.received.length > 0, 'the greeting');
    const d = decoding.createDecoder(c.received[0]);
    expect(decoding.readVarUint(d)).toBe(MESSAGE_SYNC);
    expect(decoding.readVarUint(d)).toBe(syncProtocol.messageYjsSyncStep1);
    c.ws.close();
  });

  it('W9: with acks=1 sends Saved (type 8) pairs of client id and committed clock after the commit', async () => {
    const c = raw('&acks=1');
    await c.opened;
    const doc = new Y.Doc();
    createTrack(doc, 'bass', { name: 'Bass' });
    const update = Y.encodeStateAsUpdate(doc);
    c.ws.send(syncMessage((e) => syncProtocol.writeUpdate(e, update)));
    const isSaved = (m: Uint8Array) => decoding.readVarUint(decoding.createDecoder(m)) === MESSAGE_SAVED;
    await until(() => c.received.some(isSaved), 'a Saved message');
    const d = decoding.createDecoder(c.received.find(isSaved)!);
    decoding.readVarUint(d);
    const pairs = readSaved(d);
    expect(pairs.get(doc.clientID)).toBe(Y.getState(doc.store, doc.clientID));
    expect(decoding.hasContent(d)).toBe(false);
    c.ws.close();
  });

  it('never sends Saved without acks=1', async () => {
    const c = raw();
    await c.opened;
    const doc = new Y.Doc();
    createTrack(doc, 'drums', { name: 'Drums' });
    c.ws.send(syncMessage((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))));
    const watcher = connectRoom(app.url, projectId, token);
    await synced(watcher);
    await until(() => readMix(watcher.doc).tracks.some((t) => t.id === 'drums'), 'the update to land');
    expect(c.received.some((m) => decoding.readVarUint(decoding.createDecoder(m)) === MESSAGE_SAVED)).toBe(false);
    watcher.destroy();
    c.ws.close();
  });

  const malformed: Array<[string, () => Buffer | string]> = [
    ['a text frame', () => 'hello'],
    ['an unknown message type', () => Buffer.from([42])],
    ['a truncated varint', () => Buffer.from([0x80])],
    ['a sync message with trailing bytes', () => Buffer.from([...syncMessage((e) => syncProtocol.writeSyncStep1(e, new Y.Doc())), 7])],
    ['an update that is not a Yjs update', () => Buffer.from(syncMessage((e) => syncProtocol.writeUpdate(e, new Uint8Array([1, 2, 3, 250, 250]))))],
  ];
  for (const [what, frame] of malformed) {
    it(`W11: closes only the socket that sent ${what}; another client's edits keep flowing`, async () => {
      const bad = raw();
      const good = connectRoom(app.url, projectId, token);
      const other = connectRoom(app.url, projectId, token);
      await Promise.all([bad.opened, synced(good), synced(other)]);
      bad.ws.send(frame());
      if (what.startsWith('an update that is not')) {
        // Not a close: the gate refuses it like any bad update, with permission denied.
        await until(() => bad.received.some((m) => m[0] === 2), 'permission denied');
        bad.ws.close();
      } else {
        await until(() => bad.closed() !== undefined, 'the close');
        expect(bad.closed()!.code).toBe(4400);
      }
      const value = -Math.round(Math.random() * 40);
      setStripParam(good.doc, 'bass', 'gainDb', value);
      await until(() => readMix(other.doc).tracks.find((t) => t.id === 'bass')?.strip.gainDb === value, 'the edit to flow');
      good.destroy();
      other.destroy();
    });
  }
});

