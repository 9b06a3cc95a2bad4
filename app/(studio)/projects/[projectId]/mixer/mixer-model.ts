import * as Y from 'yjs';
import {
  canWrite,
  type Coalescer,
  coalesce,
  createTrack,
  deleteTrack,
  ensureRoots,
  type MixSnapshot,
  readMix,
  renameTrack,
  setAssignees,
  setAutomation,
  setBusStripParam,
  setSend,
  setStripParam,
  setTrackField,
  type AutomationParam,
  type AutomationPoint,
  type StripData,
  type StripParam,
} from '../../../../../lib/doc';
import type { ParamValue } from '../../../../../lib/doc/param-path';
import type { Principal } from '../../../../../lib/roles';
import { type ClientRoom, LOCAL_ORIGIN } from '../../../../../lib/sync/client-room';
import { StoreBase } from '../common/store';

/**
 * A strip parameter by its dotted path (`gainDb`, `eq.peak1.freqHz`, `comp.on`, ...), or a send
 * level or pre/post switch as `send:<busId>:levelDb` / `send:<busId>:pre`.
 */
export type StripControl = StripParam | `send:${string}:levelDb` | `send:${string}:pre`;
type StripValue<C extends StripControl> = C extends StripParam ? ParamValue<StripData, C> : C extends `${string}:pre` ? boolean : number;
/** The controls a continuous gesture moves: every numeric one. */
export type ContinuousControl = { [C in StripControl]: StripValue<C> extends number ? C : never }[StripControl];

export interface MixerState {
  mix: MixSnapshot;
  /** Ids of the tracks whose strip the user may write, from the live document's assignments. */
  writable: ReadonlySet<string>;
  /**
   * False until the document has been synced from the server, and again while the room resyncs
   * after a refused edit (the previous mix stays on screen meanwhile, with its controls disabled).
   */
  loaded: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

/** Console colours given to new tracks in turn: distinct on the dark panels. */
export const TRACK_COLORS = ['#ffb224', '#3dd6c6', '#7cc4ff', '#b99bff', '#ff7eb6', '#4ade80', '#ff8a4c', '#e8d44d'] as const;

const key = (trackId: string, control: StripControl) => `t\u0000${trackId}\u0000${control}`;
const busKey = (busId: string, control: BusControl) => `b\u0000${busId}\u0000${control}`;

/** The controls of a bus strip in the console. */
export type BusControl = 'gainDb' | 'pan' | 'mute' | 'solo';

function newTrackId(): string {
  // crypto.randomUUID needs a secure context; getRandomValues works on plain http too.
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The mixer's view of one room: the mix read from the document, who may write which strip, the
 * edits (all through the lib/doc accessors, with LOCAL_ORIGIN) and undo/redo of one's own edits.
 * Follows the room's document across resets: a refused edit makes the room replace its document,
 * and the undo manager, the listeners and the mix are rebuilt on the new one.
 */
export class MixerModel extends StoreBase<MixerState> {
  private doc!: Y.Doc;
  private undoManager!: Y.UndoManager;
  private unbindDoc: () => void = () => {};
  private readonly unsubscribeRoom: () => void;
  private readonly coalescers = new Map<string, Coalescer<number>>();
  private destroyed = false;

  constructor(
    private readonly room: ClientRoom,
    private principal: Principal,
  ) {
    super({ mix: readMix(room.doc), writable: new Set(), loaded: false, canUndo: false, canRedo: false });
    this.bind(room.doc);
    if (room.snapshot.synced) this.refresh(true);
    this.unsubscribeRoom = room.subscribe(() => this.onRoomChange());
  }

  setPrincipal(principal: Principal): void {
    if (principal.userId === this.principal.userId && principal.role === this.principal.role) return;
    this.principal = principal;
    if (this.snapshot.loaded) this.refresh(true);
  }

  get isLead(): boolean {
    return this.principal.role === 'lead';
  }

  // ---- strip controls ----

  /**
   * A value from a continuous gesture (fader or pan drag, a held arrow key): coalesced to at most
   * 20 writes a second, the last value always written. End the gesture with `endGesture`.
   */
  push(trackId: string, control: ContinuousControl, value: number): void {
    if (this.mayWriteStrip(trackId)) this.pushGesture(key(trackId, control), value, (v) => this.writeStrip(trackId, control, v));
  }

  /** Writes what a gesture left pending; the next edit starts a new undo step. */
  endGesture(trackId: string, control: ContinuousControl): void {
    this.endGestureOf(key(trackId, control));
  }

  /** A discrete edit (a toggle, a typed value, a reset): its own undo step. */
  set<C extends StripControl>(trackId: string, control: C, value: StripValue<C>): void {
    if (this.mayWriteStrip(trackId)) this.setOnce(key(trackId, control), () => this.writeStrip(trackId, control, value));
  }

  // ---- bus strips (lead, SPEC P7) ----

  pushBus(busId: string, control: 'gainDb' | 'pan', value: number): void {
    if (this.mayWriteBus()) this.pushGesture(busKey(busId, control), value, (v) => this.writeBus(busId, control, v));
  }

  endBusGesture(busId: string, control: 'gainDb' | 'pan'): void {
    this.endGestureOf(busKey(busId, control));
  }

  setBus<C extends BusControl>(busId: string, control: C, value: C extends 'mute' | 'solo' ? boolean : number): void {
    if (this.mayWriteBus()) this.setOnce(busKey(busId, control), () => this.writeBus(busId, control, value));
  }

  /**
   * Replaces an automation lane (`gainDb`, `pan`, ...) in one undo step; an empty list removes
   * it. Returns an error message (a value out of range, too many points), or null.
   */
  setLane(trackId: string, param: AutomationParam, points: readonly AutomationPoint[]): string | null {
    if (!this.mayWriteStrip(trackId)) return 'You cannot edit this track';
    return this.edit(() => setAutomation(this.doc, trackId, param, points, LOCAL_ORIGIN));
  }

  // ---- track management (lead) ----

  /** Creates a track at the right end; returns an error message, or null when it worked. */
  addTrack(name: string): string | null {
    if (!this.isLead) return 'Only the lead can add tracks';
    const { tracks } = this.snapshot.mix;
    const order = tracks.length === 0 ? 0 : Math.max(...tracks.map((t) => t.order)) + 1;
    const color = TRACK_COLORS[tracks.length % TRACK_COLORS.length];
    return this.edit(() => createTrack(this.doc, newTrackId(), { name, order, color }, LOCAL_ORIGIN));
  }

  renameTrack(trackId: string, name: string): string | null {
    if (!this.isLead) return 'Only the lead can rename tracks';
    return this.edit(() => renameTrack(this.doc, trackId, name, LOCAL_ORIGIN));
  }

  deleteTrack(trackId: string): string | null {
    if (!this.isLead) return 'Only the lead can delete tracks';
    return this.edit(() => deleteTrack(this.doc, trackId, LOCAL_ORIGIN));
  }

  setAssignees(trackId: string, userIds: readonly string[]): string | null {
    if (!this.isLead) return 'Only the lead can assign tracks';
    return this.edit(() => setAssignees(this.doc, trackId, userIds, LOCAL_ORIGIN));
  }

  /**
   * Moves a track one place left (-1) or right (+1). Renumbers every track whose `order` is not
   * its index, in one transaction (one undo step): equal orders (ties broken by id) cannot be
   * swapped otherwise.
   */
  moveTrack(trackId: string, delta: -1 | 1): string | null {
    if (!this.isLead) return 'Only the lead can reorder tracks';
    const ids = this.snapshot.mix.tracks.map((t) => t.id);
    const from = ids.indexOf(trackId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return null;
    [ids[from], ids[to]] = [ids[to], ids[from]];
    const orders = new Map(this.snapshot.mix.tracks.map((t) => [t.id, t.order]));
    return this.edit(() =>
      this.doc.transact(() => {
        ids.forEach((id, index) => {
          if (orders.get(id) !== index) setTrackField(this.doc, id, 'order', index, LOCAL_ORIGIN);
        });
      }, LOCAL_ORIGIN),
    );
  }

  // ---- undo ----

  undo(): void {
    if (!this.snapshot.loaded) return;
    this.flushAll();
    this.undoManager.undo();
  }

  redo(): void {
    if (!this.snapshot.loaded) return;
    this.flushAll();
    this.undoManager.redo();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    // Pending gesture values are dropped: the room (and its socket) is going away with us.
    this.coalescers.clear();
    this.unsubscribeRoom();
    this.unbindDoc();
    this.closeStore();
  }

  // ---- internals ----

  private pushGesture(gestureKey: string, value: number, write: (v: number) => void): void {
    let coalescer = this.coalescers.get(gestureKey);
    if (!coalescer) {
      coalescer = coalesce<number>(write);
      this.coalescers.set(gestureKey, coalescer);
    }
    coalescer.push(value);
  }

  private endGestureOf(gestureKey: string): void {
    this.coalescers.get(gestureKey)?.flush();
    this.undoManager.stopCapturing();
  }

  private setOnce(gestureKey: string, write: () => void): void {
    this.coalescers.get(gestureKey)?.flush();
    this.undoManager.stopCapturing();
    write();
    this.undoManager.stopCapturing();
  }

  private mayWriteBus(): boolean {
    return !this.destroyed && this.snapshot.loaded && this.isLead;
  }

  private writeBus(busId: string, control: BusControl, value: number | boolean): void {
    if (this.destroyed || !this.snapshot.loaded) return;
    this.edit(() => setBusStripParam(this.doc, busId, control, value as never, LOCAL_ORIGIN), false);
  }

  private mayWriteStrip(trackId: string): boolean {
    return !this.destroyed && this.snapshot.loaded && this.snapshot.writable.has(trackId);
  }

  private writeStrip(trackId: string, control: StripControl, value: number | boolean | string): void {
    if (this.destroyed || !this.snapshot.loaded) return;
    // The track may have been deleted by the lead a moment ago: then there is nothing to write.
    const send = /^send:(.+):(levelDb|pre)$/.exec(control);
    if (send) this.edit(() => setSend(this.doc, trackId, send[1], { [send[2]]: value }, LOCAL_ORIGIN), false);
    else this.edit(() => setStripParam(this.doc, trackId, control as StripParam, value as never, LOCAL_ORIGIN), false);
  }

  /**
   * Runs one edit, catching what the accessors throw (a name out of range, a track deleted a
   * moment ago). Each edit is its own undo step unless it continues a gesture.
   */
  private edit(run: () => void, separateUndoStep = true): string | null {
    if (this.destroyed || !this.snapshot.loaded) return 'The mix is not loaded yet';
    try {
      if (separateUndoStep) this.undoManager.stopCapturing();
      run();
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : 'The edit failed';
    }
  }

  private flushAll(): void {
    for (const c of this.coalescers.values()) c.flush();
  }

  private bind(doc: Y.Doc): void {
    this.unbindDoc();
    this.doc = doc;
    const roots = ensureRoots(doc);
    const undoManager = new Y.UndoManager([roots.meta, roots.tracks, roots.buses, roots.master], {
      trackedOrigins: new Set([LOCAL_ORIGIN]),
    });
    this.undoManager = undoManager;
    const onUpdate = () => this.refresh(true);
    const onStack = () => this.refresh(false);
    doc.on('update', onUpdate);
    undoManager.on('stack-item-added', onStack);
    undoManager.on('stack-item-popped', onStack);
    undoManager.on('stack-cleared', onStack);
    // Gesture values pending for the old document belong to the state the server refused.
    this.coalescers.clear();
    this.unbindDoc = () => {
      doc.off('update', onUpdate);
      undoManager.destroy();
    };
  }

  private onRoomChange(): void {
    if (this.destroyed) return;
    if (this.room.doc !== this.doc) {
      this.bind(this.room.doc);
      this.setSnapshot({ ...this.snapshot, loaded: false, canUndo: false, canRedo: false });
    }
    // A document that is empty on the server syncs without any update event.
    if (!this.snapshot.loaded && this.room.snapshot.synced) this.refresh(true);
  }

  /** Re-reads the mix (`reread`), or only the undo state, and tells the subscribers. */
  private refresh(reread: boolean): void {
    if (this.destroyed) return;
    const base = reread ? this.read() : this.snapshot;
    this.setSnapshot({ ...base, canUndo: this.undoManager.canUndo(), canRedo: this.undoManager.canRedo() });
  }

  private read(): MixerState {
    const mix = readMix(this.doc);
    const writable = new Set<string>();
    for (const track of mix.tracks) {
      if (canWrite(this.principal, ['tracks', track.id, 'strip', 'gainDb'], this.doc)) writable.add(track.id);
    }
    return { ...this.snapshot, mix, writable, loaded: true };
  }
}
