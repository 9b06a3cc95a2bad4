import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { CLOSE_SAVES_BACKLOGGED, MESSAGE_AUTH, MESSAGE_SAVED, MESSAGE_SYNC, readSaved } from './saved-message';

export const CONNECTION_STATES = { connecting: 'connecting', online: 'online', offline: 'offline', closed: 'closed' } as const;
export type ConnectionState = (typeof CONNECTION_STATES)[keyof typeof CONNECTION_STATES];

export const SAVE_STATES = { saved: 'saved', saving: 'saving' } as const;
export type SaveState = (typeof SAVE_STATES)[keyof typeof SAVE_STATES];

/** Where a client keeps a copy of the document between page loads. */
export const PERSISTENCE_KINDS = { none: 'none', indexeddb: 'indexeddb' } as const;
export type PersistenceKind = (typeof PERSISTENCE_KINDS)[keyof typeof PERSISTENCE_KINDS];

export interface ClientRoomSnapshot {
  connection: ConnectionState;
  save: SaveState;
  /** True once the first sync with the server finished (for the current document). */
  synced: boolean;
  /** The server's reason for the last refused edit, until `dismissDenied()`. */
  denied: string | null;
  /** Close code and reason when the server closed for good (4400-4499). */
  closedBy: { code: number; reason: string } | null;
  /**
   * Why the server is holding this client's edits back, when it closed the socket because it
   * cannot save right now (CLOSE_SAVES_BACKLOGGED, PROTOCOL W19): the edits stay here and are sent
   * again on every reconnect. Null again once everything is Saved.
   */
  held: string | null;
}

/** What the room needs of `window` to follow the network: its online/offline events. */
export interface NetworkEvents {
  readonly navigator: { readonly onLine: boolean };
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

export interface ClientRoomOptions {
  /** ws(s)://host/sync */
  serverUrl: string;
  projectId: string;
  /** Extra query parameters (for example `token` for scripts). `acks=1` is always added. */
  params?: Record<string, string>;
  /** For Node: the `ws` package. Browsers use their own WebSocket. */
  WebSocketPolyfill?: typeof WebSocket;
  /**
   * Keep a copy of the document in IndexedDB (browsers only), so that edits made offline survive
   * a reload and are sent when the connection is back. The copy is restored before connecting.
   * @default 'none' (Node has no IndexedDB)
   */
  persistence?: PersistenceKind;
  /**
   * Whose copy it is: part of the IndexedDB name (`localCopyName`), so that two accounts signed
   * in one after the other in one browser never share a copy. Required with `indexeddb`.
   * @default undefined
   */
  userId?: string;
  /**
   * Follow the browser's online/offline events (pass `window`): drop the socket at once when the
   * browser loses its network (Chromium keeps a dead WebSocket open for minutes, so edits would
   * seem to be sending), reconnect at once when it is back.
   * @default undefined (no network events: Node, tests)
   */
  network?: NetworkEvents;
}

/** The origin of this client's own edits: the undo manager tracks only these. */
export const LOCAL_ORIGIN = Symbol('mixroom.local-edit');

/** The IndexedDB database of one user's copy of one project. */
export function localCopyName(projectId: string, userId: string): string {
  return `mixroom:${projectId}:${userId}`;
}

/**
 * How long to wait for the local copy before connecting without it: IndexedDB can hang (a
 * blocked upgrade in another tab) or be unavailable (some private modes).
 */
export const LOCAL_RESTORE_TIMEOUT_MS = 3_000;

/** y-indexeddb's object store of updates (the document is the sum of its rows). */
const UPDATES_STORE = 'updates';

type Listener = () => void;

/**
 * One project's live document in a client: the provider, the optional local copy (IndexedDB),
 * the Saved tracking (type 8 messages), and the reaction to a refused edit. A refused edit leaves
 * local state the server will never accept, so the room drops the whole local document, its local
 * copy included, and syncs a fresh one (no reconnect loop: the fresh document has nothing to
 * refuse). Subscribers are told on every change and must re-read `doc` after a reset.
 *
 * Saved: every change made here (or restored from the local copy) is Saved once a Saved message
 * of the current connection covers its clock, or once the server's state vector (its sync step 1
 * on connecting) shows it already has it: then an earlier connection or page delivered it, and
 * the server keeps a room until everything it accepted is committed.
 */
export class ClientRoom {
  doc!: Y.Doc;
  provider!: WebsocketProvider;
  private persistence: IndexeddbPersistence | null = null;
  private listeners = new Set<Listener>();
  private state: ClientRoomSnapshot = { connection: 'connecting', save: 'saved', synced: false, denied: null, closedBy: null, held: null };
  /** Per Yjs client id: the clock the server must confirm before this room shows Saved. */
  private unsaved = new Map<number, number>();
  /** Per Yjs client id: the clock the server is known to have (its step 1, its updates). */
  private serverHas = new Map<number, number>();
  /** A local edit changed nothing but deletions: no clock to wait for, so wait for the next Saved. */
  private pendingDelete = false;
  /** Settles when the local copy of a refused document is gone; the next copy opens after it. */
  private localCopyCleared: Promise<void> = Promise.resolve();
  private restoreTimer: ReturnType<typeof setTimeout> | undefined;
  /** False while the local copy is being restored: the provider connects after it. */
  private connectable = true;
  private destroyed = false;
  /** Set while the old provider is torn down: its last 'disconnected' is not news. */
  private closing = false;

  constructor(private readonly options: ClientRoomOptions) {
    if (options.persistence === 'indexeddb' && !options.userId) throw new Error('ClientRoom: persistence needs a userId');
    options.network?.addEventListener('online', this.onBrowserOnline);
    options.network?.addEventListener('offline', this.onBrowserOffline);
    this.open();
  }

  get snapshot(): ClientRoomSnapshot {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dismissDenied(): void {
    this.set({ denied: null });
  }

  /** Drops the local document and its local copy, and syncs a fresh copy from the server. */
  reset(): void {
    this.localCopyCleared = this.clearLocalCopy();
    this.close();
    this.open();
    this.emit();
  }

  destroy(): void {
    this.destroyed = true;
    this.options.network?.removeEventListener('online', this.onBrowserOnline);
    this.options.network?.removeEventListener('offline', this.onBrowserOffline);
    this.close();
    this.listeners.clear();
  }

  private open(): void {
    // gc off: the server refuses GC structs (SPEC G12), which a document that collects its own
    // garbage sends for content created and deleted before it reached the server.
    const doc = new Y.Doc({ gc: false });
    const persist = this.options.persistence === 'indexeddb';
    const browserOffline = this.options.network?.navigator.onLine === false;
    const provider = new WebsocketProvider(this.options.serverUrl, this.options.projectId, doc, {
      params: { ...this.options.params, acks: '1' },
      WebSocketPolyfill: this.options.WebSocketPolyfill,
      // Tabs must not pass edits to each other behind the server's back: the gate decides.
      disableBc: true,
      // With a local copy, connect once it is restored: the first sync then carries what was
      // edited offline, and the Saved tracking knows what to wait for.
      connect: !persist && !browserOffline,
    });
    this.doc = doc;
    this.provider = provider;
    this.persistence = null;
    this.unsaved = new Map();
    this.serverHas = new Map();
    this.pendingDelete = false;
    this.connectable = !persist;
    this.state = {
      ...this.state,
      connection: browserOffline ? 'offline' : 'connecting',
      save: 'saved',
      synced: false,
      closedBy: null,
      held: null,
    };

    const handleSync = provider.messageHandlers[MESSAGE_SYNC];
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
      // The server's step 1 is its state vector: what it already has needs no Saved from us.
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
        this.onServerStateVector(Y.decodeStateVector(decoding.readVarUint8Array(peek)));
      }
      handleSync(encoder, decoder, p, emitSynced, messageType);
    };
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      for (const [client, clock] of readSaved(decoder)) {
        if ((this.unsaved.get(client) ?? Infinity) <= clock) this.unsaved.delete(client);
      }
      this.pendingDelete = false;
      this.updateSave();
    };
    provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder as decoding.Decoder, doc, (_doc, reason) => {
        this.set({ denied: reason || 'the server refused this edit' });
        // Outside the provider's message handler: it still holds the old socket.
        queueMicrotask(() => {
          if (!this.destroyed && this.doc === doc) this.reset();
        });
      });
    };
    provider.on('status', ({ status }: { status: string }) => {
      if (this.closing || this.doc !== doc) return;
      if (status === 'connected') this.set({ connection: 'online' });
      else if (status === 'disconnected') this.set({ connection: 'offline' });
      // A reconnect attempt while offline stays Offline until it succeeds.
      else if (this.state.connection !== 'offline') this.set({ connection: 'connecting' });
    });
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (this.closing || this.doc !== doc) return;
      if (event?.code === CLOSE_SAVES_BACKLOGGED) this.set({ held: event.reason || 'the server cannot save edits right now' });
      // A socket that closes before it opened emits no 'disconnected' status.
      if (this.state.connection === 'connecting') this.set({ connection: 'offline' });
    });
    provider.on('sync', (synced: boolean) => this.set({ synced }));
    provider.on('closed', ({ code, reason }: { code: number; reason: string }) => this.set({ connection: 'closed', closedBy: { code, reason } }));
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      const { to } = Y.parseUpdateMeta(update);
      if (origin === provider) {
        for (const [client, clock] of to) this.serverHas.set(client, Math.max(this.serverHas.get(client) ?? 0, clock));
        return;
      }
      // Local edits, and what the local copy restored: possibly edits the server never saw.
      for (const [client, clock] of to) {
        if (clock > (this.serverHas.get(client) ?? 0)) this.unsaved.set(client, Math.max(this.unsaved.get(client) ?? 0, clock));
      }
      if (to.size === 0 && origin !== this.persistence) this.pendingDelete = true;
      this.updateSave();
    });

    if (persist) this.openLocalCopy(doc, provider);
  }

  /** Restores the document from IndexedDB, then connects (or after a timeout, without it). */
  private openLocalCopy(doc: Y.Doc, provider: WebsocketProvider): void {
    const connect = () => {
      if (this.connectable || this.destroyed || this.doc !== doc) return;
      this.connectable = true;
      clearTimeout(this.restoreTimer);
      if (this.options.network?.navigator.onLine !== false) provider.connect();
    };
    this.restoreTimer = setTimeout(connect, LOCAL_RESTORE_TIMEOUT_MS);
    this.localCopyCleared.then(() => {
      if (this.destroyed || this.doc !== doc) return;
      const persistence = new IndexeddbPersistence(localCopyName(this.options.projectId, this.options.userId!), doc);
      this.persistence = persistence;
      persistence.whenSynced.then(connect);
      persistence._db.catch(connect);
    });
  }

  /**
   * Empties the local copy of the current document (a refused edit, or a reset). The store is
   * cleared in place rather than the database deleted: another tab of the same user may hold the
   * database open, and y-indexeddb breaks when its connection is closed under it.
   */
  private clearLocalCopy(): Promise<void> {
    const persistence = this.persistence;
    if (!persistence) return this.localCopyCleared;
    // Registered before close() destroys the persistence, so the transaction starts before the
    // connection closes (a closing connection finishes its transactions).
    return persistence._db.then(
      (db) =>
        new Promise<void>((resolve) => {
          const tx = db.transaction([UPDATES_STORE], 'readwrite');
          tx.objectStore(UPDATES_STORE).clear();
          tx.oncomplete = tx.onerror = tx.onabort = () => resolve();
        }),
      () => undefined,
    );
  }

  private onServerStateVector(stateVector: Map<number, number>): void {
    for (const [client, clock] of stateVector) {
      this.serverHas.set(client, Math.max(this.serverHas.get(client) ?? 0, clock));
      if ((this.unsaved.get(client) ?? Infinity) <= clock) this.unsaved.delete(client);
    }
    this.updateSave();
  }

  private readonly onBrowserOffline = (): void => {
    if (this.state.connection === 'closed') return;
    this.provider.disconnect();
    this.set({ connection: 'offline' });
  };

  private readonly onBrowserOnline = (): void => {
    if (this.state.connection === 'closed') return;
    // With a local copy still restoring, openLocalCopy connects when it is done.
    if (this.connectable) this.provider.connect();
  };

  private close(): void {
    clearTimeout(this.restoreTimer);
    this.closing = true;
    // Destroying the document destroys its persistence (y-indexeddb listens for it).
    this.provider?.destroy();
    this.doc?.destroy();
    this.closing = false;
  }

  private updateSave(): void {
    const saved = this.unsaved.size === 0 && !this.pendingDelete;
    this.set(saved ? { save: 'saved', held: null } : { save: 'saving' });
  }

  private set(patch: Partial<ClientRoomSnapshot>): void {
    const next = { ...this.state, ...patch };
    if (Object.keys(patch).every((k) => next[k as keyof ClientRoomSnapshot] === this.state[k as keyof ClientRoomSnapshot])) return;
    this.state = next;
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
