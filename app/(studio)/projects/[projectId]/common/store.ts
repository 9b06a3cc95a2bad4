/**
 * The one shape of the studio's client models (the room, the mixer, presence, uploads, playback):
 * an immutable `snapshot`, replaced (never changed in place) on every change, and `subscribe`,
 * whose listeners are told after each replacement. React reads it with `useStore`; the owner of a
 * model creates and destroys it with `useOwned`.
 */
export interface Store<S> {
  readonly snapshot: S;
  subscribe(listener: () => void): () => void;
}

/** What `useOwned` can own: whatever holds timers, listeners, sockets or audio nodes. */
export interface Destroyable {
  destroy(): void;
}

/**
 * The bookkeeping every client model shares: the current snapshot, the listeners, and telling them.
 * A subclass replaces the snapshot with `setSnapshot` and calls `closeStore` from its `destroy`.
 */
export abstract class StoreBase<S> implements Store<S>, Destroyable {
  private current: S;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  protected constructor(initial: S) {
    this.current = initial;
  }

  get snapshot(): S {
    return this.current;
  }

  /** Bound, so that it can be passed around as a function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    if (this.closed) return () => {};
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  abstract destroy(): void;

  /** Replaces the snapshot and tells the listeners; the same snapshot again tells nobody. */
  protected setSnapshot(next: S): void {
    if (this.closed || Object.is(next, this.current)) return;
    this.current = next;
    this.emit();
  }

  /** Tells the listeners without a new snapshot (something they read besides it moved). */
  protected emit(): void {
    if (this.closed) return;
    for (const listener of [...this.listeners]) listener();
  }

  /** Drops the listeners; later changes tell nobody. */
  protected closeStore(): void {
    this.closed = true;
    this.listeners.clear();
  }
}
