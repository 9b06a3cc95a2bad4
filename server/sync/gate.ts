import * as Y from 'yjs';
import { type Change, type ChangeSet, checkWrite, collectChanges, ensureRoots, ROOT_NAMES, validateTouched } from '../../lib/doc/index';
import type { Principal } from '../../lib/roles';

/** Why the gate refused an update (SPEC G1-G7). */
export const GATE_REJECT_CODES = {
  /** The bytes are not a Yjs update. */
  malformed: 'malformed',
  /** Structs or deletions depend on history the server does not have (G3). */
  pending: 'pending',
  /** The update would add a root type besides meta, tracks, buses, master (G4). */
  new_root: 'new_root',
  /** Content no accessor writes: list items in a map, keys in a list, text types (G5). */
  structure: 'structure',
  /** The sender may not write a changed path (G6, P1-P8). */
  forbidden: 'forbidden',
  /** A touched track, bus, meta or master fails the schema (G7, L*). */
  invalid: 'invalid',
} as const;
export type GateRejectCode = (typeof GATE_REJECT_CODES)[keyof typeof GATE_REJECT_CODES];

export type GateResult =
  | { ok: true; changes: Change[] }
  | { ok: false; code: GateRejectCode; message: string; path?: string; rule?: string };

/**
 * Checks updates against a shadow copy of a live document before anything reaches the live one.
 *
 * Invariant: outside `check()` the shadow holds exactly the live document's state. `check()`
 * applies the update to the shadow (one apply, one transaction); accepted, the shadow is one
 * update ahead until `commit()` applies the same bytes to the live document; rejected, the shadow
 * is rebuilt from the live document. Every other update of the live document (server-side edits,
 * other instances) reaches the shadow through the live document's `update` event.
 */
export class Gate {
  private shadow: Y.Doc;
  /** The accepted update the caller has not committed yet. */
  private accepted: Uint8Array | null = null;
  /** Origin of the commit in progress: its live update is already in the shadow. */
  private skipOrigin: { origin: unknown } | null = null;
  private readonly onLiveUpdate = (update: Uint8Array, origin: unknown) => {
    if (this.skipOrigin !== null && this.skipOrigin.origin === origin) {
      this.skipOrigin = null;
      return;
    }
    Y.applyUpdate(this.shadow, update);
  };

  constructor(readonly live: Y.Doc) {
    ensureRoots(live);
    this.shadow = this.rebuildShadow();
    live.on('update', this.onLiveUpdate);
  }

  /** Decides on `update` from `principal`. Nothing is applied to the live document. */
  check(update: Uint8Array, principal: Principal): GateResult {
    if (this.accepted !== null) this.resync();
    const store = this.shadow.store;
    const before = { roots: this.shadow.share.size, structs: store.pendingStructs, ds: store.pendingDs };
    let set: ChangeSet | undefined;
    try {
      this.shadow.transact((transaction) => {
        Y.applyUpdate(this.shadow, update);
        set = collectChanges(transaction);
      });
    } catch (err) {
      return this.reject('malformed', `not a Yjs update: ${(err as Error).message}`);
    }
    const result = this.decide(set!, principal, before);
    if (result.ok) this.accepted = update;
    else this.resync();
    return result;
  }

  /**
   * Applies an update that `check()` accepted to the live document with `origin`. An update that
   * was not the last accepted one is applied too, and reaches the shadow as a live update.
   */
  commit(update: Uint8Array, origin?: unknown): void {
    const checked = update === this.accepted;
    this.accepted = null;
    this.skipOrigin = checked ? { origin } : null;
    try {
      Y.applyUpdate(this.live, update, origin);
    } finally {
      this.skipOrigin = null;
    }
  }

  /** `check()`, then `commit()` when accepted. */
  receive(update: Uint8Array, principal: Principal, origin?: unknown): GateResult {
    const result = this.check(update, principal);
    if (result.ok) this.commit(update, origin);
    return result;
  }

  /** True when the shadow holds exactly the live state (tests and diagnostics). */
  inSync(): boolean {
    return this.accepted === null && Y.equalSnapshots(Y.snapshot(this.shadow), Y.snapshot(this.live));
  }

  destroy(): void {
    this.live.off('update', this.onLiveUpdate);
    this.shadow.destroy();
  }

  private decide(set: ChangeSet, principal: Principal, before: { roots: number; structs: unknown; ds: unknown }): GateResult {
    const store = this.shadow.store;
    if (this.shadow.share.size !== before.roots) {
      const known: ReadonlySet<string> = new Set(ROOT_NAMES);
      const added = [...this.shadow.share.keys()].filter((name) => !known.has(name));
      return this.reject('new_root', `new root type ${added.join(', ')}`, added[0]);
    }
    if ((store.pendingStructs !== null && store.pendingStructs !== before.structs) || (store.pendingDs !== null && store.pendingDs !== before.ds)) {
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
    const failure = validateTouched(this.shadow, set.changes);
    if (failure) return this.reject('invalid', `${failure.path}: ${failure.message}`, failure.path);
    return { ok: true, changes: set.changes };
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
    this.shadow.destroy();
    this.shadow = this.rebuildShadow();
  }
}
