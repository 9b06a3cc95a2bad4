import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  MalformedMessage,
  readClientMessage,
  readClusterMessage,
  writeAwareness,
  writeClusterAwareness,
  writeClusterMember,
  writeClusterProjectGone,
  writeClusterCredentialEnded,
  writeClusterState,
  writeClusterUpdate,
  writeSyncStep1,
  writeSyncStep2,
  writeUpdate,
} from './messages';

describe('messages codec', () => {
  const doc = new Y.Doc();
  doc.getMap('m').set('k', 1);
  const update = Y.encodeStateAsUpdate(doc);

  it('W4, W8: client frames read back as what was written', () => {
    expect(readClientMessage(writeSyncStep1(doc))).toEqual({ type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) });
    const step2 = readClientMessage(writeSyncStep2(doc, new Uint8Array([0])));
    expect(step2.type).toBe('sync-step-2');
    expect(readClientMessage(writeUpdate(update))).toEqual({ type: 'sync-update', update });
    expect(readClientMessage(writeAwareness(new Uint8Array([1, 2, 3])))).toEqual({ type: 'awareness', update: new Uint8Array([1, 2, 3]) });
    expect(readClientMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
  });

  it('W11: unknown types, unknown sync kinds and trailing bytes are malformed', () => {
    expect(() => readClientMessage(new Uint8Array([9]))).toThrow(MalformedMessage);
    expect(() => readClientMessage(new Uint8Array([0, 7, 0]))).toThrow(MalformedMessage);
    expect(() => readClientMessage(new Uint8Array([...writeUpdate(update), 0]))).toThrow(/trailing/);
  });

  it('C1: every cluster frame reads back with its sender, project and body', () => {
    const owners: Array<[number, string]> = [[doc.clientID, 'user-1']];
    expect(readClusterMessage(writeClusterUpdate('update', 'i1', 'p1', update, owners))).toEqual({ type: 'update', from: 'i1', projectId: 'p1', update, owners });
    expect(readClusterMessage(writeClusterUpdate('heal', 'i1', 'p1', update, []))).toEqual({ type: 'heal', from: 'i1', projectId: 'p1', update, owners: [] });
    expect(readClusterMessage(writeClusterAwareness('i2', 'p2', new Uint8Array([5])))).toEqual({ type: 'awareness', from: 'i2', projectId: 'p2', update: new Uint8Array([5]) });
    expect(readClusterMessage(writeClusterState('i3', 'p3', Y.encodeStateVector(doc), 'digest'))).toEqual({
      type: 'state',
      from: 'i3',
      projectId: 'p3',
      stateVector: Y.encodeStateVector(doc),
      deleteDigest: 'digest',
    });
    expect(readClusterMessage(writeClusterMember('i4', 'p4', 'u4', 'mixer'))).toEqual({ type: 'member', from: 'i4', projectId: 'p4', userId: 'u4', role: 'mixer' });
    expect(readClusterMessage(writeClusterMember('i4', 'p4', 'u4', null))).toEqual({ type: 'member', from: 'i4', projectId: 'p4', userId: 'u4', role: null });
    expect(readClusterMessage(writeClusterProjectGone('i5', 'p5'))).toEqual({ type: 'projectGone', from: 'i5', projectId: 'p5' });
    expect(readClusterMessage(writeClusterCredentialEnded('i6', 'token:t6'))).toEqual({ type: 'credentialEnded', from: 'i6', projectId: '', credentialId: 'token:t6' });
    expect(() => readClusterMessage(new Uint8Array([42, 0, 0]))).toThrow(MalformedMessage);
  });
});
