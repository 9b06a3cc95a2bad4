import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { readClientMessage, writeAwareness, writePermissionDenied, writeSaved, writeSyncStep1, writeSyncStep2 } from './messages';
import type { Principal } from '../../lib/roles';
import type { Logger } from '../log';
import { readAwarenessUpdate, writeAwarenessUpdate, type AwarenessEntry, type PresenceUser } from './awareness-filter';
import { CLOSE_CODES, type CloseCode } from './close-codes';
import type { Room, RoomListener, UpdateOrigin } from './room';
import type { SyncLimits } from './sync-limits';
import type { SyncMetrics } from './sync-metrics';
import type { WriteBatch } from './write-batch';

export interface ConnectionOptions {
  id: number;
  ws: WebSocket;
  room: Room;
  principal: Principal;
  /** Send Saved messages (type 8) after commits that included this connection's updates. */
  acks: boolean;
  log: Logger;
  /** Stamped into this connection's awareness states, whatever the client claims. */
  user: PresenceUser;
  limits: SyncLimits;
  metrics: SyncMetrics;
  /** Called when this socket is closed for a rate limit (4429), before the close. */
  onRateLimited?: () => void;
  /** Called when this socket is closed because the save queue is full (4503, W19), before the close. */
  onSavesBacklogged?: () => void;
  /** Gathers this socket's frames of one event-loop turn into one write. @default none */
  writes?: WriteBatch;
}

/** A breach that closes this socket with `code`. */
class Refusal extends Error {
  constructor(
    readonly code: CloseCode,
    message: string,
    readonly limit?: string,
  ) {
    super(message);
  }
}

class InvalidMessage extends Refusal {
  constructor(message: string) {
    super(CLOSE_CODES.INVALID_MESSAGE, message);
  }
}

/**
 * One client socket in a room: decodes y-websocket messages, sends updates through the room's
 * gate, relays awareness, and sends Saved messages. A malformed frame closes only this socket.
 */
export class Connection implements RoomListener {
  readonly id: number;
  principal: Principal;
  private readonly ws: WebSocket;
  /** The TCP socket under `ws` (ws keeps it as `_socket`), for the write batch. */
  private readonly socket: Duplex | undefined;
  private readonly room: Room;
  private readonly log: Logger;
  /** Awareness client ids this connection introduced (the room keeps it); removed when it closes. */
  readonly awarenessIds = new Set<number>();
  /** Highest committed clock per Yjs client id of the updates this connection sent. */
  private readonly committed = new Map<number, number>();
  private closed = false;
  /** A Saved message is about to be sent (acknowledge). */
  private savedPending = false;
  /** Set when the live document emitted an update for the message being handled. */
  private emitted = false;
  /** When the client last sent anything (idle sockets are closed). */
  lastMessageAt = Date.now();
  /** Stamped into this connection's presence (PROTOCOL A1); its role follows `setPrincipal`. */
  private user: PresenceUser;

  constructor(private readonly options: ConnectionOptions) {
    this.id = options.id;
    this.ws = options.ws;
    this.socket = (options.ws as unknown as { _socket?: Duplex })._socket;
    this.room = options.room;
    this.principal = options.principal;
    this.user = options.user;
    this.log = options.log.child({ roomId: options.room.projectId, userId: options.principal.userId, conn: options.id });
    this.room.addListener(this);
  }

  get userId(): string {
    return this.principal.userId;
  }

  /**
   * The member's role changed (A5): their next update is judged by the new role, and the presence
   * states this connection speaks for show it at once, for everyone.
   */
  setPrincipal(principal: Principal): void {
    this.principal = principal;
    this.user = { ...this.user, role: principal.role };
    const entries: AwarenessEntry[] = [];
    for (const clientId of this.awarenessIds) {
      const state = this.room.awareness.getStates().get(clientId);
      const clock = this.room.awareness.meta.get(clientId)?.clock;
      if (state && clock !== undefined) entries.push({ clientId, clock: clock + 1, state: { ...state, user: this.user }, bytes: 0 });
    }
    if (entries.length > 0) this.room.applyAwarenessFrom(this, writeAwarenessUpdate(entries));
  }

  get origin(): Extract<UpdateOrigin, { kind: 'connection' }> {
    return { kind: 'connection', id: this.id, principal: this.principal };
  }

  /** Greets the client: our state vector (sync step 1) and everyone's awareness. */
  start(): void {
    this.send(writeSyncStep1(this.room.doc));
    this.sendAwarenessStates();
  }

  handleMessage(data: Uint8Array): void {
    if (this.closed) return;
    const now = Date.now();
    this.lastMessageAt = now;
    this.options.metrics.bytesIn(data.byteLength);
    try {
      // Per user in the room, not per socket: a new connection brings no new budget.
      const budget = this.room.budgetOf(this.userId, this.options.limits);
      if (!budget.messages.take(1, now)) throw new Refusal(CLOSE_CODES.RATE_LIMITED, 'too many messages per second', 'messages_per_sec');
      if (!budget.bytes.take(data.byteLength, now)) throw new Refusal(CLOSE_CODES.RATE_LIMITED, 'too many bytes per second', 'bytes_per_sec');
      this.dispatch(data);
    } catch (err) {
      const refusal = err instanceof Refusal ? err : new InvalidMessage('malformed message');
      if (refusal.code === CLOSE_CODES.RATE_LIMITED) this.options.onRateLimited?.();
      if (refusal.limit) {
        this.options.metrics.limitExceeded(refusal.limit);
        this.log.warn({ code: refusal.code, limit: refusal.limit }, 'sync limit exceeded; closing the socket');
      } else {
        this.log.info({ code: refusal.code, err }, 'invalid sync message; closing the socket');
      }
      this.close(refusal.code, refusal.message);
    }
  }

  private dispatch(data: Uint8Array): void {
    let message;
    try {
      message = readClientMessage(data);
    } catch (err) {
      throw new InvalidMessage((err as Error).message);
    }
    switch (message.type) {
      case 'sync-step-1':
        this.send(writeSyncStep2(this.room.doc, message.stateVector));
        break;
      case 'sync-step-2':
      case 'sync-update':
        this.receiveUpdate(message.update);
        break;
      case 'awareness':
        this.receiveAwareness(message.update);
        break;
      case 'query-awareness':
        this.sendAwarenessStates();
        break;
    }
  }

  private receiveUpdate(update: Uint8Array): void {
    // W19: not refused with permission denied (the client would drop its edits) but closed with a
    // transient code: the client keeps them and sends them again in its sync step 2 when it is back.
    // Updates that bring nothing new (a reader's step 2) still go through.
    if (this.room.savesBacklogged && this.principal.role !== 'reviewer' && this.room.gate.bringsNew(update)) {
      this.options.metrics.saveQueueRefused();
      this.options.onSavesBacklogged?.();
      this.log.debug('update not taken: the save queue is full; closing the socket');
      this.close(CLOSE_CODES.SAVES_BACKLOGGED, 'the server cannot save edits right now; reconnecting (your edits are kept)');
      return;
    }
    this.emitted = false;
    const result = this.room.receive(update, this.origin);
    const now = Date.now();
    // Charged after the fact: the gate's bounds already cap one update (SPEC G14).
    const budget = this.room.budgetOf(this.userId, this.options.limits);
    if (!budget.work.take(result.cost ?? 0, now)) {
      throw new Refusal(CLOSE_CODES.RATE_LIMITED, 'too much document work per second', 'gate_work');
    }
    if (!result.ok) {
      this.log.info({ code: result.code, path: result.path, rule: result.rule }, 'update rejected by the gate');
      this.send(writePermissionDenied(result.message));
      // An honest client resyncs after a refusal; one that keeps sending refused updates is broken.
      if (!budget.refusals.take(1, now)) throw new Refusal(CLOSE_CODES.RATE_LIMITED, 'too many refused updates', 'refusals');
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
    // One Saved for everything one commit covered: a batch settles its updates all at once.
    if (this.savedPending) return;
    this.savedPending = true;
    queueMicrotask(() => {
      this.savedPending = false;
      this.send(writeSaved(this.committed));
    });
  }

  // ---- RoomListener ----

  onOwnUpdate(): void {
    this.emitted = true;
  }

  onCommitted(origin: UpdateOrigin, update: Uint8Array): void {
    if (!this.options.acks || origin.kind !== 'connection' || origin.id !== this.id) return;
    this.acknowledge(Y.parseUpdateMeta(update).to);
  }

  // ---- awareness ----

  /**
   * Applies the entries this connection may speak for, with the server's identity stamped in:
   * another connection's client ids are dropped (a user may take over their own, after a
   * reconnect), new ids and state sizes are bounded.
   */
  private receiveAwareness(update: Uint8Array): void {
    let entries: AwarenessEntry[];
    try {
      entries = readAwarenessUpdate(update);
    } catch (err) {
      throw new InvalidMessage(`malformed awareness update: ${(err as Error).message}`);
    }
    const { limits } = this.options;
    const accepted: AwarenessEntry[] = [];
    const introduced = new Set<number>();
    for (const entry of entries) {
      const owner = this.room.awarenessOwners.get(entry.clientId);
      if (owner && owner.connectionId !== this.id && owner.userId !== this.userId) {
        this.log.warn({ clientId: entry.clientId }, "awareness entry for another user's client id dropped");
        continue;
      }
      if (!this.awarenessIds.has(entry.clientId) && !introduced.has(entry.clientId)) {
        if (entry.state === null) continue;
        introduced.add(entry.clientId);
        if (this.awarenessIds.size + introduced.size > limits.maxAwarenessIdsPerConnection) {
          throw new Refusal(CLOSE_CODES.INVALID_MESSAGE, 'too many awareness client ids for one connection', 'awareness_ids');
        }
        if (!owner && this.room.awarenessOwners.size + introduced.size > limits.maxAwarenessStatesPerRoom) {
          throw new Refusal(CLOSE_CODES.OVERLOADED, 'too many people in this room right now', 'awareness_states');
        }
      }
      if (entry.bytes > limits.maxAwarenessStateBytes) {
        throw new Refusal(CLOSE_CODES.MESSAGE_TOO_LARGE, 'awareness state too large', 'awareness_bytes');
      }
      accepted.push({ ...entry, state: entry.state === null ? null : { ...entry.state, user: this.user } });
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, writeAwarenessUpdate(accepted), this);
  }

  private sendAwarenessStates(): void {
    const states = this.room.awareness.getStates();
    if (states.size === 0) return;
    this.send(writeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, [...states.keys()])));
  }

  // ---- transport ----

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.options.metrics.bytesOut(message.byteLength);
    if (this.socket) this.options.writes?.hold(this.socket);
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
    this.room.connectionClosed(this.id);
    const mine = [...this.awarenessIds].filter((id) => this.room.awarenessOwners.get(id)?.connectionId === this.id);
    // Removed as this connection's own change: the room tells everyone, here and on the peers (C4).
    if (mine.length > 0) awarenessProtocol.removeAwarenessStates(this.room.awareness, mine, this);
    this.room.removeListener(this);
  }
}
