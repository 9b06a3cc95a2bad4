import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Change } from '../../lib/doc/changes';
import { ensureRoots } from '../../lib/doc/roots';
import type { Principal } from '../../lib/roles';
import type { DocChange } from '../../db/schema';
import type { Logger } from '../log';
import type { CompactOptions, LoadedDoc } from './doc-store';
import { Gate, type GateResult, type GateOptions } from './gate';
import { repairDoc } from './repair-doc';
import type { SaveQueue } from './save-queue';
import { writeAwareness, writeUpdate, type ClientOwners } from './messages';
import { NO_METRICS, type SyncMetrics } from './sync-metrics';
import { TokenBucket, type SyncLimits } from './sync-limits';

/**
 * What one user may spend in a room, all their connections together (PROTOCOL W13, SPEC G14):
 * a new connection brings no new budget.
 */
export interface UserBudget {
  messages: TokenBucket;
  bytes: TokenBucket;
  /** Structs plus delete ranges the gate read. */
  work: TokenBucket;
  /** Refused updates. */
  refusals: TokenBucket;
}

/**
 * Compact the log into the snapshot after this many new rows, plus up to half as many again at
 * random per room: rooms opened together (a server restart, a benchmark) would otherwise all
 * compact at the same moment. @default 500
 */
export const COMPACT_AFTER_UPDATES = 500;

/**
 * Who caused a live-document update: a connection, the server acting for a user, the stored
 * document, or another instance (its gate accepted it and it persists it: PROTOCOL C2).
 */
export type UpdateOrigin =
  | { kind: 'connection'; id: number; principal: Principal }
  | { kind: 'server'; principal: Principal }
  | { kind: 'load' }
  | { kind: 'remote'; heal: boolean };

/** The origin of awareness changes that another instance sent (PROTOCOL C4). */
export const REMOTE_AWARENESS = Symbol('remote awareness');

/** A connection as the room sees it: frames go out through `send`, made once per room (W8). */
export interface RoomListener {
  readonly id: number;
  readonly userId: string;
  /** Awareness client ids this connection speaks for (A2). */
  readonly awarenessIds: Set<number>;
  send(message: Uint8Array): void;
  /** The live document emitted an update this connection sent. */
  onOwnUpdate(): void;
  /** An update was committed to the database (for Saved messages). */
  onCommitted(origin: UpdateOrigin, update: Uint8Array): void;
}

/** How a room reaches the other instances that hold it (server/sync/cluster.ts). */
export interface RoomPeers {
  publishUpdate(projectId: string, update: Uint8Array, owners: ClientOwners): void;
  publishAwareness(projectId: string, update: Uint8Array): void;
  /** Asks the peers for what this room lacks (a gap was seen: PROTOCOL C5). */
  requestHeal(projectId: string): void;
}

export interface RoomOptions {
  projectId: string;
  loaded: LoadedDoc;
  saveQueue: SaveQueue;
  log: Logger;
  compact: (state: Uint8Array, upToId: number, options?: CompactOptions) => Promise<void>;
  /** Exactly this threshold instead of COMPACT_AFTER_UPDATES with its random spread. */
  compactAfterUpdates?: number;
  metrics?: SyncMetrics;
  /** Told the changed paths of every accepted update, after the live document has them. */
  onChanges?: (projectId: string, changes: readonly Change[]) => void;
  /** Bounds of the gate (SPEC G11-G14). @default the gate's defaults */
  gate?: Pick<GateOptions, 'bounds' | 'maxClientIdsPerConnection'>;
  /** The other instances, with REDIS_URL. @default none */
  peers?: RoomPeers;
}

function toDocChanges(changes: Change[]): DocChange[] {
  return changes.map((c) => (c.kind === 'delete' ? { path: c.path, deleted: true } : { path: c.path, value: c.value }));
}

/**
 * One project's live document: the gate in front of it, awareness, persistence of what it emits.
 * Transport-free: connections talk to it through `receive` and listen through `RoomListener`.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly gate: Gate;
  private readonly listenersById = new Map<number, RoomListener>();
  /**
   * Which connection speaks for each awareness client id (a client cannot speak for another's);
   * `connectionId` -1 for a client of another instance (PROTOCOL C4).
   */
  readonly awarenessOwners = new Map<number, { connectionId: number; userId: string }>();
  private readonly budgets = new Map<string, UserBudget>();
  private pendingChanges: Change[] = [];
  private pendingClaims: readonly number[] = [];
  private lastCommittedId: number;
  private sinceSnapshot: number;
  private readonly compactThreshold: number;
  /** Update rows whose content this document holds and the snapshot does not (CompactOptions.held). */
  private heldIds: number[];
  private compacting: Promise<void> | undefined;
  /** Another instance's updates reached this document since the last snapshot (C6). */
  private remoteSinceSnapshot = false;
  /** The next compaction replaces the stored document (a repair on load, G15). */
  private replaceOnCompact = false;
  private destroyed = false;

  constructor(private readonly options: RoomOptions) {
    const loaded = new Y.Doc();
    ensureRoots(loaded);
    for (const update of options.loaded.updates) Y.applyUpdate(loaded, update, { kind: 'load' } satisfies UpdateOrigin);
    const repair = repairDoc(loaded);
    this.doc = repair.doc;
    this.lastCommittedId = options.loaded.lastId;
    this.sinceSnapshot = options.loaded.sinceSnapshot;
    this.heldIds = [...(options.loaded.rowIds ?? [])];
    this.compactThreshold = options.compactAfterUpdates ?? COMPACT_AFTER_UPDATES + Math.floor((Math.random() * COMPACT_AFTER_UPDATES) / 2);
    if (repair.problems.length > 0) {
      options.log.warn({ roomId: options.projectId, problems: repair.problems }, 'the stored document held what the gate refuses now; repaired on load');
      // The repaired state replaces the stored one at once, so the next load starts clean.
      this.sinceSnapshot = Math.max(this.sinceSnapshot, 1);
      this.replaceOnCompact = true;
      void this.maybeCompact(1);
    }
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.gate = new Gate(this.doc, {
      ...options.gate,
      owners: options.loaded.owners,
      masteringOnly: options.loaded.masteringOnly === true,
      presenceHolder: (client) => this.awarenessOwners.get(client)?.userId,
      onInvariantBroken: (message) => options.log.error({ roomId: options.projectId }, `gate invariant broken: ${message}`),
    });
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
  }

  get projectId(): string {
    return this.options.projectId;
  }

  get listeners(): ReadonlyMap<number, RoomListener> {
    return this.listenersById;
  }

  addListener(listener: RoomListener): void {
    this.listenersById.set(listener.id, listener);
  }

  removeListener(listener: RoomListener): void {
    this.listenersById.delete(listener.id);
  }

  /** Sends one frame, made once, to every connection of the room but `except`. */
  broadcast(message: Uint8Array, except?: number): void {
    for (const l of this.listenersById.values()) if (l.id !== except) l.send(message);
  }

  /**
   * An update another instance's gate accepted (PROTOCOL C2, C3): applied without a second gate,
   * not persisted here, sent on to this room's connections. Its client ids' owners are adopted so
   * that this gate keeps them theirs (SPEC G11). Returns false when it depends on history this
   * room lacks: what did not fit is dropped, and the peers are asked for the gap (C5).
   */
  receiveRemote(update: Uint8Array, owners: ClientOwners, heal: boolean): boolean {
    const complete = this.gate.applyTrusted(update, { kind: 'remote', heal } satisfies UpdateOrigin, owners);
    if (!complete) this.options.peers?.requestHeal(this.projectId);
    return complete;
  }

  /** Awareness changes of another instance's connections (PROTOCOL C4). */
  receiveRemoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_AWARENESS);
  }

  /** Awareness changes of a connection of this room, already filtered (A1-A4). */
  applyAwarenessFrom(listener: RoomListener, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, listener);
  }

  /** Passes `update` through the gate and, when accepted, applies it to the live document. */
  receive(update: Uint8Array, origin: Extract<UpdateOrigin, { kind: 'connection' | 'server' }>): GateResult {
    const metrics = this.options.metrics ?? NO_METRICS;
    const started = performance.now();
    const writer = { ...origin.principal, ...(origin.kind === 'connection' ? { connection: origin.id } : {}) };
    const result = this.gate.check(update, writer);
    if (!result.ok) {
      metrics.updateRejected(result.code);
      return result;
    }
    if (result.noop) {
      metrics.updateAccepted();
      return result;
    }
    this.pendingChanges = result.changes;
    this.pendingClaims = result.claims;
    try {
      // Applying emits the live update, which the listeners send on synchronously.
      this.gate.commit(update, origin);
    } finally {
      this.pendingChanges = [];
      this.pendingClaims = [];
    }
    metrics.updateAccepted();
    metrics.fanoutLatency((performance.now() - started) / 1000);
    this.options.onChanges?.(this.projectId, result.changes);
    return result;
  }

  /**
   * An edit the server makes for a user (for example creating a track on upload): made on a copy,
   * then sent through the gate like a client's, so it is checked and audited under that user.
   */
  editAs(principal: Principal, edit: (doc: Y.Doc) => void): GateResult {
    // gc off: the gate refuses GC structs, which a copy that collects garbage could send (G12).
    const copy = new Y.Doc({ gc: false });
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      const before = Y.encodeStateVector(copy);
      copy.transact(() => edit(copy));
      return this.receive(Y.encodeStateAsUpdate(copy, before), { kind: 'server', principal });
    } finally {
      copy.destroy();
    }
  }

  private readonly onUpdate = (update: Uint8Array, origin: UpdateOrigin) => {
    if (origin?.kind === 'load') return;
    if (origin?.kind !== 'remote') {
      const principal = origin?.kind === 'connection' || origin?.kind === 'server' ? origin.principal : undefined;
      this.options.saveQueue.enqueue(
        {
          projectId: this.projectId,
          update,
          userId: principal?.userId ?? null,
          changes: toDocChanges(this.pendingChanges),
          claims: this.pendingClaims,
        },
        (id) => {
          this.lastCommittedId = Math.max(this.lastCommittedId, id);
          this.sinceSnapshot++;
          this.heldIds.push(id);
          for (const l of this.listenersById.values()) l.onCommitted(origin, update);
          this.maybeCompact(this.compactThreshold);
        },
      );
      // Published after this instance's gate: the peers apply it as it is (PROTOCOL C2).
      const peers = this.options.peers;
      if (peers) {
        const owners: ClientOwners = [];
        for (const client of Y.parseUpdateMeta(update).to.keys()) {
          const userId = this.gate.holderOf(client);
          if (userId !== undefined) owners.push([client, userId]);
        }
        peers.publishUpdate(this.projectId, update, owners);
      }
    } else {
      this.remoteSinceSnapshot = true;
    }
    // One frame for the whole room (W8).
    const self = origin?.kind === 'connection' ? origin.id : undefined;
    let message: Uint8Array | undefined;
    for (const l of this.listenersById.values()) {
      if (l.id === self) l.onOwnUpdate();
      else l.send((message ??= writeUpdate(update)));
    }
  };

  private readonly onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const speaker = typeof origin === 'object' && origin !== null && 'awarenessIds' in origin ? (origin as RoomListener) : undefined;
    if (speaker) {
      for (const id of added.concat(updated)) {
        speaker.awarenessIds.add(id);
        this.awarenessOwners.set(id, { connectionId: speaker.id, userId: speaker.userId });
      }
    } else if (origin === REMOTE_AWARENESS) {
      for (const id of added.concat(updated)) {
        if ((this.awarenessOwners.get(id)?.connectionId ?? -1) >= 0) continue;
        const user = this.awareness.getStates().get(id)?.user as { id?: unknown } | undefined;
        this.awarenessOwners.set(id, { connectionId: -1, userId: typeof user?.id === 'string' ? user.id : '' });
      }
    }
    // Removed by anyone: the client itself, its connection closing, the timeout of stale states.
    for (const id of removed) {
      const owner = this.awarenessOwners.get(id);
      if (!owner) continue;
      if (owner.connectionId >= 0) this.listenersById.get(owner.connectionId)?.awarenessIds.delete(id);
      this.awarenessOwners.delete(id);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, added.concat(updated, removed));
    this.broadcast(writeAwareness(update));
    // Only what this instance's own connections said; a peer's timeouts are its own (C4).
    if (origin !== REMOTE_AWARENESS && origin !== 'timeout') this.options.peers?.publishAwareness(this.projectId, update);
  };

  /** The budget of `userId` in this room, created on first use. */
  budgetOf(userId: string, limits: SyncLimits): UserBudget {
    let budget = this.budgets.get(userId);
    if (!budget) {
      const now = Date.now();
      budget = {
        messages: new TokenBucket(limits.messagesPerSec, limits.messageBurst, now),
        bytes: new TokenBucket(limits.bytesPerSec, limits.byteBurst, now),
        work: new TokenBucket(limits.gateWorkPerSec, limits.gateWorkBurst, now),
        refusals: new TokenBucket(limits.refusalsPerSec, limits.refusalBurst, now),
      };
      this.budgets.set(userId, budget);
    }
    return budget;
  }

  /** A connection closed: the client ids it held stay its user's (SPEC G11). */
  connectionClosed(connection: number): void {
    this.gate.release(connection);
  }

  /** The save queue is over its limit: take no update that brings anything new (PROTOCOL W19). */
  get savesBacklogged(): boolean {
    return this.options.saveQueue.full;
  }

  /** Everything this room emitted is in the database. */
  get saved(): boolean {
    return this.options.saveQueue.pending(this.projectId) === 0;
  }

  /** Runs `callback` once everything emitted so far is committed. */
  afterPendingSaved(callback: () => void): void {
    this.options.saveQueue.afterPending(callback);
  }

  whenSaved(): Promise<void> {
    return this.options.saveQueue.whenIdle(this.projectId);
  }

  /** Folds the log into the snapshot when at least `threshold` rows arrived since the last one. */
  maybeCompact(threshold: number): Promise<void> {
    // At unload (threshold 1) a document that holds other instances' updates is folded in too:
    // should their instance have died before its commit, they become durable here (C6).
    const due = this.sinceSnapshot >= Math.max(threshold, 1) || (threshold <= 1 && this.remoteSinceSnapshot);
    if (this.compacting || this.destroyed || !due) return this.compacting ?? Promise.resolve();
    const state = Y.encodeStateAsUpdate(this.doc);
    const upTo = this.lastCommittedId;
    const folded = this.sinceSnapshot;
    const replace = this.replaceOnCompact;
    // Alone, this room wrote or loaded whatever snapshot is stored: the document holds it (C6).
    const held = { ids: this.heldIds, snapshot: !this.options.peers };
    this.heldIds = [];
    this.replaceOnCompact = false;
    this.remoteSinceSnapshot = false;
    this.compacting = this.options
      .compact(state, upTo, { replace, held })
      .then(() => {
        this.sinceSnapshot -= folded;
      })
      .catch((err) => {
        if (replace) this.replaceOnCompact = true;
        this.heldIds = held.ids.concat(this.heldIds);
        this.options.log.warn({ err, projectId: this.projectId }, 'compaction failed; the log keeps everything');
      })
      .finally(() => {
        this.compacting = undefined;
      });
    return this.compacting;
  }


  destroy(): void {
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.gate.destroy();
    this.awareness.destroy();
    this.doc.destroy();
    this.listenersById.clear();
  }
}
