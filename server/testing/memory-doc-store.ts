import type { DocStore, DocUpdateRecord, LoadedDoc } from '../sync/doc-store';

/** An in-memory DocStore whose failures and delays the test controls. Test-only. */
export class MemoryDocStore implements DocStore {
  rows: Array<DocUpdateRecord & { id: number }> = [];
  snapshots = new Map<string, { state: Uint8Array; upToId: number }>();
  loads = 0;
  /** The next this many loads fail. */
  failLoads = 0;
  /** The next this many appends fail. */
  failAppends = 0;
  /** While true, every append fails, as with the database away. */
  down = false;
  appendGate: Promise<void> = Promise.resolve();

  async load(projectId: string): Promise<LoadedDoc> {
    this.loads++;
    await new Promise((r) => setTimeout(r, 5));
    if (this.failLoads > 0) {
      this.failLoads--;
      throw new Error('database unavailable');
    }
    const snap = this.snapshots.get(projectId);
    const rows = this.rows.filter((r) => r.projectId === projectId && r.id > (snap?.upToId ?? 0));
    return { updates: [...(snap ? [snap.state] : []), ...rows.map((r) => r.update)], lastId: rows.at(-1)?.id ?? snap?.upToId ?? 0, sinceSnapshot: rows.length, owners: new Map() };
  }

  async append(records: DocUpdateRecord[]): Promise<number[]> {
    await this.appendGate;
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    if (this.failAppends > 0) {
      this.failAppends--;
      throw new Error('write failed');
    }
    return records.map((r) => {
      const id = this.rows.length + 1;
      this.rows.push({ ...r, id });
      return id;
    });
  }

  async compact(projectId: string, state: Uint8Array, upToId: number): Promise<void> {
    this.snapshots.set(projectId, { state, upToId });
  }

  async findDeletedReferences() {
    return { projectGone: false, missingUserIds: [] };
  }
}
