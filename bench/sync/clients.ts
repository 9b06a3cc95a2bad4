/**
 * Lightweight protocol clients: raw `ws` sockets speaking hand-encoded y-protocols messages.
 * - A mover keeps a Y.Doc (to make valid updates), creates one track and moves its fader:
 *   every move is one Yjs item, so the update's (clientID, clock) names it; the send time is kept
 *   in the room's ledger under that clock. With acks it also reads Saved (type 8) messages.
 * - A receiver keeps no document: it reads the frame type and the first struct's (client, clock)
 *   of each update, and records the arrival time against the ledger.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { createTrack } from '../../lib/doc/track-accessors';
import { getTrackMap } from '../../lib/doc/roots';
import { MESSAGE_AUTH, MESSAGE_SAVED, MESSAGE_SYNC, readSaved } from '../../lib/sync/saved-message';

export const BENCH_TRACK = 'bench-fader';
const REMOTE = Symbol('remote');

/** What one measured phase collects; swapped between phases. */
export class PhaseRecorder {
  winStart = Infinity;
  winEnd = -Infinity;
  windowSends = 0;
  windowArrivals = 0;
  windowCommits = 0;
  fanout: number[] = [];
  commit: number[] = [];
  inWindow(t: number): boolean {
    return t >= this.winStart && t < this.winEnd;
  }
}

export interface SentRecord {
  t: number;
  arrivals: number;
}

/** Shared by everything in the bench process. */
export class BenchContext {
  phase = new PhaseRecorder();
  lastMessageAt = 0;
  rejections = 0;
  rejectReasons = new Map<string, number>();
  closes = new Map<string, number>();
  closed = false;

  countClose(code: number, reason: string): void {
    if (this.closed) return;
    const key = `${code}${reason ? ` ${reason}` : ''}`;
    this.closes.set(key, (this.closes.get(key) ?? 0) + 1);
  }
}

/** One room: its mover's clock -> send time, read by the room's receivers. */
export class RoomLedger {
  moverClient = -1;
  sent = new Map<number, SentRecord>();
}

/**
 * Hocuspocus speaks the y-protocols messages with the document's name before each one, wants an
 * auth message first, answers step 1 with a SyncReply (type 4), and sends messages of its own
 * (Authenticated, SyncStatus). This adapter makes such a socket look like a y-websocket one to the
 * clients below: names added and removed, SyncReply read as sync, the others dropped.
 */
function frameForHocuspocus(ws: WebSocket, docName: string): void {
  const prefix = (() => {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, docName);
    return encoding.toUint8Array(e);
  })();
  const send = ws.send.bind(ws) as (data: Uint8Array) => void;
  (ws as unknown as { send: (data: Uint8Array) => void }).send = (data: Uint8Array) => {
    const framed = new Uint8Array(prefix.length + data.length);
    framed.set(prefix);
    framed.set(data, prefix.length);
    send(framed);
  };
  const emit = ws.emit.bind(ws);
  ws.emit = ((event: string, ...args: unknown[]) => {
    if (event !== 'message') return emit(event, ...args);
    const d = decoding.createDecoder(args[0] as Buffer);
    decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    // Only sync (0), awareness (1) and SyncReply (4) matter here; its SyncStatus (8) would read as Saved.
    if (type !== MESSAGE_SYNC && type !== 1 && type !== 4) return true;
    const rest = (args[0] as Buffer).subarray(d.pos);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, type === 4 ? MESSAGE_SYNC : type);
    return emit('message', Buffer.concat([encoding.toUint8Array(e), rest]), args[1]);
  }) as typeof ws.emit;
  // Auth first (no token configured on the server: any is accepted).
  const auth = encoding.createEncoder();
  encoding.writeVarUint(auth, MESSAGE_AUTH);
  encoding.writeVarUint(auth, 0);
  encoding.writeVarString(auth, 'bench');
  ws.send(encoding.toUint8Array(auth));
}

export function openSocket(url: string, ctx: BenchContext, timeoutMs = 20_000): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const hocuspocusDoc = new URL(url).searchParams.get('hocuspocus');
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`connecting to ${redact(url)} timed out`));
    }, timeoutMs);
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => reject(new Error(`upgrade refused: HTTP ${res.statusCode} ${body}`)));
    });
    ws.once('open', () => {
      clearTimeout(timer);
      if (hocuspocusDoc) frameForHocuspocus(ws, hocuspocusDoc);
      resolve(ws);
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    ws.on('error', () => undefined);
    ws.on('close', (code, reason) => ctx.countClose(code, reason.toString()));
  });
}

function redact(url: string): string {
  return url.replace(/token=[^&]+/, 'token=...');
}

function syncStep1(sv: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(e, sv);
  return encoding.toUint8Array(e);
}

function syncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, syncProtocol.messageYjsUpdate);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A receiver's state vector is empty; so is its answer to the server's step 1. */
const EMPTY_STEP1 = syncStep1(Y.encodeStateVector(new Y.Doc()));
const EMPTY_STEP2 = (() => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(new Y.Doc()));
  return encoding.toUint8Array(e);
})();

export class Receiver {
  private greeted!: Promise<void>;

  constructor(
    readonly ws: WebSocket,
    private readonly ledger: RoomLedger,
    private readonly ctx: BenchContext,
  ) {
    this.greeted = new Promise((resolve) => {
      ws.on('message', (data: Buffer) => {
        const now = performance.now();
        ctx.lastMessageAt = now;
        this.onMessage(data, now);
        resolve();
      });
    });
    ws.send(EMPTY_STEP1);
  }

  /** Resolves on the server's first message (it is attached to the room by then). */
  ready(timeoutMs = 20_000): Promise<void> {
    return withTimeout(this.greeted, timeoutMs, 'a receiver greeting');
  }

  private onMessage(data: Buffer, now: number): void {
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== MESSAGE_SYNC) return;
    const kind = decoding.readVarUint(d);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      this.ws.send(EMPTY_STEP2);
      return;
    }
    if (kind !== syncProtocol.messageYjsUpdate) return;
    // Update v1: varUint structGroups, then per group varUint nStructs, varUint client, varUint clock.
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    if (decoding.readVarUint(u) === 0) return;
    decoding.readVarUint(u);
    const client = decoding.readVarUint(u);
    const clock = decoding.readVarUint(u);
    if (client !== this.ledger.moverClient) return;
    const rec = this.ledger.sent.get(clock);
    if (!rec) return;
    rec.arrivals++;
    const phase = this.ctx.phase;
    if (phase.inWindow(rec.t)) {
      phase.windowArrivals++;
      phase.fanout.push(now - rec.t);
    }
  }
}

export class Mover {
  readonly doc = new Y.Doc();
  private strip!: Y.Map<unknown>;
  private synced!: Promise<void>;
  /** Sent moves not yet covered by a Saved message, in clock order from `head`. */
  private pendingClock: number[] = [];
  private pendingT: number[] = [];
  private head = 0;
  private value = 0;

  constructor(
    readonly ws: WebSocket,
    private readonly ledger: RoomLedger,
    private readonly ctx: BenchContext,
  ) {
    ledger.moverClient = this.doc.clientID;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.send(syncUpdate(update));
    });
    this.synced = new Promise((resolve) => {
      ws.on('message', (data: Buffer) => {
        const now = performance.now();
        ctx.lastMessageAt = now;
        if (this.onMessage(data, now) === syncProtocol.messageYjsSyncStep2) resolve();
      });
    });
    this.send(syncStep1(Y.encodeStateVector(this.doc)));
  }

  /** Syncs with the server, then creates the track it will move (if the room has none yet). */
  async ready(timeoutMs = 20_000): Promise<void> {
    await withTimeout(this.synced, timeoutMs, 'a mover sync');
    const tracks = this.doc.getMap('tracks');
    if (!tracks.has(BENCH_TRACK)) createTrack(this.doc, BENCH_TRACK, { name: 'Bench fader', assignees: [] });
    this.strip = getTrackMap(this.doc, BENCH_TRACK).get('strip') as Y.Map<unknown>;
  }

  /** One fader move: one Yjs item, sent as one sync update. */
  move(): void {
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    this.value = (this.value + 1) % 600;
    const t = performance.now();
    this.ledger.sent.set(clock, { t, arrivals: 0 });
    this.pendingClock.push(clock);
    this.pendingT.push(t);
    if (this.ctx.phase.inWindow(t)) this.ctx.phase.windowSends++;
    this.strip.set('gainDb', -this.value / 10);
  }

  /** Forgets what was sent (between phases). */
  reset(): void {
    this.ledger.sent.clear();
    this.pendingClock = [];
    this.pendingT = [];
    this.head = 0;
  }

  private send(message: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  private onMessage(data: Buffer, now: number): number | undefined {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    if (type === MESSAGE_SYNC) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      const kind = syncProtocol.readSyncMessage(d, reply, this.doc, REMOTE);
      if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply));
      return kind;
    }
    if (type === MESSAGE_SAVED) {
      const committed = readSaved(d).get(this.doc.clientID);
      if (committed === undefined) return undefined;
      const phase = this.ctx.phase;
      while (this.head < this.pendingClock.length && this.pendingClock[this.head] < committed) {
        const t = this.pendingT[this.head];
        if (phase.inWindow(t)) {
          phase.windowCommits++;
          phase.commit.push(now - t);
        }
        this.head++;
      }
      if (this.head > 4096) {
        this.pendingClock = this.pendingClock.slice(this.head);
        this.pendingT = this.pendingT.slice(this.head);
        this.head = 0;
      }
      return undefined;
    }
    if (type === MESSAGE_AUTH) {
      decoding.readVarUint(d);
      const reason = decoding.readVarString(d);
      this.ctx.rejections++;
      this.ctx.rejectReasons.set(reason, (this.ctx.rejectReasons.get(reason) ?? 0) + 1);
    }
    return undefined;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]);
}

export interface RoomClients {
  ledger: RoomLedger;
  mover: Mover;
  receivers: Receiver[];
}

/** Connects every room's mover and receivers, a few sockets at a time. */
export async function connectRooms(
  urls: Array<{ mover: string; receiver: string | string[] }>,
  receiversPerRoom: number,
  ctx: BenchContext,
  concurrency = 16,
): Promise<RoomClients[]> {
  const rooms: RoomClients[] = [];
  const sockets: WebSocket[] = [];
  const jobs: Array<() => Promise<void>> = [];
  for (const url of urls) {
    const ledger = new RoomLedger();
    const room = { ledger, receivers: [] } as unknown as RoomClients;
    rooms.push(room);
    for (let i = 0; i < receiversPerRoom; i++) {
      const receiverUrl = Array.isArray(url.receiver) ? url.receiver[i % url.receiver.length] : url.receiver;
      jobs.push(async () => {
        const ws = await openSocket(receiverUrl, ctx);
        sockets.push(ws);
        const r = new Receiver(ws, ledger, ctx);
        await r.ready();
        room.receivers.push(r);
      });
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  const abort = (err: unknown) => {
    for (const ws of sockets) ws.terminate();
    throw err;
  };
  await Promise.all(Array.from({ length: concurrency }, worker)).catch(abort);
  // Movers last, so every receiver is attached before the first track exists.
  next = 0;
  jobs.length = 0;
  urls.forEach((url, i) =>
    jobs.push(async () => {
      const ws = await openSocket(url.mover, ctx);
      sockets.push(ws);
      const mover = new Mover(ws, rooms[i].ledger, ctx);
      await mover.ready();
      rooms[i].mover = mover;
    }),
  );
  await Promise.all(Array.from({ length: concurrency }, worker)).catch(abort);
  return rooms;
}

/** Closes every socket (normal close, then terminate what lingers). */
export async function disconnect(rooms: RoomClients[], ctx: BenchContext): Promise<void> {
  ctx.closed = true;
  const all = rooms.flatMap((r) => [r.mover?.ws, ...r.receivers.map((x) => x.ws)]).filter((ws): ws is WebSocket => !!ws);
  await Promise.all(
    all.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          const t = setTimeout(() => {
            ws.terminate();
            resolve();
          }, 2000);
          ws.once('close', () => {
            clearTimeout(t);
            resolve();
          });
          ws.close(1000);
        }),
    ),
  );
}

/**
 * Idle connections: each syncs an empty document once and then says nothing (the server's pings
 * are answered by ws itself). Spread over `urls` in turn; resolves once all are attached.
 */
export async function connectIdle(urls: string[], count: number, ctx: BenchContext, concurrency = 32): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const url = urls[next++ % urls.length];
      const ws = await openSocket(url, ctx);
      sockets.push(ws);
      const greeted = new Promise<void>((resolve) => ws.once('message', () => resolve()));
      ws.on('message', (data: Buffer) => {
        const d = decoding.createDecoder(data);
        if (decoding.readVarUint(d) === MESSAGE_SYNC && decoding.readVarUint(d) === syncProtocol.messageYjsSyncStep1) ws.send(EMPTY_STEP2);
      });
      ws.send(EMPTY_STEP1);
      await withTimeout(greeted, 20_000, 'an idle connection greeting');
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } catch (err) {
    for (const ws of sockets) ws.terminate();
    throw err;
  }
  return sockets;
}
