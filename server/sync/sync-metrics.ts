/** What the sync server reports; server/metrics.ts implements it with Prometheus metrics. */
export interface SyncMetrics {
  connectionOpened(): void;
  connectionClosed(): void;
  roomLoaded(): void;
  roomUnloaded(): void;
  updateAccepted(): void;
  updateRejected(code: string): void;
  bytesIn(bytes: number): void;
  bytesOut(bytes: number): void;
  /** Seconds from queueing an update to its database commit. */
  commitLatency(seconds: number): void;
  /** A group commit failed (the database refused it or is away); its updates stay queued and are retried. */
  commitFailed(): void;
  /** Commits started failing (true), or one succeeded again (false). */
  savesFailing(failing: boolean): void;
  /** Seconds from receiving an update to having handed it to every other socket of the room. */
  fanoutLatency(seconds: number): void;
  limitExceeded(limit: string): void;
  /** Reads the bytes waiting in the save queue, at each scrape (W19). */
  observeSaveQueue(read: () => { bytes: number; full: boolean }): void;
  /** An update not taken because the save queue was full; its socket was closed with 4503 (W19). */
  saveQueueRefused(): void;
  /** An upgrade whose authentication failed was admitted on a remembered decision (W20). */
  upgradeOnGrace(): void;
  /** A connection closed with 4401: its session ended or its API token was revoked or expired (W21). */
  credentialEnded(): void;
  /** A frame published to (`out`) or received from (`in`) the other instances, by type (C1). */
  clusterMessage(direction: 'in' | 'out', type: string, bytes: number): void;
  /** A publish that Redis did not take (down or unreachable); the heal covers it (C5). */
  clusterPublishFailed(): void;
  /** A gap seen in another instance's updates (C3), or a heal update applied (C5). */
  clusterHeal(event: 'gap' | 'applied'): void;
}

export const NO_METRICS: SyncMetrics = {
  connectionOpened() {},
  connectionClosed() {},
  roomLoaded() {},
  roomUnloaded() {},
  updateAccepted() {},
  updateRejected() {},
  bytesIn() {},
  bytesOut() {},
  commitLatency() {},
  commitFailed() {},
  savesFailing() {},
  fanoutLatency() {},
  limitExceeded() {},
  observeSaveQueue() {},
  saveQueueRefused() {},
  upgradeOnGrace() {},
  credentialEnded() {},
  clusterMessage() {},
  clusterPublishFailed() {},
  clusterHeal() {},
};
