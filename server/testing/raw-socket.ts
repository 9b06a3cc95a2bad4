import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import { MESSAGE_SYNC } from '../../lib/sync/saved-message';

/** A /sync socket that speaks the protocol by hand: records what it receives and how it closed. */
export interface RawSocket {
  ws: WebSocket;
  received: Uint8Array[];
  opened: Promise<void>;
  closed(): { code: number; reason: string } | undefined;
  /** Sends `update` as a y-protocols sync update message. */
  sendUpdate(update: Uint8Array): void;
  /** True once a message of this top-level type arrived (2: auth, i.e. permission denied). */
  got(type: number): boolean;
}

export function openRawSocket(baseUrl: string, projectId: string, token: string, query = ''): RawSocket {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/sync/${projectId}?token=${token}${query}`);
  const received: Uint8Array[] = [];
  let closed: { code: number; reason: string } | undefined;
  ws.on('message', (d: Buffer) => received.push(new Uint8Array(d)));
  ws.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  // After the open, errors only precede a close, which `closed()` reports.
  opened.then(() => ws.on('error', () => undefined), () => undefined);
  return {
    ws,
    received,
    opened,
    closed: () => closed,
    sendUpdate: (update) => ws.send(syncFrame((e) => syncProtocol.writeUpdate(e, update))),
    got: (type) => received.some((m) => m[0] === type),
  };
}

/** A sync message (type 0) whose body `write` encodes. */
export function syncFrame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  write(e);
  return encoding.toUint8Array(e);
}
