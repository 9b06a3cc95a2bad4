import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as authProtocol from 'y-protocols/auth';
import type { WebSocket } from 'ws';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  encodeSaved,
} from '../../lib/sync/saved-message';
import type { Principal } from '../../lib/roles';
import type { Logger } from '../log';
import { CLOSE_CODES, type CloseCode } from './close-codes';
import type { Room, RoomListener, UpdateOrigin } from './room';

export interface ConnectionOptions {
  id: number;
  ws: WebSocket;
  room: Room;
  principal: Principal;
  /** Send Saved messages (type 8) after commits that included this connection's updates. */
  acks: boolean;
  log: Logger;
  onGateRejection?: (code: string) => void;
}

class InvalidMessage extends Error {}

/**
 * One client socket in a room: decodes y-websocket messages, sends updates through the room's
 * gate, relays awareness, and sends Saved messages. A malformed frame closes only this socket.
 */
export class Connection implements RoomListener {
  readonly id: number;
  principal: Principal;
  private readonly ws: WebSocket;
  private readonly room: Room;
  private readonly log: Logger;
  /** Awareness client ids this connection introduced; removed when it closes. */
  private readonly awarenessIds = new Set<number>();
  /** Highest committed clock per Yjs client id of the updates this connection sent. */
  private readonly committed = new Map<number, number>();
  private closed = false;
  /** Set when the live document emitted an update for the message being handled. */
  private emitted = false;

  constructor(private readonly options: ConnectionOptions) {
    this.id = options.id;
    this.ws = options.ws;
    this.room = options.room;
    this.principal = options.principal;
    this.log = options.log.child({ roomId: options.room.projectId, userId: options.principal.userId, conn: options.id });
    this.room.listeners.add(this);
    this.room.awareness.on('update', this.onAwareness);
  }

  get origin(): Extract<UpdateOrigin, { kind: 'connection' }> {
    return { kind: 'connection', id: this.id, principal: this.principal };
  }

  /** Greets the client: our state vector (sync step 1) and everyone's awareness. */
  start(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.room.doc);
    this.send(encoding.toUint8Array(encoder));
    this.sendAwarenessStates();
  }

  handleMessage(data: Uint8Array): void {
    if (this.closed) return;
    try {
      this.dispatch(data);
    } catch (err) {
      const reason = err instanceof InvalidMessage ? err.message : 'malformed message';
      this.log.debug({ err }, 'invalid message');
      this.close(CLOSE_CODES.INVALID_MESSAGE, reason);
    }
  }

  private dispatch(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        this.handleSync(decoder);
        break;
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        this.expectEnd(decoder);
        awarenessProtocol.applyAwarenessUpdate(this.room.awareness, update, this);
        break;
      }
      case MESSAGE_QUERY_AWARENESS:
        this.expectEnd(decoder);
        this.sendAwarenessStates();
        break;
      default:
        throw new InvalidMessage(`unknown message type ${type}`);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      this.expectEnd(decoder);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(encoder, this.room.doc, stateVector);
      this.send(encoding.toUint8Array(encoder));
      return;
    }
    if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
      throw new InvalidMessage(`unknown sync message ${kind}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    this.expectEnd(decoder);
    this.receiveUpdate(update);
  }

  private receiveUpdate(update: Uint8Array): void {
    this.emitted = false;
    const result = this.room.receive(update, this.origin);
    if (!result.ok) {
      this.log.info({ code: result.code, path: result.path, rule: result.rule }, 'update rejected by the gate');
      this.options.onGateRejection?.(result.code);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AUTH);
      authProtocol.writePermissionDenied(encoder, result.message);
      this.send(encoding.toUint8Array(encoder));
      return;
    }
    // What the live document emitted is acknowledged from onCommitted. An update that brought
    // nothing new (a resend, or the empty step 2) is covered by whatever is already queued.
    if (this.options.acks && !this.emitted) {
      const pairs = Y.parseUpdateMeta(update).to;
      if (pairs.size > 0) this.room.afterPendingSaved(() => this.acknowledge(pairs));
    }
  }

  private acknowledge(pairs: Map<number, number>): void {
    for (const [client, clock] of pairs) {
      if ((this.committed.get(client) ?? 0) < clock) this.committed.set(client, clock);
    }
    this.send(encodeSaved(this.committed));
  }

  private expectEnd(decoder: decoding.Decoder): void {
    if (decoding.hasContent(decoder)) throw new InvalidMessage('trailing bytes after the message');
  }

  // ---- RoomListener ----

  onDocUpdate(update: Uint8Array, origin: UpdateOrigin): void {
    if (origin.kind === 'connection' && origin.id === this.id) {
      this.emitted = true;
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.send(encoding.toUint8Array(encoder));
  }

  onCommitted(origin: UpdateOrigin, update: Uint8Array): void {
    if (!this.options.acks || origin.kind !== 'connection' || origin.id !== this.id) return;
    this.acknowledge(Y.parseUpdateMeta(update).to);
  }

  // ---- awareness ----

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === this) {
      added.forEach((id) => this.awarenessIds.add(id));
      removed.forEach((id) => this.awarenessIds.delete(id));
    }
    const changed = added.concat(updated, removed);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, changed));
    this.send(encoding.toUint8Array(encoder));
  };

  private sendAwarenessStates(): void {
    const states = this.room.awareness.getStates();
    if (states.size === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, [...states.keys()]));
    this.send(encoding.toUint8Array(encoder));
  }

  // ---- transport ----

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(message, (err) => {
      if (err) this.close(CLOSE_CODES.SERVER_RESTART, 'send failed');
    });
  }

  close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.ws.close(code, reason.slice(0, 120));
    this.dispose();
  }

  /** Detaches from the room; safe to call more than once. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.room.listeners.delete(this);
    this.room.awareness.off('update', this.onAwareness);
    if (this.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.room.awareness, [...this.awarenessIds], null);
    }
  }
}
