import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import { MESSAGE_AUTH, MESSAGE_SAVED, readSaved } from './saved-message';

export const CONNECTION_STATES = { connecting: 'connecting', online: 'online', offline: 'offline', closed: 'closed' } as const;
export type ConnectionState = (typeof CONNECTION_STATES)[keyof typeof CONNECTION_STATES];

export const SAVE_STATES = { saved: 'saved', saving: 'saving' } as const;
export type SaveState = (typeof SAVE_STATES)[keyof typeof SAVE_STATES];

export interface ClientRoomSnapshot {
  connection: ConnectionState;
  save: SaveState;
  /** True once the first sync with the server finished (for the current document). */
  synced: boolean;
  /** The server's reason for the last refused edit, until `dismissDenied()`. */
  denied: string | null;
  /** Close code and reason when the server closed for good (4400-4499). */
  closedBy: { code: number; reason: string } | null;
}

export interface ClientRoomOptions {
  /** ws(s)://host/sync */
  serverUrl: string;
  projectId: string;
  /** Extra query parameters (for example `token` for scripts). `acks=1` is always added. */
  params?: Record<string, string>;
  /** For Node: the `ws` package. Browsers use their own WebSocket. */
  WebSocketPolyfill?: typeof WebSocket;
}

/** The origin of this client's own edits: the undo manager tracks only these. */
export const LOCAL_ORIGIN = Symbol('mixroom.local-edit');

type Listener = () => void;

/**
 * One project's live document in a client: the provider, the Saved tracking (type 8 messages),
 * and the reaction to a refused edit. A refused edit leaves local state the server will never
 * accept, so the room drops the whole local document and syncs a fresh one (no reconnect loop:
 * the fresh document has nothing to refuse). Subscribers are told on every change and must
 * re-read `doc` after a reset.
 */
export class ClientRoom {
  doc!: Y.Doc;
  provider!: WebsocketProvider;
  private listeners = new Set<Listener>();
  private state: ClientRoomSnapshot = { connection: 'connecting', save: 'saved', synced: false, denied: null, closedBy: null };
  /** Highest committed clock of this document's own client id. */
  private committedClock = 0;
  /** A local edit changed nothing but deletions: no clock to wait for, so wait for the next Saved. */
  private pendingDelete = false;
  private destroyed = false;

  constructor(private readonly options: ClientRoomOptions) {
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

  /** Drops the local document and syncs a fresh copy from the server. */
  reset(): void {
    this.close();
    this.open();
    this.emit();
  }

  destroy(): void {
    this.destroyed = true;
    this.close();
    this.listeners.clear();
  }

  private open(): void {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(this.options.serverUrl, this.options.projectId, doc, {
      params: { ...this.options.params, acks: '1' },
      WebSocketPolyfill: this.options.WebSocketPolyfill,
      // Tabs must not pass edits to each other behind the server's back: the gate decides.
      disableBc: true,
    });
    this.doc = doc;
    this.provider = provider;
    this.committedClock = 0;
    this.pendingDelete = false;
    this.state = { ...this.state, connection: 'connecting', save: 'saved', synced: false, closedBy: null };

    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      const committed = readSaved(decoder);
      const clock = committed.get(doc.clientID);
      if (clock !== undefined) this.committedClock = Math.max(this.committedClock, clock);
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
      this.set({ connection: status === 'connected' ? 'online' : status === 'connecting' ? 'connecting' : 'offline' });
    });
    provider.on('sync', (synced: boolean) => this.set({ synced }));
    provider.on('closed', ({ code, reason }: { code: number; reason: string }) => this.set({ connection: 'closed', closedBy: { code, reason } }));
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      if (Y.parseUpdateMeta(update).to.size === 0) this.pendingDelete = true;
      this.updateSave();
    });
  }

  private close(): void {
    this.provider?.destroy();
    this.doc?.destroy();
  }

  private updateSave(): void {
    const local = Y.getState(this.doc.store, this.doc.clientID);
    this.set({ save: this.committedClock >= local && !this.pendingDelete ? 'saved' : 'saving' });
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
