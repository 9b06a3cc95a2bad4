import type { Logger } from '../log';
import type { DocStore } from './doc-store';
import { Room, type RoomOptions, type RoomPeers } from './room';
import type { SaveQueue } from './save-queue';
import { NO_METRICS, type SyncMetrics } from './sync-metrics';

export interface RoomRegistryOptions {
  store: DocStore;
  saveQueue: SaveQueue;
  log: Logger;
  compactAfterUpdates?: number;
  metrics?: SyncMetrics;
  onChanges?: RoomOptions['onChanges'];
  gate?: RoomOptions['gate'];
  /** The other instances (with REDIS_URL), told of every room this one loads and unloads. */
  peers?: RoomPeers & { roomLoaded(room: Room): void; roomUnloaded(projectId: string): void };
}

/**
 * Rooms by project id. Loading is single-flight (one promise per project, shared by everyone who
 * asks meanwhile); a failed load is forgotten, never cached as an empty document; a room is
 * unloaded only when nobody holds it and everything it emitted is saved.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly holders = new Map<string, number>();
  private readonly loadedRooms = new Map<string, Room>();

  constructor(private readonly options: RoomRegistryOptions) {}

  get size(): number {
    return this.rooms.size;
  }

  /** The room when it is loaded, at once (no load is started). */
  loaded(projectId: string): Room | undefined {
    return this.loadedRooms.get(projectId);
  }

  allLoaded(): Iterable<Room> {
    return this.loadedRooms.values();
  }

  /** The loaded room, if any (no load is started). */
  async peek(projectId: string): Promise<Room | undefined> {
    return this.rooms.get(projectId)?.catch(() => undefined);
  }

  /** Loads (or shares the loading of) the room and counts the caller as a holder until `release`. */
  async acquire(projectId: string): Promise<Room> {
    this.holders.set(projectId, (this.holders.get(projectId) ?? 0) + 1);
    try {
      let loading = this.rooms.get(projectId);
      if (!loading) {
        loading = this.load(projectId);
        this.rooms.set(projectId, loading);
        loading.catch(() => {
          if (this.rooms.get(projectId) === loading) this.rooms.delete(projectId);
        });
      }
      return await loading;
    } catch (err) {
      this.release(projectId);
      throw err;
    }
  }

  release(projectId: string): void {
    const left = (this.holders.get(projectId) ?? 1) - 1;
    if (left > 0) {
      this.holders.set(projectId, left);
      return;
    }
    this.holders.delete(projectId);
    void this.maybeUnload(projectId);
  }

  private async load(projectId: string): Promise<Room> {
    const loaded = await this.options.store.load(projectId);
    (this.options.metrics ?? NO_METRICS).roomLoaded();
    const room = new Room({
      projectId,
      loaded,
      saveQueue: this.options.saveQueue,
      log: this.options.log,
      compact: (state, upTo, options) => this.options.store.compact(projectId, state, upTo, options),
      compactAfterUpdates: this.options.compactAfterUpdates,
      metrics: this.options.metrics,
      onChanges: this.options.onChanges,
      gate: this.options.gate,
      peers: this.options.peers,
    });
    this.loadedRooms.set(projectId, room);
    this.options.peers?.roomLoaded(room);
    return room;
  }

  private async maybeUnload(projectId: string): Promise<void> {
    const loading = this.rooms.get(projectId);
    if (!loading) return;
    const room = await loading.catch(() => undefined);
    if (!room) return;
    // Wait for saves and a final compaction; anyone who comes back meanwhile keeps the room.
    for (;;) {
      await room.whenSaved();
      if (this.holders.has(projectId)) return;
      await room.maybeCompact(1);
      if (this.holders.has(projectId)) return;
      if (room.saved) break;
    }
    if (this.rooms.get(projectId) !== loading) return;
    this.rooms.delete(projectId);
    this.loadedRooms.delete(projectId);
    this.options.peers?.roomUnloaded(projectId);
    room.destroy();
    (this.options.metrics ?? NO_METRICS).roomUnloaded();
  }

  /** Waits until every room's updates are committed (bounded by the caller). */
  async whenAllSaved(): Promise<void> {
    const rooms = await Promise.all([...this.rooms.values()].map((p) => p.catch(() => undefined)));
    await Promise.all(rooms.map((r) => r?.whenSaved()));
  }

  async destroyAll(): Promise<void> {
    const rooms = await Promise.all([...this.rooms.values()].map((p) => p.catch(() => undefined)));
    this.rooms.clear();
    this.holders.clear();
    this.loadedRooms.clear();
    for (const room of rooms) {
      if (!room) continue;
      this.options.peers?.roomUnloaded(room.projectId);
      room.destroy();
      (this.options.metrics ?? NO_METRICS).roomUnloaded();
    }
  }
}
