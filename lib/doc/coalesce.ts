/** Timers the coalescer uses; injected so tests (and workers) control time. */
export interface CoalesceClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: CoalesceClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface CoalesceOptions {
  /**
   * Most writes per second during a continuous gesture. Every write is a document update that
   * the server gates, logs and fans out to every client, so a fader drag must not send one per
   * pointer event.
   * @default 20
   */
  maxWritesPerSec?: number;
  /** @default SYSTEM_CLOCK */
  clock?: CoalesceClock;
}

export const COALESCE_DEFAULTS = { maxWritesPerSec: 20, clock: SYSTEM_CLOCK } satisfies Required<CoalesceOptions>;

export interface Coalescer<T> {
  /** Offers a new value: written now if the last write is old enough, else at the next slot. */
  push(value: T): void;
  /** Writes the pending value now, if any (for example on pointer up). */
  flush(): void;
  /** Writes the pending value, then stops: later pushes are ignored and no timer remains. */
  destroy(): void;
}

/**
 * Limits writes of a continuous control to `maxWritesPerSec`, leading edge first, and always
 * writes the last value pushed, so the document ends where the gesture ended.
 */
export function coalesce<T>(write: (value: T) => void, options: CoalesceOptions = {}): Coalescer<T> {
  const { maxWritesPerSec, clock } = { ...COALESCE_DEFAULTS, ...options };
  const intervalMs = 1000 / maxWritesPerSec;
  let lastWriteAt = -Infinity;
  let pending: { value: T } | null = null;
  let timer: unknown = null;
  let destroyed = false;

  const writeNow = (value: T) => {
    lastWriteAt = clock.now();
    write(value);
  };

  const flush = () => {
    if (timer !== null) {
      clock.clearTimeout(timer);
      timer = null;
    }
    if (pending === null) return;
    const { value } = pending;
    pending = null;
    writeNow(value);
  };

  return {
    push(value) {
      if (destroyed) return;
      const wait = lastWriteAt + intervalMs - clock.now();
      if (wait <= 0 && timer === null) {
        pending = null;
        writeNow(value);
        return;
      }
      pending = { value };
      if (timer === null) timer = clock.setTimeout(flush, Math.max(0, wait));
    },
    flush,
    destroy() {
      if (destroyed) return;
      flush();
      destroyed = true;
    },
  };
}
