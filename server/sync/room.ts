import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Change } from '../../lib/doc/changes';
import { ensureRoots } from '../../lib/doc/roots';
import type { Principal } from '../../lib/roles';
import type { DocChange } from '../../db/schema';
import type { Logger } from '../log';
import type { LoadedDoc } from './doc-store';
import { Gate, type GateResult, type GateOptions } from './gate';
import { repairDoc } from './repair-doc';
import type { SaveQueue } from './save-queue';
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

/** Compact the log into the snapshot after this many new rows. @default 500 */
export const COMPACT_AFTER_UPDATES = 500;

/** Who caused a live-document update: a connection, or the server acting for a user. */
export type UpdateOrigin =
  | { kind: 'connection'; id: number; principal: Principal }
  | { kind: 'server'; principal: Principal }
  | { kind: 'load' };

export interface RoomListener {
  /** An update of the live document to send to everyone but its origin. */
  onDocUpdate(update: Uint8Array, origin: UpdateOrigin): void;
  /** An update was committed to the database (for Saved messages). */
  onCommitted(origin: UpdateOrigin, update: Uint8Array): void;
}

export interface RoomOptions {
  projectId: string;
  loaded: LoadedDoc;
  saveQueue: SaveQueue;
  log: Logger;
  compact: (state: Uint8Array, upToId: number) => Promise<void>;
  /** @default COMPACT_AFTER_UPDATES */
  compactAfterUpdates?: number;
  metrics?: SyncMetrics;
  /** Told the changed paths of every accepted update, after the live document has them. */
  onChanges?: (projectId: string, changes: readonly Change[]) => void;
  /** Bounds of the gate (SPEC G11-G14). @default the gate's defaults */
  gate?: Pick<GateOptions, 'bounds' | 'maxClientIdsPerConnection'>;
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
  readonly listeners = new Set<RoomListener>();
  /** Which connection speaks for each awareness client id (a client cannot speak for another's). */
  readonly awarenessOwners = new Map<number, { connectionId: number; userId: string }>();
  private readonly budgets = new Map<string, UserBudget>();
  private pendingChanges: Change[] = [];
  private pendingClaims: readonly number[] = [];
  private lastCommittedId: number;
  private sinceSnapshot: number;
  private compacting: Promise<void> | undefined;
  private destroyed = false;

  constructor(private readonly options: RoomOptions) {
    const loaded = new Y.Doc();
    ensureRoots(loaded);
    for (const update of options.loaded.updates) Y.applyUpdate(loaded, update, { kind: 'load' } satisfies UpdateOrigin);
    const repair = repairDoc(loaded);
    this.doc = repair.doc;
    this.lastCommittedId = options.loaded.lastId;
    this.sinceSnapshot = options.loaded.sinceSnapshot;
    if (repair.problems.length > 0) {
      options.log.warn({ roomId: options.projectId, problems: repair.problems }, 'the stored document held what the gate refuses now; repaired on load');
      // The repaired state replaces the stored one at once, so the next load starts clean.
      this.sinceSnapshot = Math.max(this.sinceSnapshot, 1);
      void this.maybeCompact(1);
    }
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.gate = new Gate(this.doc, {
      ...options.gate,
      owners: options.loaded.owners,
      presenceHolder: (client) => this.awarenessOwners.get(client)?.userId,
      onInvariantBroken: (message) => options.log.error({ roomId: options.projectId }, `gate invariant broken: ${message}`),
    });
    this.doc.on('update', this.onUpdate);
  }

  get projectId(): string {
    return this.options.projectId;
  }

  /** Passes `update` through the gate and, when accepted, applies it to the live document. */
  receive(update: Uint8Array, origin: Exclude<UpdateOrigin, { kind: 'load' }>): GateResult {
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
        for (const l of this.listeners) l.onCommitted(origin, update);
        this.maybeCompact(this.options.compactAfterUpdates ?? COMPACT_AFTER_UPDATES);
      },
    );
    for (const l of this.listeners) l.onDocUpdate(update, origin);
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
    if (this.compacting || this.destroyed || this.sinceSnapshot < Math.max(threshold, 1)) return this.compacting ?? Promise.resolve();
    const state = Y.encodeStateAsUpdate(this.doc);
    const upTo = this.lastCommittedId;
    const folded = this.sinceSnapshot;
    this.compacting = this.options
      .compact(state, upTo)
      .then(() => {
        this.sinceSnapshot -= folded;
      })
      .catch((err) => this.options.log.warn({ err, projectId: this.projectId }, 'compaction failed; the log keeps everything'))
      .finally(() => {
        this.compacting = undefined;
      });
    return this.compacting;
  }

  destroy(): void {
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    this.gate.destroy();
    this.awareness.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }
}
