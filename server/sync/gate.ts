import * as Y from 'yjs';
import { type Change, type ChangeSet, checkMasteringOnly, checkWrite, collectChanges, ensureRoots, ROOT_NAMES, validateLeafSets, validateTouched } from '../../lib/doc/index';
import { predictLeafSets } from './leaf-sets';
import type { Principal } from '../../lib/roles';
import { scanUpdate, type UpdateBounds, type UpdateScan } from './update-scan';

/** Why the gate refused an update (SPEC G1-G14). */
export const GATE_REJECT_CODES = {
  /** The bytes are not a Yjs update (G13). */
  malformed: 'malformed',
  /** GC or Skip structs, which only a server's own bookkeeping makes (G12). */
  gc: 'gc',
  /** Structs under a Yjs client id this connection does not hold (G11). */
  foreign_client: 'foreign_client',
  /** Over a bound of one update or one connection (G14). */
  too_large: 'too_large',
  /** Structs or deletions depend on history the server does not have (G3). */
  pending: 'pending',
  /** The update would add a root type besides meta, tracks, buses, master (G4). */
  new_root: 'new_root',
  /** Content no accessor writes: list items in a map, keys in a list, text types (G5). */
  structure: 'structure',
  /** The sender may not write a changed path (G6, P1-P8), or the project's kind forbids it (M1). */
  forbidden: 'forbidden',
  /** A touched track, bus, meta or master fails the schema (G7, L*). */
  invalid: 'invalid',
} as const;
export type GateRejectCode = (typeof GATE_REJECT_CODES)[keyof typeof GATE_REJECT_CODES];

export type GateResult =
  | {
      ok: true;
      changes: Change[];
      /** Client ids this update wrote under for the first time: theirs for good once committed (G11). */
      claims: number[];
      /** The update changes nothing: it need not be applied (G8). */
      noop?: true;
      /** What checking cost: structs plus delete ranges read (G14). */
      cost?: number;
    }
  | { ok: false; code: GateRejectCode; message: string; path?: string; rule?: string; cost?: number };

/**
 * Who sends an update: a principal, and the connection it came from. Without `connection` it is
 * the server's own edit for that principal, whose client ids are the server's (never a user's).
 */
export type Writer = Principal & { connection?: number };

export interface GateOptions {
  /** @default DEFAULT_UPDATE_BOUNDS */
  bounds?: Partial<UpdateBounds>;
  /** Client ids each user holds, from storage (G11). */
  owners?: ReadonlyMap<number, string>;
  /**
   * The user whose connection announced a client id in presence, if any. Presence shows every
   * client id before its first edit; without this, anyone could claim an id they saw there first.
   */
  presenceHolder?: (client: number) => string | undefined;
  /** Client ids one connection may hold. @default DEFAULT_MAX_CLIENT_IDS_PER_CONNECTION */
  maxClientIdsPerConnection?: number;
  /** Told when the live document broke an invariant the gate should have kept (a bug): it is repaired. */
  onInvariantBroken?: (message: string) => void;
  /** A mastering-only project: its one track stays its only one (SPEC M1). @default false */
  masteringOnly?: boolean;
  /**
   * Decide updates of plain values set at existing keys on the live document, without the shadow
   * (G17). Off, every update goes through the shadow: the tests compare both. @default true
   */
  leafSets?: boolean;
}

/**
 * Per update: a fader drag is one struct per write; an offline session replayed on reconnect a few
 * thousand; a project created in one step about 60 per track. The bounds keep the gate's work on
 * one update to tens of milliseconds (the event loop serves every room).
 */
export const DEFAULT_UPDATE_BOUNDS: UpdateBounds = {
  maxStructs: 50_000,
  // An automation lane of MAX_AUTOMATION_POINTS is one struct of that many ticks.
  maxClockSpan: 200_000,
  // Every sync step 2 carries the sender's whole delete set, which grows with the project's history.
  maxDeleteRanges: 200_000,
};

/** A page load is one Yjs client; a restored offline copy brings the earlier ones of that browser. @default 16 */
export const DEFAULT_MAX_CLIENT_IDS_PER_CONNECTION = 16;

/**
 * Live updates the shadow may lag behind by (it catches up when an update needs it); past either
 * bound it is rebuilt from the live document instead, on its next use.
 */
export const SHADOW_BACKLOG_UPDATES = 1000;
export const SHADOW_BACKLOG_BYTES = 4 * 1024 * 1024;

interface Holder {
  userId: string;
  connection?: number;
}

/**
 * Checks updates against a shadow copy of a live document before anything reaches the live one.
 *
 * Invariants (SPEC G1-G14): outside `check()` the shadow, once it has applied its backlog, holds
 * exactly the live document's state; neither ever holds pending structs or deletions; a connection
 * writes only under client ids it holds. `check()` first reads the update without applying it
 * (update-scan.ts) and refuses what no honest client sends. An update that only sets plain values
 * at existing keys is then decided on the live document as it is (leaf-sets.ts, G17), without the
 * shadow. Any other is applied to the shadow (one apply, one transaction): accepted, the shadow is
 * one update ahead until `commit()` applies the same bytes to the live document; refused after
 * touching the shadow, the shadow is rebuilt from the live document. Every other update of the
 * live document reaches the shadow through the live document's `update` event, as a backlog the
 * shadow applies when it is next needed.
 */
export class Gate {
  private shadow: Y.Doc;
  /** The accepted update the caller has not committed yet, with the claims it makes. */
  private accepted: { update: Uint8Array; writes: number[]; claims: number[]; writer: Writer; inShadow: boolean } | null = null;
  /** Live updates the shadow has not applied yet, and their bytes; `null` when it must be rebuilt. */
  private backlog: Uint8Array[] | null = [];
  private backlogBytes = 0;
  /** Origin of the commit in progress: its live update is already in the shadow. */
  private skipOrigin: { origin: unknown } | null = null;
  private readonly bounds: UpdateBounds;
  private readonly holders = new Map<number, Holder>();
  private readonly maxIdsPerConnection: number;
  private readonly onLiveUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.skipOrigin !== null && this.skipOrigin.origin === origin) {
      this.skipOrigin = null;
      return;
    }
    if (this.backlog === null) return;
    this.backlog.push(update);
    this.backlogBytes += update.byteLength;
    if (this.backlog.length > SHADOW_BACKLOG_UPDATES || this.backlogBytes > SHADOW_BACKLOG_BYTES) {
      this.backlog = null;
      this.backlogBytes = 0;
    }
  };

  constructor(
    readonly live: Y.Doc,
    private readonly options: GateOptions = {},
  ) {
    ensureRoots(live);
    this.bounds = { ...DEFAULT_UPDATE_BOUNDS, ...options.bounds };
    this.maxIdsPerConnection = options.maxClientIdsPerConnection ?? DEFAULT_MAX_CLIENT_IDS_PER_CONNECTION;
    for (const [client, userId] of options.owners ?? []) this.holders.set(client, { userId });
    this.shadow = this.rebuildShadow();
    live.on('update', this.onLiveUpdate);
  }

  /** Decides on `update` from `writer`. Nothing is applied to the live document. */
  check(update: Uint8Array, writer: Writer): GateResult {
    this.dropAccepted();
    const readOnly = !writesAnything(writer);
    // A reviewer's update with any struct is refused before it is read further (its first number
    // counts the clients it writes under); only one of deletions alone can change nothing.
    if (readOnly && update.length > 0 && update[0] !== 0) return { ...this.readOnly(writer), cost: 1 };
    const scan = scanUpdate(update, this.bounds);
    if (!scan.ok) return readOnly ? this.readOnly(writer) : this.reject(scan.code, scan.message, scan.path);
    return { ...this.checkScanned(update, scan, writer), cost: scan.structs + scan.deleteRanges };
  }

  private checkScanned(update: Uint8Array, scan: UpdateScan, writer: Writer): GateResult {
    const noop = scan.structs === 0 && this.deletesCovered(scan.deletes);
    if (!writesAnything(writer)) return noop ? NOOP : this.readOnly(writer);
    const claims = this.checkClients(scan, writer);
    if (!Array.isArray(claims)) return claims;
    const early = this.checkHistory(scan);
    if (early) return early;
    if (noop) return NOOP;

    const leafSets = this.checkLeafSets(update, scan, writer);
    if (leafSets) {
      if (leafSets.ok) this.accepted = { update, writes: [...scan.writes.keys()], claims, writer, inShadow: false };
      return leafSets.ok ? { ...leafSets, claims } : leafSets;
    }

    const shadow = this.caughtUpShadow();
    let set: ChangeSet | undefined;
    try {
      shadow.transact((transaction) => {
        Y.applyUpdate(shadow, update);
        set = collectChanges(transaction);
      });
    } catch (err) {
      this.resync();
      return this.reject('malformed', `not a Yjs update: ${(err as Error).message}`);
    }
    const result = this.decide(set!, writer);
    if (!result.ok) {
      this.resync();
      return result;
    }
    this.accepted = { update, writes: [...scan.writes.keys()], claims, writer, inShadow: true };
    return { ...result, claims };
  }

  /**
   * G17: an update of plain values set at existing keys, decided on the live document without
   * applying it anywhere (leaf-sets.ts): the same verdict, with the same changes, as through the
   * shadow. Null when the update is anything else.
   */
  private checkLeafSets(update: Uint8Array, scan: UpdateScan, writer: Writer): GateResult | null {
    if (scan.structs === 0 || this.options.leafSets === false) return null;
    const store = this.live.store;
    // Structs the document already has (a resend) integrate as nothing: left to the shadow.
    for (const [client, span] of scan.writes) if (span.from !== Y.getState(store, client)) return null;
    const changes = predictLeafSets(this.live, update, scan.deletes);
    if (!changes) return null;
    // Every change lies inside a unit that was valid and keeps its shape (validateLeafSets).
    const failure = validateLeafSets(this.live, changes);
    if (failure === null) return null;
    for (const change of changes) {
      const decision = checkWrite(writer, change.segments, this.live, change);
      if (!decision.allowed) {
        return this.reject('forbidden', `${writer.role} ${writer.userId} may not write ${change.path} (${decision.rule})`, change.path, decision.rule);
      }
    }
    if (this.options.masteringOnly) {
      // No change is a whole track, so the track count (the only thing M1 reads from them) is the same before and after.
      const refusal = checkMasteringOnly(changes, this.live, this.live, writer.connection === undefined);
      if (refusal) return this.reject('forbidden', refusal.message, refusal.path, 'M1');
    }
    if (failure) return this.reject('invalid', `${failure.path}: ${failure.message}`, failure.path);
    return { ok: true, changes, claims: [] };
  }

  /**
   * Applies an update that `check()` accepted to the live document with `origin`. An update that
   * was not the last accepted one is applied too, and reaches the shadow as a live update.
   */
  commit(update: Uint8Array, origin?: unknown): void {
    const accepted = this.accepted?.update === update ? this.accepted : null;
    if (accepted) this.accepted = null;
    else this.dropAccepted();
    this.skipOrigin = accepted?.inShadow ? { origin } : null;
    try {
      Y.applyUpdate(this.live, update, origin);
    } finally {
      this.skipOrigin = null;
    }
    if (accepted) this.hold(accepted);
    this.assertNoPending();
  }

  /**
   * True when `update` reads whole and holds structs or deletions the live document lacks: what
   * it would emit if the update were accepted. Reads the bytes only (no document sees them).
   */
  bringsNew(update: Uint8Array): boolean {
    const scan = scanUpdate(update, this.bounds);
    if (!scan.ok) return false;
    for (const [client, span] of scan.writes) if (span.to > Y.getState(this.live.store, client)) return true;
    return !this.deletesCovered(scan.deletes);
  }

  /** `check()`, then `commit()` when accepted and not a no-op. */
  receive(update: Uint8Array, writer: Writer, origin?: unknown): GateResult {
    const result = this.check(update, writer);
    if (result.ok && !result.noop) this.commit(update, origin);
    return result;
  }

  /**
   * An update another instance's gate accepted (PROTOCOL C2): applied to the live document as it
   * is, and the owners of its client ids become theirs here too (G11), so that nobody else on this
   * instance may write under them and their user may go on here after a reconnect. Returns false
   * when the update depended on history this document lacks (a dropped message): what could not be
   * integrated is dropped, to come again with the heal (C5), and the invariant of no pending state
   * holds.
   */
  applyTrusted(update: Uint8Array, origin: unknown, owners: Iterable<readonly [number, string]>): boolean {
    this.dropAccepted();
    for (const [client, userId] of owners) if (!this.holders.has(client)) this.holders.set(client, { userId });
    Y.applyUpdate(this.live, update, origin);
    const store = this.live.store;
    if (store.pendingStructs === null && store.pendingDs === null) return true;
    store.pendingStructs = null;
    store.pendingDs = null;
    this.resync();
    return false;
  }

  /** A connection closed: its client ids stay its user's, free for that user's next connection. */
  release(connection: number): void {
    for (const holder of this.holders.values()) if (holder.connection === connection) delete holder.connection;
  }

  /** Who holds a client id, if anyone (tests and diagnostics). */
  holderOf(client: number): string | undefined {
    return this.holders.get(client)?.userId;
  }

  /** True when the shadow holds exactly the live state (tests and diagnostics). */
  inSync(): boolean {
    return this.accepted === null && Y.equalSnapshots(Y.snapshot(this.caughtUpShadow()), Y.snapshot(this.live));
  }

  destroy(): void {
    this.live.off('update', this.onLiveUpdate);
    this.shadow.destroy();
  }

  /**
   * G11: every client id the update writes under is held by the writer's connection, or claimed
   * by it now. A user's ids are theirs for good; another connection of the same user takes one
   * over (a reconnect); ids the document has from elsewhere (the server's edits, history from
   * before ids were recorded) are nobody's to write under; an id another user announced in
   * presence is theirs to claim.
   */
  private checkClients(scan: UpdateScan, writer: Writer): number[] | GateResult {
    const server = writer.connection === undefined;
    const claims: number[] = [];
    let taken = 0;
    for (const client of scan.writes.keys()) {
      const holder = this.holders.get(client);
      const announcedBy = holder || server ? undefined : this.options.presenceHolder?.(client);
      if (
        holder
          ? server || holder.userId !== writer.userId
          : !server && (Y.getState(this.live.store, client) > 0 || (announcedBy !== undefined && announcedBy !== writer.userId))
      ) {
        return this.reject('foreign_client', `client id ${client} belongs to ${holder || announcedBy ? 'another user' : 'the document history'}, not to this connection`);
      }
      if (server) continue;
      if (!holder) claims.push(client);
      if (holder?.connection !== writer.connection) taken++;
    }
    if (taken > 0) {
      let held = taken;
      for (const holder of this.holders.values()) if (holder.connection === writer.connection) held++;
      if (held > this.maxIdsPerConnection) {
        return this.reject('too_large', `one connection may write under at most ${this.maxIdsPerConnection} client ids`);
      }
    }
    return claims;
  }

  /** G3, checked on the scan: a first clock past what the document has, or deletions beyond it. */
  private checkHistory(scan: UpdateScan): GateResult | undefined {
    const store = this.live.store;
    for (const [client, span] of scan.writes) {
      if (span.from > Y.getState(store, client)) return this.reject('pending', `the update starts at client ${client} clock ${span.from}, after what the server has`);
    }
    for (const [client, ranges] of scan.deletes) {
      const end = Math.max(Y.getState(store, client), scan.writes.get(client)?.to ?? 0);
      if (ranges.some(([clock, len]) => clock + len > end)) return this.reject('pending', `the update deletes client ${client} items the server does not have`);
    }
    return undefined;
  }

  /** Whether every range of `deletes` is already deleted in the live document (G8). */
  private deletesCovered(deletes: UpdateScan['deletes']): boolean {
    for (const [client, ranges] of deletes) {
      const structs = this.live.store.clients.get(client);
      const end = Y.getState(this.live.store, client);
      for (const [clock, len] of ranges) {
        if (len === 0) continue;
        if (!structs || clock + len > end) return false;
        for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
          if (!structs[i].deleted) return false;
        }
      }
    }
    return true;
  }

  /** Forgets an accepted update that was not committed; the shadow drops it too, if it has it. */
  private dropAccepted(): void {
    const accepted = this.accepted;
    this.accepted = null;
    if (accepted?.inShadow) this.resync();
  }

  /** The shadow with its backlog applied (or rebuilt, when the backlog outgrew its bounds). */
  private caughtUpShadow(): Y.Doc {
    if (this.backlog === null) {
      this.resync();
    } else if (this.backlog.length > 0) {
      const backlog = this.backlog;
      this.backlog = [];
      this.backlogBytes = 0;
      this.shadow.transact(() => {
        for (const update of backlog) Y.applyUpdate(this.shadow, update);
      });
    }
    return this.shadow;
  }

  private decide(set: ChangeSet, principal: Writer): GateResult {
    const store = this.shadow.store;
    const known: ReadonlySet<string> = new Set(ROOT_NAMES);
    const added = [...this.shadow.share.keys()].filter((name) => !known.has(name));
    if (added.length > 0) return this.reject('new_root', `new root type ${added.join(', ')}`, added[0]);
    // The shadow starts equal to the live document, which never holds pending structs (G3).
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      return this.reject('pending', 'the update depends on history the server does not have');
    }
    if (set.anomalies.length > 0) {
      const [first] = set.anomalies;
      return this.reject('structure', `${first.message} at ${first.path}`, first.path);
    }
    for (const change of set.changes) {
      const decision = checkWrite(principal, change.segments, this.live, change);
      if (!decision.allowed) {
        return this.reject('forbidden', `${principal.role} ${principal.userId} may not write ${change.path} (${decision.rule})`, change.path, decision.rule);
      }
    }
    if (this.options.masteringOnly) {
      const refusal = checkMasteringOnly(set.changes, this.live, this.shadow, principal.connection === undefined);
      if (refusal) return this.reject('forbidden', refusal.message, refusal.path, 'M1');
    }
    // The live document's units are all valid (this gate keeps them so; loading repairs them, G15).
    const failure = validateTouched(this.shadow, set.changes, { validBefore: true });
    if (failure) return this.reject('invalid', `${failure.path}: ${failure.message}`, failure.path);
    return { ok: true, changes: set.changes, claims: [] };
  }

  /** Claimed ids become the writer's; ids of the same user's other connection move to this one. */
  private hold({ writes, writer }: NonNullable<Gate['accepted']>): void {
    // The server's own client ids stay nobody's: no connection may ever write under them.
    if (writer.connection === undefined) return;
    for (const client of writes) this.holders.set(client, { userId: writer.userId, connection: writer.connection });
  }

  /** A tripwire: the checks above keep pending state out; if some did get in, drop it and say so. */
  private assertNoPending(): void {
    const store = this.live.store;
    if (store.pendingStructs === null && store.pendingDs === null) return;
    store.pendingStructs = null;
    store.pendingDs = null;
    this.resync();
    this.options.onInvariantBroken?.('the live document held pending structs or deletions; they were dropped');
  }

  private readOnly(writer: Writer): GateResult {
    return this.reject('forbidden', `${writer.role} ${writer.userId} may not change the document (P2)`, undefined, 'P2');
  }

  private reject(code: GateRejectCode, message: string, path?: string, rule?: string): GateResult {
    return { ok: false, code, message, ...(path !== undefined ? { path } : {}), ...(rule !== undefined ? { rule } : {}) };
  }

  private rebuildShadow(): Y.Doc {
    const shadow = new Y.Doc({ gc: this.live.gc });
    ensureRoots(shadow);
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.live));
    return shadow;
  }

  private resync(): void {
    this.accepted = null;
    this.backlog = [];
    this.backlogBytes = 0;
    this.shadow.destroy();
    this.shadow = this.rebuildShadow();
  }
}

const NOOP: GateResult = Object.freeze({ ok: true, changes: [], claims: [], noop: true }) as GateResult;

/** Reviewers write nothing (P2): an update of theirs is accepted only when it changes nothing. */
function writesAnything(principal: Principal): boolean {
  return principal.role !== 'reviewer';
}
