import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import type { Change } from '../../lib/doc/changes';
import { isRole, type Principal } from '../../lib/roles';
import type { Logger } from '../log';
import { colorFor } from './awareness-filter';
import type { UpgradeAuthResult } from './authenticate-upgrade';
import { CLOSE_CODES, type CloseCode } from './close-codes';
import { writeStatus } from '../upgrade-router';
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from './sync-limits';
import { UpgradeCooldown, upgradeKeyOf } from './upgrade-cooldown';
import { UpgradeGrace } from './upgrade-grace';
import { WriteBatch } from './write-batch';
import { NO_METRICS, type SyncMetrics } from './sync-metrics';
import { Connection } from './connection';
import type { DocStore } from './doc-store';
import type { GateResult } from './gate';
import { RoomRegistry } from './room-registry';
import { SaveQueue } from './save-queue';
import { Cluster, type ClusterOptions } from './cluster';

/** Ping interval; a socket that misses a pong is dropped. @default 30000 */
export const PING_INTERVAL_MS = 30_000;
/**
 * After a 4503 (W19), the credential's upgrades to that project get 429 for this long (at most the
 * W18 cool-down; none with it off). @default 3000
 */
export const SAVES_BACKLOGGED_COOLDOWN_MS = 3000;
/** How long shutdown waits for pending saves. @default 3000 (the process must exit within 5 s) */
export const SHUTDOWN_SAVE_WAIT_MS = 3000;

export interface SyncServerOptions {
  store: DocStore;
  log: Logger;
  compactAfterUpdates?: number;
  /** @default DEFAULT_SYNC_LIMITS */
  limits?: Partial<SyncLimits>;
  metrics?: SyncMetrics;
  /** Told the changed paths of every accepted update (stem garbage collection listens). */
  onChanges?: (projectId: string, changes: readonly Change[]) => void;
  /** See SaveQueueOptions.batchWindowMs. @default 0 */
  saveBatchWindowMs?: number;
  /** Several instances through Redis (PROTOCOL C1-C8). @default one instance alone */
  cluster?: Omit<ClusterOptions, 'log' | 'metrics'>;
  /**
   * When each session or API token ends now (null: never; missing: gone), asked for connections
   * past the end their credential had, or not checked for `credentialRecheckMs` (W21).
   * @default none: a connection past its credential's end is closed, and nothing is rechecked
   */
  credentialsExpireAt?: (credentialIds: string[]) => Promise<Map<string, Date | null>>;
  /** How often every connection's credential is checked again (W21). @default CREDENTIAL_RECHECK_MS */
  credentialRecheckMs?: number;
}

/**
 * Every connection's credential is checked again this often: a revocation whose C7 message was
 * lost (Redis away) still ends its sockets. @default 5 minutes
 */
export const CREDENTIAL_RECHECK_MS = 5 * 60_000;
/** Credentials checked in one sweep at most (one query each for tokens and sessions). */
const CREDENTIALS_PER_SWEEP = 1000;

export interface AcceptedUpgrade {
  projectId: string;
  principal: Principal;
  user: { id: string; name: string };
  acks: boolean;
  /** The upgrade's credential and path, hashed: what a 4429 puts on cool-down (W18). */
  cooldownKey: string | null;
  /** The session or API token (W21), when known: the connection ends with it. */
  credentialId?: string;
  /** When that credential ends (ms since the epoch; null never; undefined not known). */
  credentialExpiresAt?: number | null;
}

interface LiveConnection {
  conn: Connection;
  ws: WebSocket;
  projectId: string;
  credentialId?: string;
  /** When its credential ends, as last known (W21). */
  credentialExpiresAt?: number | null;
  /** When its credential was last found valid (ms since the epoch). */
  credentialCheckedAt: number;
  /** Its credential's end is being asked for. */
  checkingCredential?: boolean;
  /** Closed with 4401 already. */
  credentialEnded?: boolean;
}

export interface SyncStats {
  connections: number;
  rooms: number;
}

/**
 * The /sync endpoint: rooms of live documents behind the gate, served over the y-websocket
 * protocol. Authentication happened before `handleUpgrade` (authenticate-upgrade.ts).
 */
export class SyncServer {
  readonly rooms: RoomRegistry;
  readonly saveQueue: SaveQueue;
  readonly cluster: Cluster | undefined;
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<number, LiveConnection>();
  private nextId = 1;
  private closing = false;
  private pendingUpgrades = 0;
  readonly limits: SyncLimits;
  private readonly cooldown: UpgradeCooldown;
  private readonly grace: UpgradeGrace;
  /** Every connection's frames of one event-loop turn leave in one write per socket. */
  private readonly writes = new WriteBatch();
  private readonly metrics: SyncMetrics;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly idleTimer: NodeJS.Timeout;
  private readonly alive = new WeakSet<WebSocket>();

  constructor(private readonly options: SyncServerOptions) {
    this.limits = { ...DEFAULT_SYNC_LIMITS, ...options.limits };
    this.cooldown = new UpgradeCooldown(this.limits.rateLimitCooldownMs);
    this.grace = new UpgradeGrace({ graceMs: this.limits.authGraceMs });
    this.metrics = options.metrics ?? NO_METRICS;
    this.saveQueue = new SaveQueue({
      store: options.store,
      log: options.log,
      batchWindowMs: options.saveBatchWindowMs,
      onCommitLatency: (s) => this.metrics.commitLatency(s),
      onCommitFailed: () => this.metrics.commitFailed(),
      onFailingChange: (failing) => this.metrics.savesFailing(failing),
      maxQueuedBytes: this.limits.saveQueueMaxBytes,
    });
    this.metrics.observeSaveQueue(() => ({ bytes: this.saveQueue.queuedBytes, full: this.saveQueue.full }));
    this.cluster = options.cluster ? new Cluster({ ...options.cluster, log: options.log.child({ module: 'cluster' }), metrics: this.metrics }) : undefined;
    this.rooms = new RoomRegistry({
      peers: this.cluster,
      store: options.store,
      saveQueue: this.saveQueue,
      log: options.log,
      compactAfterUpdates: options.compactAfterUpdates,
      metrics: this.metrics,
      onChanges: options.onChanges,
      gate: {
        bounds: { maxStructs: this.limits.maxUpdateStructs, maxDeleteRanges: this.limits.maxUpdateDeleteRanges },
        maxClientIdsPerConnection: this.limits.maxClientIdsPerConnection,
      },
    });
    this.cluster?.attach({
      loadedRoom: (projectId) => this.rooms.loaded(projectId),
      loadedRooms: () => this.rooms.allLoaded(),
      // A role this instance does not know closes the connections rather than guess (C7).
      memberChangedElsewhere: (projectId, userId, role) => this.updateMemberHere(projectId, userId, isRole(role) ? role : undefined),
      credentialEndedElsewhere: (credentialId) => this.endCredentialHere(credentialId),
      projectDeletedElsewhere: (projectId) => this.closeProjectHere(projectId, CLOSE_CODES.PROJECT_GONE, 'the project was deleted'),
    });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxMessageBytes, perMessageDeflate: false });
    this.pingTimer = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.pingTimer.unref();
    this.idleTimer = setInterval(() => this.sweep(), Math.min(10_000, this.limits.idleTimeoutMs / 4, options.credentialRecheckMs ?? CREDENTIAL_RECHECK_MS));
    this.idleTimer.unref();
  }

  stats(): SyncStats {
    return { connections: this.connections.size, rooms: this.rooms.size };
  }

  /**
   * Authenticates an upgrade (at most `maxPendingUpgrades` at once: more get 503 at once) and
   * hands the socket to its room. Refusals are plain HTTP statuses, before the WebSocket exists.
   */
  async handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    authenticate: () => Promise<UpgradeAuthResult>,
  ): Promise<void> {
    if (this.closing) return writeStatus(socket, 503, 'the server is restarting');
    // Hashed once, and only when something remembers it.
    const key = this.cooldown.enabled || this.grace.enabled ? upgradeKeyOf(req) : null;
    const cooldownKey = this.cooldown.enabled ? key : null;
    const cooling = this.cooldown.refusal(cooldownKey, Date.now());
    if (cooling) {
      this.metrics.limitExceeded('cooldown');
      const seconds = Math.ceil(cooling.waitMs / 1000);
      return writeStatus(socket, 429, `${cooling.reason}; try again in ${seconds} s`, { 'Retry-After': String(seconds) });
    }
    if (this.pendingUpgrades >= this.limits.maxPendingUpgrades) {
      this.metrics.limitExceeded('pending_upgrades');
      return writeStatus(socket, 503, 'too many connections are being set up; try again');
    }
    // Nothing may hold a socket half-upgraded for long: a slow authentication is cut off too.
    const deadline = setTimeout(() => {
      this.metrics.limitExceeded('upgrade_timeout');
      socket.destroy();
    }, this.limits.upgradeTimeoutMs);
    deadline.unref();
    this.pendingUpgrades++;
    let result: UpgradeAuthResult;
    try {
      result = await authenticate();
      if (result.ok) {
        const { projectId, user, principal, credentialExpiresAt, credentialId } = result;
        this.grace.remember(key, { projectId, user, principal, decidedAt: Date.now(), credentialId }, credentialExpiresAt ? credentialExpiresAt.getTime() : undefined);
      } else {
        // A no (a token revoked, a session ended, a member removed) also ends what was remembered.
        this.grace.forget(key);
      }
    } catch (err) {
      const admitted = this.admitOnGrace(req, key, err);
      if (!admitted) {
        clearTimeout(deadline);
        throw err;
      }
      result = admitted;
    } finally {
      this.pendingUpgrades--;
    }
    if (!result.ok) {
      clearTimeout(deadline);
      return writeStatus(socket, result.status, result.message);
    }
    if (socket.destroyed) return clearTimeout(deadline);
    const accepted: AcceptedUpgrade = {
      projectId: result.projectId,
      principal: result.principal,
      user: { id: result.user.id, name: result.user.name },
      acks: result.query.get('acks') === '1',
      cooldownKey,
      credentialId: result.credentialId,
      credentialExpiresAt: result.credentialExpiresAt === undefined ? undefined : (result.credentialExpiresAt?.getTime() ?? null),
    };
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      clearTimeout(deadline);
      if (this.connections.size >= this.limits.maxConnections) {
        this.metrics.limitExceeded('connections');
        ws.close(CLOSE_CODES.OVERLOADED, 'too many connections; try again later');
        return;
      }
      void this.attach(ws, accepted);
    });
  }

  /**
   * W20: an authentication that failed (the database away) admits the upgrade on the decision
   * remembered for its credential and project, when there is one and the room is live here
   * (loading it would need the database). Undefined otherwise: the upgrade fails as before.
   */
  private admitOnGrace(req: IncomingMessage, key: string | null, err: unknown): UpgradeAuthResult | undefined {
    const now = Date.now();
    const remembered = this.grace.recall(key, now);
    if (!remembered || !this.rooms.loaded(remembered.projectId)) return undefined;
    this.metrics.upgradeOnGrace();
    this.options.log.warn(
      { roomId: remembered.projectId, userId: remembered.user.id, role: remembered.principal.role, decidedMsAgo: now - remembered.decidedAt, err: err instanceof Error ? err.message : String(err) },
      'authenticating a sync upgrade failed (is the database down?); admitted on its last successful authentication (W20)',
    );
    const { projectId, user, principal, credentialId } = remembered;
    return { ok: true, projectId, user, principal, credentialId, query: new URL(req.url ?? '/', 'http://upgrade.invalid').searchParams };
  }

  private async attach(ws: WebSocket, accepted: AcceptedUpgrade): Promise<void> {
    const log = this.options.log.child({ roomId: accepted.projectId, userId: accepted.principal.userId });
    ws.on('error', (err) => log.debug({ err }, 'socket error'));
    ws.binaryType = 'nodebuffer';
    // Messages that arrive while the room loads are kept in order and handled after it.
    const early: RawData[] = [];
    const onEarly = (data: RawData) => early.push(data);
    ws.on('message', onEarly);
    let closedEarly = false;
    ws.once('close', () => (closedEarly = true));

    let room;
    try {
      room = await this.rooms.acquire(accepted.projectId);
    } catch (err) {
      log.error({ err }, 'loading the room failed');
      ws.close(CLOSE_CODES.ROOM_LOAD_FAILED, 'could not load the project; try again');
      return;
    }
    if (closedEarly || this.closing) {
      this.rooms.release(accepted.projectId);
      if (!closedEarly) ws.close(CLOSE_CODES.SERVER_RESTART, 'server restarting');
      return;
    }
    const id = this.nextId++;
    const conn = new Connection({
      id,
      ws,
      room,
      principal: accepted.principal,
      acks: accepted.acks,
      log: this.options.log,
      user: { ...accepted.user, color: colorFor(accepted.user.id), role: accepted.principal.role },
      limits: this.limits,
      metrics: this.metrics,
      onRateLimited: () => this.cooldown.block(accepted.cooldownKey, Date.now()),
      // Its client would be back within 200 ms with the same edits and be closed again, over and
      // over while the database is away: a short cool-down makes it back off (W19).
      onSavesBacklogged: () =>
        this.cooldown.block(accepted.cooldownKey, Date.now(), Math.min(SAVES_BACKLOGGED_COOLDOWN_MS, this.limits.rateLimitCooldownMs), 'the server cannot save edits right now'),
      writes: this.writes,
    });
    this.connections.set(id, {
      conn,
      ws,
      projectId: accepted.projectId,
      credentialId: accepted.credentialId,
      credentialExpiresAt: accepted.credentialExpiresAt,
      credentialCheckedAt: Date.now(),
    });
    this.metrics.connectionOpened();
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.off('message', onEarly);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        conn.close(CLOSE_CODES.INVALID_MESSAGE, 'text frames are not part of this protocol');
        return;
      }
      conn.handleMessage(toBytes(data));
    });
    ws.on('close', () => {
      conn.dispose();
      if (this.connections.delete(id)) {
        this.metrics.connectionClosed();
        this.rooms.release(accepted.projectId);
      }
    });
    conn.start();
    for (const data of early) conn.handleMessage(toBytes(data));
  }

  /** An edit the server makes for `principal`, through the gate and audited like theirs. */
  async editAs(projectId: string, principal: Principal, edit: (doc: Y.Doc) => void): Promise<GateResult> {
    const room = await this.rooms.acquire(projectId);
    try {
      return room.editAs(principal, edit);
    } finally {
      this.rooms.release(projectId);
    }
  }

  /** Runs `read` on the live document of a project (loading it for the call if needed). */
  async read<T>(projectId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.rooms.acquire(projectId);
    try {
      return read(room.doc);
    } finally {
      this.rooms.release(projectId);
    }
  }

  /** A member's role changed (or they left): update or close their connections, on every instance (C7). */
  updateMember(projectId: string, userId: string, role: Principal['role'] | undefined): void {
    this.updateMemberHere(projectId, userId, role);
    this.cluster?.publishMember(projectId, userId, role ?? null);
  }

  private updateMemberHere(projectId: string, userId: string, role: Principal['role'] | undefined): void {
    this.grace.forgetMember(projectId, userId);
    for (const { conn, projectId: p } of this.connections.values()) {
      if (p !== projectId || conn.principal.userId !== userId) continue;
      if (role) conn.setPrincipal({ userId, role });
      else conn.close(CLOSE_CODES.ACCESS_REVOKED, 'you are no longer a member of this project');
    }
  }

  /** A project was deleted: its connections are closed, on every instance (C7). */
  closeProject(projectId: string): void {
    this.closeProjectHere(projectId, CLOSE_CODES.PROJECT_GONE, 'the project was deleted');
    this.cluster?.publishProjectGone(projectId);
  }

  private closeProjectHere(projectId: string, code: CloseCode, reason: string): void {
    this.grace.forgetProject(projectId);
    for (const { conn, projectId: p } of this.connections.values()) if (p === projectId) conn.close(code, reason);
  }

  /** A session ended or an API token was revoked: its connections close, on every instance (W21, C7). */
  endCredential(credentialId: string): void {
    this.endCredentialHere(credentialId);
    this.cluster?.publishCredentialEnded(credentialId);
  }

  private endCredentialHere(credentialId: string): void {
    this.grace.forgetCredential(credentialId);
    for (const live of this.connections.values()) if (live.credentialId === credentialId) this.closeUnauthorized(live);
  }

  private closeUnauthorized(live: LiveConnection): void {
    // Counted and closed once: the entry stays until the socket's close handshake ends.
    if (live.credentialEnded) return;
    live.credentialEnded = true;
    this.metrics.credentialEnded();
    live.conn.close(CLOSE_CODES.UNAUTHORIZED, 'your session ended or your API token was revoked or expired: sign in again');
  }

  /**
   * Closes sockets idle past `idleTimeoutMs` (4508), and checks the credentials of connections past
   * their credential's end or not checked for `credentialRecheckMs` (W21).
   */
  private sweep(): void {
    const now = Date.now();
    const cutoff = now - this.limits.idleTimeoutMs;
    const recheckBefore = now - (this.options.credentialRecheckMs ?? CREDENTIAL_RECHECK_MS);
    const due = new Map<string, LiveConnection[]>();
    for (const live of this.connections.values()) {
      if (live.conn.lastMessageAt < cutoff) {
        this.metrics.limitExceeded('idle');
        live.conn.close(CLOSE_CODES.IDLE_TIMEOUT, 'nothing heard from this socket for too long');
        continue;
      }
      const ended = live.credentialExpiresAt != null && live.credentialExpiresAt <= now;
      if (!ended && !(this.options.credentialsExpireAt && live.credentialCheckedAt < recheckBefore)) continue;
      if (!live.credentialId || !this.options.credentialsExpireAt) {
        if (ended) this.closeUnauthorized(live);
        continue;
      }
      if (live.checkingCredential || (!due.has(live.credentialId) && due.size >= CREDENTIALS_PER_SWEEP)) continue;
      due.set(live.credentialId, [...(due.get(live.credentialId) ?? []), live]);
    }
    if (due.size > 0) void this.checkCredentials(due, this.options.credentialsExpireAt!, now);
  }

  /** W21: asks the database once for every credential due; gone or expired ones close their sockets. */
  private async checkCredentials(due: Map<string, LiveConnection[]>, ask: (ids: string[]) => Promise<Map<string, Date | null>>, now: number): Promise<void> {
    const lives = [...due.values()].flat();
    for (const live of lives) live.checkingCredential = true;
    try {
      const found = await ask([...due.keys()]);
      for (const [credentialId, connections] of due) {
        const expiresAt = found.get(credentialId);
        const ended = expiresAt === undefined || (expiresAt !== null && expiresAt.getTime() <= now);
        for (const live of connections) {
          if (ended) this.closeUnauthorized(live);
          else Object.assign(live, { credentialExpiresAt: expiresAt?.getTime() ?? null, credentialCheckedAt: now });
        }
      }
    } catch (err) {
      // The database away: asked again at the next sweep.
      this.options.log.debug({ err }, 'could not check connection credentials');
    } finally {
      for (const live of lives) live.checkingCredential = false;
    }
  }

  private ping(): void {
    for (const { conn, ws } of this.connections.values()) {
      if (!this.alive.has(ws)) {
        conn.dispose();
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  /** Closes every socket with SERVER_RESTART (clients reconnect), then waits for pending saves. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.pingTimer);
    clearInterval(this.idleTimer);
    for (const { conn } of this.connections.values()) conn.close(CLOSE_CODES.SERVER_RESTART, 'server restarting');
    await Promise.race([this.rooms.whenAllSaved(), new Promise((r) => setTimeout(r, SHUTDOWN_SAVE_WAIT_MS).unref())]);
    this.saveQueue.close();
    await this.rooms.destroyAll();
    await this.cluster?.close();
    this.wss.close();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
