/**
 * Stem rows of this process between their insert and their document edit. A collection keeps every
 * id that was in flight at any moment while it ran, not only those in flight when it looked: it
 * reads the tracks first and deletes later, and an upload that inserts, edits and finishes in
 * between is in neither its read nor the set at its delete.
 */
export class StemsInFlight {
  private readonly ids = new Set<string>();
  private readonly watchers = new Set<Set<string>>();

  add(id: string): void {
    this.ids.add(id);
    for (const seen of this.watchers) seen.add(id);
  }

  delete(id: string): void {
    this.ids.delete(id);
  }

  /** Runs `collect` with the ids in flight now and every id that goes in flight before it ends. */
  async during<T>(collect: (seen: ReadonlySet<string>) => Promise<T>): Promise<T> {
    const seen = new Set(this.ids);
    this.watchers.add(seen);
    try {
      return await collect(seen);
    } finally {
      this.watchers.delete(seen);
    }
  }
}
