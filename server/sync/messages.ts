import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, encodeSaved } from '../../lib/sync/saved-message';

/**
 * The one codec of the sync server (PROTOCOL.md): `writeX` makes a whole frame, `readX` decodes
 * one. Client frames are the y-websocket protocol's; cluster frames travel between instances over
 * Redis (PROTOCOL C1-C8). Frames that go to many sockets are made once and sent as they are.
 */

// ---- client frames ----

export function writeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function writeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function writeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function writePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

export function writeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

export const writeSaved = encodeSaved;

/** A client frame, decoded. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2' | 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

/** Thrown for a frame that is not one of ours: the socket is closed (PROTOCOL W11). */
export class MalformedMessage extends Error {}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes after the message');
}

/** Decodes a frame from a client; throws MalformedMessage (or lib0's errors on truncation). */
export function readClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const kind = decoding.readVarUint(decoder);
      if (kind === syncProtocol.messageYjsSyncStep1) {
        const stateVector = decoding.readVarUint8Array(decoder);
        expectEnd(decoder);
        return { type: 'sync-step-1', stateVector };
      }
      if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) throw new MalformedMessage(`unknown sync message ${kind}`);
      const update = decoding.readVarUint8Array(decoder);
      expectEnd(decoder);
      return { type: kind === syncProtocol.messageYjsSyncStep2 ? 'sync-step-2' : 'sync-update', update };
    }
    case MESSAGE_AWARENESS: {
      const update = decoding.readVarUint8Array(decoder);
      expectEnd(decoder);
      return { type: 'awareness', update };
    }
    case MESSAGE_QUERY_AWARENESS:
      expectEnd(decoder);
      return { type: 'query-awareness' };
    default:
      throw new MalformedMessage(`unknown message type ${type}`);
  }
}

// ---- cluster frames (between instances, PROTOCOL C1-C8) ----

export const CLUSTER_MESSAGES = {
  /** An update the sender's gate accepted, with the owners of the client ids it writes under (C2). */
  update: 0,
  /** Awareness changes of the sender's own connections (C4). */
  awareness: 1,
  /** The sender's state vector and delete-set digest of a room: peers answer with what it lacks (C5). */
  state: 2,
  /** What a peer lacked, answering `state` (C5). */
  heal: 3,
  /** A member's role changed or they left (C7). */
  member: 4,
  /** A project was deleted (C7). */
  projectGone: 5,
  /** A session ended or an API token was revoked (C7, W21); its project id is empty. */
  credentialEnded: 6,
} as const;

/** The owners (user ids) of client ids, as the sender's gate knows them (SPEC G11). */
export type ClientOwners = Array<[clientId: number, userId: string]>;

export type ClusterMessage =
  | { type: 'update' | 'heal'; from: string; projectId: string; update: Uint8Array; owners: ClientOwners }
  | { type: 'awareness'; from: string; projectId: string; update: Uint8Array }
  | { type: 'state'; from: string; projectId: string; stateVector: Uint8Array; deleteDigest: string }
  | { type: 'member'; from: string; projectId: string; userId: string; role: string | null }
  | { type: 'projectGone'; from: string; projectId: string }
  | { type: 'credentialEnded'; from: string; projectId: ''; credentialId: string };

function header(type: number, from: string, projectId: string): encoding.Encoder {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarString(encoder, from);
  encoding.writeVarString(encoder, projectId);
  return encoder;
}

export function writeClusterUpdate(kind: 'update' | 'heal', from: string, projectId: string, update: Uint8Array, owners: ClientOwners): Uint8Array {
  const encoder = header(CLUSTER_MESSAGES[kind], from, projectId);
  encoding.writeVarUint8Array(encoder, update);
  encoding.writeVarUint(encoder, owners.length);
  for (const [clientId, userId] of owners) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarString(encoder, userId);
  }
  return encoding.toUint8Array(encoder);
}

export function writeClusterAwareness(from: string, projectId: string, update: Uint8Array): Uint8Array {
  const encoder = header(CLUSTER_MESSAGES.awareness, from, projectId);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function writeClusterState(from: string, projectId: string, stateVector: Uint8Array, deleteDigest: string): Uint8Array {
  const encoder = header(CLUSTER_MESSAGES.state, from, projectId);
  encoding.writeVarUint8Array(encoder, stateVector);
  encoding.writeVarString(encoder, deleteDigest);
  return encoding.toUint8Array(encoder);
}

export function writeClusterMember(from: string, projectId: string, userId: string, role: string | null): Uint8Array {
  const encoder = header(CLUSTER_MESSAGES.member, from, projectId);
  encoding.writeVarString(encoder, userId);
  encoding.writeVarString(encoder, role ?? '');
  return encoding.toUint8Array(encoder);
}

export function writeClusterProjectGone(from: string, projectId: string): Uint8Array {
  return encoding.toUint8Array(header(CLUSTER_MESSAGES.projectGone, from, projectId));
}

export function writeClusterCredentialEnded(from: string, credentialId: string): Uint8Array {
  const encoder = header(CLUSTER_MESSAGES.credentialEnded, from, '');
  encoding.writeVarString(encoder, credentialId);
  return encoding.toUint8Array(encoder);
}

/** Decodes a cluster frame; throws on anything else. */
export function readClusterMessage(data: Uint8Array): ClusterMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  const from = decoding.readVarString(decoder);
  const projectId = decoding.readVarString(decoder);
  let message: ClusterMessage;
  switch (type) {
    case CLUSTER_MESSAGES.update:
    case CLUSTER_MESSAGES.heal: {
      const update = decoding.readVarUint8Array(decoder);
      const n = decoding.readVarUint(decoder);
      const owners: ClientOwners = [];
      for (let i = 0; i < n; i++) owners.push([decoding.readVarUint(decoder), decoding.readVarString(decoder)]);
      message = { type: type === CLUSTER_MESSAGES.update ? 'update' : 'heal', from, projectId, update, owners };
      break;
    }
    case CLUSTER_MESSAGES.awareness:
      message = { type: 'awareness', from, projectId, update: decoding.readVarUint8Array(decoder) };
      break;
    case CLUSTER_MESSAGES.state:
      message = { type: 'state', from, projectId, stateVector: decoding.readVarUint8Array(decoder), deleteDigest: decoding.readVarString(decoder) };
      break;
    case CLUSTER_MESSAGES.member: {
      const userId = decoding.readVarString(decoder);
      const role = decoding.readVarString(decoder);
      message = { type: 'member', from, projectId, userId, role: role === '' ? null : role };
      break;
    }
    case CLUSTER_MESSAGES.projectGone:
      message = { type: 'projectGone', from, projectId };
      break;
    case CLUSTER_MESSAGES.credentialEnded:
      if (projectId !== '') throw new MalformedMessage('a credentialEnded frame names no project');
      message = { type: 'credentialEnded', from, projectId, credentialId: decoding.readVarString(decoder) };
      break;
    default:
      throw new MalformedMessage(`unknown cluster message ${type}`);
  }
  expectEnd(decoder);
  return message;
}
