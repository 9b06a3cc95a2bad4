import * as Y from 'yjs';
import {
  type AutomationParam,
  type AutomationPoint,
  type Coalescer,
  type CoalesceOptions,
  checkWrite,
  coalesce,
  addInsert,
  type BusKind,
  createBus,
  createTrack,
  deleteBus,
  deleteTrack,
  type InsertKind,
  removeInsert,
  renameBus,
  reorderInserts,
  orderedInserts,
  setBusOrder,
  type StripOwner,
  ensureRoots,
  type MixSnapshot,
  type PathSegments,
  readMix,
  renameTrack,
  REVIEW_STATES,
  type ReviewState,
  setAssignees,
  setReviewDecision,
  setReviewState,
  setAutomation,
  setTrackField,
  type WriteDecision,
} from '../../../../../lib/doc';
import type { Principal } from '../../../../../lib/roles';
import { type ClientRoom, LOCAL_ORIGIN } from '../../../../../lib/sync/client-room';
import { displayNames } from '../common/display-names';
import { shareEqual } from '../common/share-equal';
import { StoreBase } from '../common/store';
import {
  type AnyTarget,
  type BusTarget,
  busPlace,
  type MasterTarget,
  masterPlace,
  REPRESENTATIVE_PARAM,
  type TargetKind,
  type TargetPlace,
  type TrackTarget,
  trackPlace,
} from './mix-target';
import { readOnlyReason, refusedText } from './permission-text';

/**
 * Why the user may not write each part of the mix; a part that is missing from a map (and a null)
 * is writable. Read from this client's copy of the document with `checkWrite`, the rules the
 * server's gate applies (lib/doc/SPEC.md P1-P8), and again after every change of the document
 * (an assignment) or of the user's role.
 */
export interface MixerAccess {
  /** Each track's strip and automation, by track id. */
  tracks: ReadonlyMap<string, string>;
  /** Each bus's strip, by bus id. */
  buses: ReadonlyMap<string, string>;
  master: string | null;
  /** The track list: adding, renaming, deleting, assigning and reordering tracks, new stems. */
  trackList: string | null;
}

export interface MixerState {
  mix: MixSnapshot;
  readOnly: MixerAccess;
  /**
   * False until the document has been synced from the server, and again while the room resyncs
   * after a refused edit (the previous mix stays on screen meanwhile, with its controls disabled).
   */
  loaded: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

/** Why `target` is read-only for the user now, or null when they may write it (and the mix is loaded). */
export function readOnlyOf(state: MixerState, target: { kind: TargetKind; id: string }): string | null {
  switch (target.kind) {
    case 'track':
      return state.readOnly.tracks.get(target.id) ?? null;
    case 'bus':
      return state.readOnly.buses.get(target.id) ?? null;
    case 'master':
      return state.readOnly.master;
  }
}

/** The user may write the strip of this track now: the mix is loaded and the rules allow it. */
export function mayWriteTrack(state: MixerState, trackId: string): boolean {
  return state.loaded && !state.readOnly.tracks.has(trackId);
}

/** The user may change the track list (the lead): add, rename, delete, assign, reorder, upload new stems. */
export function mayManageTracks(state: MixerState): boolean {
  return state.readOnly.trackList === null;
}

/** The user may add, rename, move and delete buses (the lead, SPEC P7). */
export function mayManageBuses(state: MixerState): boolean {
  return state.loaded && state.readOnly.trackList === null;
}

/** Names of the bus kinds as the console shows them. */
export const BUS_KIND_NAMES: Record<BusKind, string> = { reverb: 'Reverb', delay: 'Delay', group: 'Group' };

export interface MixerModelOptions {
  /**
   * How continuous gestures are thinned out before they reach the document (SPEC R3); tests pass
   * a clock they control.
   * @default lib/doc's COALESCE_DEFAULTS: 20 writes a second, the system clock
   */
  coalesce?: CoalesceOptions;
  /** A mastering-only project: its one track, the stereo mix, is its only one (SPEC M1). @default false */
  masteringOnly?: boolean;
}

/** Why the track list of a mastering-only project is fixed (SPEC M1), as the UI says it. */
export const MASTERING_ONLY_TRACKS = 'A mastering-only project has one source, its stereo mix: to change it, drop a new mix onto its track.';

/** Console colours given to new tracks in turn: distinct on the dark panels. */
export const TRACK_COLORS = ['#ffb224', '#3dd6c6', '#7cc4ff', '#b99bff', '#ff7eb6', '#4ade80', '#ff8a4c', '#e8d44d'] as const;

const TRACK_LIST: PathSegments = ['tracks'];

function unitOf(owner: StripOwner): PathSegments {
  return owner.kind === 'track' ? ['tracks', owner.id] : ['buses', owner.id];
}

function newTrackId(): string {
  // crypto.randomUUID needs a secure context; getRandomValues works on plain http too.
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The mixer's view of one room: the mix read from the document, what the user may write, the
 * edits (all through the lib/doc accessors, with LOCAL_ORIGIN) and undo/redo of one's own edits.
 * Edits are addressed by target (`track(id)`, `bus(id)`, `master()`), each with the same gestures
 * and undo. Follows the room's document across resets: a refused edit makes the room replace its
 * document, and the undo manager, the listeners and the mix are rebuilt on the new one.
 */
export class MixerModel extends StoreBase<MixerState> {
  private doc!: Y.Doc;
  private undoManager!: Y.UndoManager;
  private unbindDoc: () => void = () => {};
  private readonly unsubscribeRoom: () => void;
  private readonly coalescers = new Map<string, Coalescer<number>>();
  /** One target per place, so that components can hold them as stable props. */
  private readonly targets = new Map<string, AnyTarget>();
  private destroyed = false;

  constructor(
    private readonly room: ClientRoom,
    private principal: Principal,
    private readonly options: MixerModelOptions = {},
  ) {
    const mix = displayNames(readMix(room.doc));
    super({ mix, readOnly: { tracks: new Map(), buses: new Map(), master: null, trackList: null }, loaded: false, canUndo: false, canRedo: false });
    this.bind(room.doc);
    this.setSnapshot({ ...this.snapshot, readOnly: this.access(mix) });
    if (room.snapshot.synced) this.refresh(true);
    this.unsubscribeRoom = room.subscribe(() => this.onRoomChange());
  }

  setPrincipal(principal: Principal): void {
    if (principal.userId === this.principal.userId && principal.role === this.principal.role) return;
    this.principal = principal;
    if (this.snapshot.loaded) this.refresh(true);
    else this.setSnapshot({ ...this.snapshot, readOnly: this.access(this.snapshot.mix) });
  }

  // ---- targets ----

  track(id: string): TrackTarget {
    return this.target(`track\u0000${id}`, () => ({ ...this.paramTarget(trackPlace(id)), kind: 'track', setLane: (param, points) => this.setLane(id, param, points) }));
  }

  bus(id: string): BusTarget {
    return this.target(`bus\u0000${id}`, () => ({ ...this.paramTarget(busPlace(id)), kind: 'bus' }));
  }

  master(): MasterTarget {
    return this.target('master', () => ({ ...this.paramTarget(masterPlace()), kind: 'master' }));
  }

  // ---- permissions ----

  /**
   * Whether the user may write `path` now: lib/doc's `checkWrite` (the rules the server's gate
   * applies) on this copy of the document. Every permission the mixer shows or enforces comes
   * from here.
   */
  decide(path: PathSegments): WriteDecision {
    return checkWrite(this.principal, path, this.doc, { kind: 'set' });
  }

  // ---- track management (the lead, SPEC P7) ----

  /** Creates a track at the right end; returns an error message, or null when it worked. */
  addTrack(name: string): string | null {
    if (this.options.masteringOnly) return MASTERING_ONLY_TRACKS;
    const refused = refusedText(this.decide(TRACK_LIST), 'add tracks');
    if (refused) return refused;
    const { tracks } = this.snapshot.mix;
    const order = tracks.length === 0 ? 0 : Math.max(...tracks.map((t) => t.order)) + 1;
    const color = TRACK_COLORS[tracks.length % TRACK_COLORS.length];
    return this.edit(() => createTrack(this.doc, newTrackId(), { name, order, color }, LOCAL_ORIGIN));
  }

  renameTrack(trackId: string, name: string): string | null {
    return refusedText(this.decide(['tracks', trackId, 'name']), 'rename tracks') ?? this.edit(() => renameTrack(this.doc, trackId, name, LOCAL_ORIGIN));
  }

  deleteTrack(trackId: string): string | null {
    if (this.options.masteringOnly) return MASTERING_ONLY_TRACKS;
    return refusedText(this.decide(['tracks', trackId]), 'delete tracks') ?? this.edit(() => deleteTrack(this.doc, trackId, LOCAL_ORIGIN));
  }

  setAssignees(trackId: string, userIds: readonly string[]): string | null {
    return (
      refusedText(this.decide(['tracks', trackId, 'assignees']), 'assign tracks') ?? this.edit(() => setAssignees(this.doc, trackId, userIds, LOCAL_ORIGIN))
    );
  }

  /**
   * Moves a track one place left (-1) or right (+1). Renumbers every track whose `order` is not
   * its index, in one transaction (one undo step): equal orders (ties broken by id) cannot be
   * swapped otherwise.
   */
  moveTrack(trackId: string, delta: -1 | 1): string | null {
    const refused = refusedText(this.decide(['tracks', trackId, 'order']), 'reorder tracks');
    if (refused) return refused;
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

  // ---- buses (the lead, SPEC P7) ----

  /** Creates a bus at the right end of the buses; returns an error message, or null when it worked. */
  addBus(kind: BusKind, name: string): string | null {
    const refused = refusedText(this.decide(['buses', 'new']), 'add buses');
    if (refused) return refused;
    const { buses } = this.snapshot.mix;
    const order = buses.length === 0 ? 0 : Math.max(...buses.map((b) => b.order)) + 1;
    return this.edit(() => createBus(this.doc, newTrackId(), { name, kind, order }, LOCAL_ORIGIN));
  }

  renameBus(busId: string, name: string): string | null {
    return refusedText(this.decide(['buses', busId, 'name']), 'rename buses') ?? this.edit(() => renameBus(this.doc, busId, name, LOCAL_ORIGIN));
  }

  /** Deletes a bus with every send to it and every output routed to it, in one undo step (SPEC L21). */
  deleteBus(busId: string): string | null {
    return refusedText(this.decide(['buses', busId]), 'delete buses') ?? this.edit(() => deleteBus(this.doc, busId, LOCAL_ORIGIN));
  }

  /** Moves a bus one place left (-1) or right (+1), renumbering as `moveTrack` does. */
  moveBus(busId: string, delta: -1 | 1): string | null {
    const refused = refusedText(this.decide(['buses', busId, 'order']), 'reorder buses');
    if (refused) return refused;
    const ids = this.snapshot.mix.buses.map((b) => b.id);
    const from = ids.indexOf(busId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return null;
    [ids[from], ids[to]] = [ids[to], ids[from]];
    const orders = new Map(this.snapshot.mix.buses.map((b) => [b.id, b.order]));
    return this.edit(() =>
      this.doc.transact(() => ids.forEach((id, index) => orders.get(id) !== index && setBusOrder(this.doc, id, index, LOCAL_ORIGIN)), LOCAL_ORIGIN),
    );
  }

  // ---- inserts (a track's assigned mixer or the lead; bus inserts the lead, SPEC P3, P7) ----

  /** Adds an insert at the end of a strip's list; returns its id, or an error message. */
  addInsert(owner: StripOwner, kind: InsertKind): { id: string } | { error: string } {
    const id = newTrackId();
    const refused = this.insertRefusal(owner, [...unitOf(owner), 'strip', 'inserts', id]);
    if (refused) return { error: refused };
    const error = this.edit(() => addInsert(this.doc, owner, id, { kind }, LOCAL_ORIGIN));
    return error ? { error } : { id };
  }

  removeInsert(owner: StripOwner, insertId: string): string | null {
    const refused = this.insertRefusal(owner, [...unitOf(owner), 'strip', 'inserts', insertId]);
    return refused ?? this.edit(() => removeInsert(this.doc, owner, insertId, LOCAL_ORIGIN));
  }

  /** Moves an insert one place up (-1) or down (+1) in its list, in one undo step. */
  moveInsert(owner: StripOwner, insertId: string, delta: -1 | 1): string | null {
    const refused = this.insertRefusal(owner, [...unitOf(owner), 'strip', 'inserts', insertId, 'order']);
    if (refused) return refused;
    const mix = this.snapshot.mix;
    const strip = owner.kind === 'track' ? mix.tracks.find((t) => t.id === owner.id)?.strip : mix.buses.find((b) => b.id === owner.id)?.strip;
    const ids = orderedInserts(strip?.inserts ?? {}).map((i) => i.id);
    const from = ids.indexOf(insertId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return null;
    [ids[from], ids[to]] = [ids[to], ids[from]];
    return this.edit(() => reorderInserts(this.doc, owner, ids, LOCAL_ORIGIN));
  }

  /** Why the user may not change this strip's insert list (the strip's own read-only reason), or null. */
  private insertRefusal(owner: StripOwner, path: PathSegments): string | null {
    const mix = this.snapshot.mix;
    const name = (owner.kind === 'track' ? mix.tracks.find((t) => t.id === owner.id)?.name : mix.buses.find((b) => b.id === owner.id)?.name) ?? owner.id;
    return readOnlyReason(this.decide(path), { kind: owner.kind, name });
  }

  // ---- a track's review (SPEC P4) ----

  /**
   * The review states the user may give a track now, and whether they may write its note: a mixer
   * marks an assigned track ready (or back in progress); the lead approves it or requests changes
   * with a note. Read from `checkWrite` with each value, as the gate judges it.
   */
  reviewChoices(trackId: string): { states: ReviewState[]; note: boolean } {
    const path: PathSegments = ['tracks', trackId, 'review', 'state'];
    const states = Object.values(REVIEW_STATES).filter((state) => checkWrite(this.principal, path, this.doc, { kind: 'set', value: state }).allowed);
    return { states, note: this.decide(['tracks', trackId, 'review', 'note']).allowed };
  }

  /**
   * Sets a track's review state; with a note (the lead's decision), the note too, in one undo
   * step. Returns an error message, or null when it worked.
   */
  setTrackReview(trackId: string, state: ReviewState, note?: string): string | null {
    const choices = this.reviewChoices(trackId);
    if (!choices.states.includes(state) || (note !== undefined && !choices.note)) return 'You may not give this track that review state';
    return this.edit(() => (note === undefined ? setReviewState(this.doc, trackId, state, LOCAL_ORIGIN) : setReviewDecision(this.doc, trackId, state, note, LOCAL_ORIGIN)));
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

  private target<T extends AnyTarget>(key: string, make: () => T): T {
    let target = this.targets.get(key);
    if (!target) {
      target = make();
      this.targets.set(key, target);
    }
    return target as T;
  }

  /** Push, end-gesture and set of one place: the same gestures and undo steps for every kind. */
  private paramTarget(place: TargetPlace) {
    const gesture = (param: string) => `${place.kind}\u0000${place.id}\u0000${param}`;
    const write = (param: string, value: unknown) => {
      // The track may have been deleted by the lead a moment ago: `edit` catches the accessor's error.
      if (!this.destroyed && this.snapshot.loaded) this.edit(() => place.write(this.doc, param, value, LOCAL_ORIGIN), false);
    };
    return {
      id: place.id,
      pathOf: (param: string) => place.pathOf(param),
      push: (param: string, value: number) => {
        if (this.mayWrite(place.pathOf(param))) this.pushGesture(gesture(param), value, (v) => write(param, v));
      },
      endGesture: (param: string) => this.endGestureOf(gesture(param)),
      set: (param: string, value: unknown) => {
        if (this.mayWrite(place.pathOf(param))) this.setOnce(gesture(param), () => write(param, value));
      },
      setMany: (values: Record<string, unknown>) => {
        const entries = Object.entries(values).filter(([, v]) => v !== undefined);
        if (entries.length === 0 || !entries.every(([param]) => this.mayWrite(place.pathOf(param)))) return;
        for (const [param] of entries) this.coalescers.get(gesture(param))?.flush();
        this.undoManager.stopCapturing();
        this.edit(() => this.doc.transact(() => entries.forEach(([param, value]) => place.write(this.doc, param, value, LOCAL_ORIGIN)), LOCAL_ORIGIN), false);
        this.undoManager.stopCapturing();
      },
    };
  }

  private setLane(trackId: string, param: AutomationParam, points: readonly AutomationPoint[]): string | null {
    const decision = this.decide(['tracks', trackId, 'automation', param]);
    const name = this.snapshot.mix.tracks.find((t) => t.id === trackId)?.name ?? trackId;
    const refused = readOnlyReason(decision, { kind: 'track', name });
    if (refused) return refused;
    return this.edit(() => setAutomation(this.doc, trackId, param, points, LOCAL_ORIGIN));
  }

  private mayWrite(path: PathSegments): boolean {
    return !this.destroyed && this.snapshot.loaded && this.decide(path).allowed;
  }

  private pushGesture(gestureKey: string, value: number, write: (v: number) => void): void {
    let coalescer = this.coalescers.get(gestureKey);
    if (!coalescer) {
      // A value still pending when the document is replaced (a refused edit, a reset) or the model
      // destroyed belongs to the old state: its timer must not write it into the new one.
      const doc = this.doc;
      coalescer = coalesce<number>((v) => {
        if (this.doc === doc && !this.destroyed) write(v);
      }, this.options.coalesce);
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
    // What did not change keeps its identity: a strip renders only when its own track changed.
    const mix = shareEqual(this.snapshot.mix, displayNames(readMix(this.doc)));
    // Targets of tracks and buses that are gone are not kept for ever.
    for (const [key, target] of this.targets) {
      if ((target.kind === 'track' && !mix.tracks.some((t) => t.id === target.id)) || (target.kind === 'bus' && !mix.buses.some((b) => b.id === target.id))) {
        this.targets.delete(key);
      }
    }
    return { ...this.snapshot, mix, readOnly: this.access(mix), loaded: true };
  }

  /** What the user may not write in `mix`, and why (see `MixerAccess`). */
  private access(mix: MixSnapshot): MixerAccess {
    const reason = (kind: TargetKind, id: string, subject: Parameters<typeof readOnlyReason>[1]) => {
      const place = kind === 'track' ? trackPlace(id) : kind === 'bus' ? busPlace(id) : masterPlace();
      return readOnlyReason(this.decide(place.pathOf(REPRESENTATIVE_PARAM[kind])), subject);
    };
    const tracks = new Map<string, string>();
    for (const track of mix.tracks) {
      const text = reason('track', track.id, { kind: 'track', name: track.name });
      if (text) tracks.set(track.id, text);
    }
    const buses = new Map<string, string>();
    for (const bus of mix.buses) {
      const text = reason('bus', bus.id, { kind: 'bus', name: bus.name });
      if (text) buses.set(bus.id, text);
    }
    return {
      tracks,
      buses,
      master: reason('master', 'master', { kind: 'master' }),
      trackList: this.options.masteringOnly ? MASTERING_ONLY_TRACKS : readOnlyReason(this.decide(TRACK_LIST), { kind: 'trackList' }),
    };
  }
}
