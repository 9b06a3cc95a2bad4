import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { Logger } from '../log';
import {
  readClusterMessage,
  writeClusterAwareness,
  writeClusterMember,
  writeClusterProjectGone,
  writeClusterCredentialEnded,
  writeClusterState,
  writeClusterUpdate,
  type ClientOwners,
  type ClusterMessage,
} from './messages';
import type { Room, RoomPeers } from './room';
import { NO_METRICS, type SyncMetrics } from './sync-metrics';

/** How often the instances holding a room compare state vectors (PROTOCOL C5). @default 3000 */
export const DEFAULT_HEAL_INTERVAL_MS = 3000;
/** A gap seen in a peer's updates asks for a heal after this long, gathering later gaps. @default 50 */
export const HEAL_REQUEST_DELAY_MS = 50;

export interface ClusterOptions {
  redisUrl: string;
  /** Prefix of every channel, so that several deployments can share one Redis. @default 'mixroom:' */
  prefix?: string;
  /** @default DEFAULT_HEAL_INTERVAL_MS */
  healIntervalMs?: number;
  /** This instance's id in every frame it publishes. @default a random UUID */
  instanceId?: string;
  log: Logger;
  metrics?: SyncMetrics;
}

/** What the cluster asks of the sync server it serves. */
export interface ClusterHost {
  /** The room, when this instance holds it loaded. */
  loadedRoom(projectId: string): Room | undefined;
  loadedRooms(): Iterable<Room>;
  /** A member's role changed or they left, said by another instance (C7). */
  memberChangedElsewhere(projectId: string, userId: string, role: string | null): void;
  /** A project was deleted on another instance (C7). */
  projectDeletedElsewhere(projectId: string): void;
  /** A session ended or an API token was revoked on another instance (C7, W21). */
  credentialEndedElsewhere(credentialId: string): void;
}

/** The delete set of a document, hashed: two documents with equal state vectors may differ in it. */
export function deleteDigest(doc: Y.Doc): string {
  const deletesOnly = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
  return crypto.createHash('sha1').update(deletesOnly).digest('base64');
}

/**
 * Several instances serving the same projects through Redis pub/sub (PROTOCOL C1-C8). Each
 * instance publishes, per room it holds, the updates its own gate accepted and the awareness of its
 * own connections, and applies what the others publish. Pub/sub may drop frames (and does while
 * Redis is down): every `healIntervalMs` each instance publishes each room's state vector, and
 * whoever has more answers with exactly that. Redis being away never stops a room: every instance
 * keeps serving and saving its own connections, and the rooms converge when it returns.
 */
export class Cluster implements RoomPeers {
  readonly instanceId: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly prefix: string;
  private readonly metrics: SyncMetrics;
  private readonly healTimer: NodeJS.Timeout;
  private readonly healRequests = new Map<string, NodeJS.Timeout>();
  private host: ClusterHost | undefined;
  /** Frames published during this turn of the event loop, sent together (see `publish`). */
  private outbox: Array<{ channel: string; frame: Buffer }> = [];
  private flushScheduled: NodeJS.Immediate | undefined;
  private closed = false;
  private lastErrorLog = 0;

  constructor(private readonly options: ClusterOptions) {
    this.instanceId = options.instanceId ?? crypto.randomUUID();
    this.prefix = options.prefix ?? 'mixroom:';
    this.metrics = options.metrics ?? NO_METRICS;
    const retryStrategy = (times: number) => Math.min(100 * times, 2000);
    // Nothing queues while Redis is away: a frame not taken is counted and left to the heal.
    this.pub = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy });
    this.sub = new Redis(options.redisUrl, { retryStrategy, maxRetriesPerRequest: null });
    for (const client of [this.pub, this.sub]) client.on('error', (err) => this.logError(err));
    this.sub.on('messageBuffer', (channel: Buffer, frame: Buffer) => this.receive(channel.toString(), frame));
    // Back after an outage: compare every room at once rather than at the next tick.
    this.sub.on('ready', () => this.publishStates());
    void this.sub.subscribe(this.controlChannel).catch((err: unknown) => this.logError(err as Error));
    this.healTimer = setInterval(() => this.publishStates(), options.healIntervalMs ?? DEFAULT_HEAL_INTERVAL_MS);
    this.healTimer.unref();
  }

  attach(host: ClusterHost): void {
    this.host = host;
  }

  private get controlChannel(): string {
    return `${this.prefix}control`;
  }

  private roomChannel(projectId: string): string {
    return `${this.prefix}room:${projectId}`;
  }

  private logError(err: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLog < 10_000) return;
    this.lastErrorLog = now;
    this.options.log.warn({ err: err.message }, 'Redis unreachable; rooms stay live on this instance and converge when it returns');
  }

  // ---- rooms ----

  /** This instance now holds the room: listen, then ask the others for what the database lacked (C5). */
  roomLoaded(room: Room): void {
    void this.sub
      .subscribe(this.roomChannel(room.projectId))
      .then(() => this.publishState(room))
      .catch((err: unknown) => this.logError(err as Error));
  }

  roomUnloaded(projectId: string): void {
    clearTimeout(this.healRequests.get(projectId));
    this.healRequests.delete(projectId);
    void this.sub.unsubscribe(this.roomChannel(projectId)).catch(() => undefined);
  }

  // ---- RoomPeers ----

  publishUpdate(projectId: string, update: Uint8Array, owners: ClientOwners): void {
    this.publish(this.roomChannel(projectId), 'update', writeClusterUpdate('update', this.instanceId, projectId, update, owners));
  }

  publishAwareness(projectId: string, update: Uint8Array): void {
    this.publish(this.roomChannel(projectId), 'awareness', writeClusterAwareness(this.instanceId, projectId, update));
  }

  requestHeal(projectId: string): void {
    this.metrics.clusterHeal('gap');
    if (this.healRequests.has(projectId)) return;
    this.healRequests.set(
      projectId,
      setTimeout(() => {
        this.healRequests.delete(projectId);
        const room = this.host?.loadedRoom(projectId);
        if (room) this.publishState(room);
      }, HEAL_REQUEST_DELAY_MS),
    );
  }

  // ---- control (C7) ----

  publishMember(projectId: string, userId: string, role: string | null): void {
    this.publish(this.controlChannel, 'member', writeClusterMember(this.instanceId, projectId, userId, role));
  }

  publishProjectGone(projectId: string): void {
    this.publish(this.controlChannel, 'projectGone', writeClusterProjectGone(this.instanceId, projectId));
  }

  publishCredentialEnded(credentialId: string): void {
    this.publish(this.controlChannel, 'credentialEnded', writeClusterCredentialEnded(this.instanceId, credentialId));
  }

  // ---- transport ----

  /**
   * Queues a frame; every frame of one turn of the event loop (the updates of every socket read in
   * it, across rooms) goes to Redis in one pipeline, one write, at the end of the turn, in order.
   * One PUBLISH written to the socket per update cost a system call and a flush each.
   */
  private publish(channel: string, type: string, frame: Uint8Array): void {
    if (this.closed) return;
    this.metrics.clusterMessage('out', type, frame.byteLength);
    this.outbox.push({ channel, frame: Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength) });
    this.flushScheduled ??= setImmediate(this.flushOutbox);
  }

  private readonly flushOutbox = (): void => {
    this.flushScheduled = undefined;
    const frames = this.outbox;
    this.outbox = [];
    if (frames.length === 0 || this.closed) return;
    const failed = (n: number) => {
      for (let i = 0; i < n; i++) this.metrics.clusterPublishFailed();
    };
    // Nothing queues while Redis is away (enableOfflineQueue false): the heal covers what fails.
    if (this.pub.status !== 'ready') return failed(frames.length);
    const pipeline = this.pub.pipeline();
    for (const { channel, frame } of frames) pipeline.publish(channel, frame);
    pipeline.exec().then(
      (results) => failed(results?.filter(([err]) => err).length ?? frames.length),
      () => failed(frames.length),
    );
  };

  private publishStates(): void {
    if (!this.host || this.closed) return;
    for (const room of this.host.loadedRooms()) this.publishState(room);
  }

  private publishState(room: Room): void {
    this.publish(this.roomChannel(room.projectId), 'state', writeClusterState(this.instanceId, room.projectId, Y.encodeStateVector(room.doc), deleteDigest(room.doc)));
  }

  private receive(channel: string, frame: Buffer): void {
    let message: ClusterMessage;
    try {
      message = readClusterMessage(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength));
    } catch (err) {
      this.options.log.warn({ err, channel }, 'malformed cluster frame dropped');
      return;
    }
    if (message.from === this.instanceId || !this.host) return;
    this.metrics.clusterMessage('in', message.type, frame.byteLength);
    switch (message.type) {
      case 'member':
        this.host.memberChangedElsewhere(message.projectId, message.userId, message.role);
        return;
      case 'projectGone':
        this.host.projectDeletedElsewhere(message.projectId);
        return;
      case 'credentialEnded':
        this.host.credentialEndedElsewhere(message.credentialId);
        return;
    }
    const room = this.host.loadedRoom(message.projectId);
    if (!room) return;
    switch (message.type) {
      case 'update':
        room.receiveRemote(message.update, message.owners, false);
        break;
      case 'heal':
        room.receiveRemote(message.update, message.owners, true);
        this.metrics.clusterHeal('applied');
        break;
      case 'awareness':
        room.receiveRemoteAwareness(message.update);
        break;
      case 'state':
        this.answerState(room, message.stateVector, message.deleteDigest);
        break;
    }
  }

  /** C5: send a peer what it lacks, if anything: structs past its state vector, or other deletions. */
  private answerState(room: Room, stateVector: Uint8Array, digest: string): void {
    const theirs = Y.decodeStateVector(stateVector);
    const ours = Y.decodeStateVector(Y.encodeStateVector(room.doc));
    let lacksStructs = false;
    let weLack = false;
    for (const [client, clock] of ours) if (clock > (theirs.get(client) ?? 0)) lacksStructs = true;
    for (const [client, clock] of theirs) if (clock > (ours.get(client) ?? 0)) weLack = true;
    // They have something we do not: say where we stand, and they answer in turn.
    if (weLack) this.requestHeal(room.projectId);
    if (!lacksStructs && digest === deleteDigest(room.doc)) return;
    const update = Y.encodeStateAsUpdate(room.doc, stateVector);
    const owners: ClientOwners = [];
    for (const [client, clock] of ours) {
      if (clock <= (theirs.get(client) ?? 0)) continue;
      const userId = room.gate.holderOf(client);
      if (userId !== undefined) owners.push([client, userId]);
    }
    this.publish(this.roomChannel(room.projectId), 'heal', writeClusterUpdate('heal', this.instanceId, room.projectId, update, owners));
  }

  async close(): Promise<void> {
    // What this turn published still goes (the last presence removals of a shutdown, say).
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushOutbox();
    this.closed = true;
    clearInterval(this.healTimer);
    for (const t of this.healRequests.values()) clearTimeout(t);
    this.healRequests.clear();
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
