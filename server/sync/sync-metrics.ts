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
  /** Seconds from receiving an update to having handed it to every other socket of the room. */
  fanoutLatency(seconds: number): void;
  limitExceeded(limit: string): void;
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
  fanoutLatency() {},
  limitExceeded() {},
};
