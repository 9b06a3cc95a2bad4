import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SyncMetrics } from './sync/sync-metrics';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The process's Prometheus metrics, served as text at /metrics. One registry per app instance
 * (never prom-client's global one): tests run several instances in one process.
 */
export function createMetrics(options: { processMetrics?: boolean } = {}): { registry: Registry; sync: SyncMetrics } {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'mixroom_' });
  const connections = new Gauge({ name: 'mixroom_sync_connections', help: 'Open sync WebSocket connections', registers: [registry] });
  const rooms = new Gauge({ name: 'mixroom_sync_rooms', help: 'Rooms (live documents) in memory', registers: [registry] });
  const roomLoads = new Counter({ name: 'mixroom_sync_room_loads_total', help: 'Rooms loaded from the database', registers: [registry] });
  const roomUnloads = new Counter({ name: 'mixroom_sync_room_unloads_total', help: 'Rooms unloaded after their last client left', registers: [registry] });
  const accepted = new Counter({ name: 'mixroom_sync_updates_accepted_total', help: 'Document updates the gate accepted', registers: [registry] });
  const rejected = new Counter({
    name: 'mixroom_sync_updates_rejected_total',
    help: 'Document updates the gate refused, by reason',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const bytesIn = new Counter({ name: 'mixroom_sync_bytes_in_total', help: 'Bytes received on sync sockets', registers: [registry] });
  const bytesOut = new Counter({ name: 'mixroom_sync_bytes_out_total', help: 'Bytes sent on sync sockets', registers: [registry] });
  const commit = new Histogram({
    name: 'mixroom_sync_commit_seconds',
    help: 'Time from queueing an update to its database commit',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const commitFailures = new Counter({
    name: 'mixroom_sync_commit_failures_total',
    help: 'Group commits of document updates that failed (database down or refusing); their updates stay queued and are retried',
    registers: [registry],
  });
  const savesFailing = new Gauge({
    name: 'mixroom_sync_saves_failing',
    help: '1 while document updates cannot be committed (the last commit failed; retrying with backoff), else 0',
    registers: [registry],
  });
  const fanout = new Histogram({
    name: 'mixroom_sync_fanout_seconds',
    help: 'Time from receiving an update to handing it to every other socket of the room',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const limits = new Counter({
    name: 'mixroom_sync_limit_exceeded_total',
    help: 'Sockets closed for breaking a limit, by limit',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  const clusterMessages = new Counter({
    name: 'mixroom_cluster_messages_total',
    help: 'Frames exchanged with the other instances over Redis, by direction and type',
    labelNames: ['direction', 'type'] as const,
    registers: [registry],
  });
  const clusterBytes = new Counter({
    name: 'mixroom_cluster_bytes_total',
    help: 'Bytes exchanged with the other instances over Redis, by direction',
    labelNames: ['direction'] as const,
    registers: [registry],
  });
  const clusterPublishFailures = new Counter({
    name: 'mixroom_cluster_publish_failures_total',
    help: 'Frames Redis did not take (down or unreachable); the state-vector exchange heals the gap',
    registers: [registry],
  });
  const clusterHeals = new Counter({
    name: 'mixroom_cluster_heal_total',
    help: 'Gaps seen in other instances\' updates (event=gap) and heal updates applied (event=applied)',
    labelNames: ['event'] as const,
    registers: [registry],
  });
  let readSaveQueue: (() => { bytes: number; full: boolean }) | undefined;
  new Gauge({
    name: 'mixroom_sync_save_queue_bytes',
    help: 'Bytes of the document updates waiting for their database commit (each with its bookkeeping); over the limit new updates are refused',
    registers: [registry],
    collect() {
      if (readSaveQueue) this.set(readSaveQueue().bytes);
    },
  });
  new Gauge({
    name: 'mixroom_sync_save_queue_full',
    help: '1 while the save queue is over its limit and new document updates are refused (4503), else 0',
    registers: [registry],
    collect() {
      if (readSaveQueue) this.set(readSaveQueue().full ? 1 : 0);
    },
  });
  const saveQueueRefusals = new Counter({
    name: 'mixroom_sync_save_queue_refusals_total',
    help: 'Document updates not taken while the save queue was full; each closed its socket with 4503 and the client sends it again',
    registers: [registry],
  });
  const upgradesOnGrace = new Counter({
    name: 'mixroom_sync_upgrades_on_grace_total',
    help: 'Sync upgrades whose authentication failed (database away) admitted on the last successful authentication of their credential (W20)',
    registers: [registry],
  });
  const credentialsEnded = new Counter({
    name: 'mixroom_sync_credential_closes_total',
    help: 'Sync connections closed with 4401 because their session ended or their API token was revoked or expired (W21)',
    registers: [registry],
  });
  const clusterChildren = new Map<string, { messages: { inc(): void }; bytes: { inc(n: number): void } }>();
  return {
    registry,
    sync: {
      clusterMessage: (direction, type, bytes) => {
        // Once per frame: the labelled children are looked up once, not hashed at every frame.
        const key = `${direction} ${type}`;
        let child = clusterChildren.get(key);
        if (!child) {
          child = { messages: clusterMessages.labels(direction, type), bytes: clusterBytes.labels(direction) };
          clusterChildren.set(key, child);
        }
        child.messages.inc();
        child.bytes.inc(bytes);
      },
      clusterPublishFailed: () => clusterPublishFailures.inc(),
      clusterHeal: (event) => clusterHeals.inc({ event }),
      connectionOpened: () => connections.inc(),
      connectionClosed: () => connections.dec(),
      roomLoaded: () => {
        rooms.inc();
        roomLoads.inc();
      },
      roomUnloaded: () => {
        rooms.dec();
        roomUnloads.inc();
      },
      updateAccepted: () => accepted.inc(),
      updateRejected: (code) => rejected.inc({ code }),
      bytesIn: (n) => bytesIn.inc(n),
      bytesOut: (n) => bytesOut.inc(n),
      commitLatency: (s) => commit.observe(s),
      commitFailed: () => commitFailures.inc(),
      savesFailing: (failing) => savesFailing.set(failing ? 1 : 0),
      fanoutLatency: (s) => fanout.observe(s),
      limitExceeded: (limit) => limits.inc({ limit }),
      observeSaveQueue: (read) => {
        readSaveQueue = read;
      },
      saveQueueRefused: () => saveQueueRefusals.inc(),
      upgradeOnGrace: () => upgradesOnGrace.inc(),
      credentialEnded: () => credentialsEnded.inc(),
    },
  };
}
