/**
 * The stem PCM a page has handed to its audio engine, by id (the stems and their pitch-corrected
 * copies alike), held under one limit: what does not fit is refused instead of crashing the tab.
 */
export class PcmBudget {
  private readonly held = new Map<string, number>();

  constructor(readonly limitBytes: number) {}

  get usedBytes(): number {
    let sum = 0;
    for (const bytes of this.held.values()) sum += bytes;
    return sum;
  }

  has(id: string): boolean {
    return this.held.has(id);
  }

  /** Counts `bytes` for `id` (replacing what it held) if they fit under the limit; false, counting nothing, if not. */
  admit(id: string, bytes: number): boolean {
    if (this.usedBytes - (this.held.get(id) ?? 0) + bytes > this.limitBytes) return false;
    this.held.set(id, bytes);
    return true;
  }

  /** Frees `id`; true if it was held (the engine then has to drop it too). */
  release(id: string): boolean {
    return this.held.delete(id);
  }

  /** Frees every id `keep` says no to. */
  retain(keep: (id: string) => boolean): void {
    for (const id of [...this.held.keys()]) if (!keep(id)) this.held.delete(id);
  }

  /** Why something was refused, for the person at the page. */
  refusal(what: string): string {
    return `${what} would take more than ${(this.limitBytes / 1024 ** 3).toFixed(0)} GiB in this tab, so it is not played here`;
  }
}
