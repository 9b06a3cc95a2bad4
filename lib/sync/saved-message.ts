import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The Saved message (server -> client, only with `?acks=1`): after a database commit that included
 * updates of this connection, `varUint 8, varUint n, n x (varUint clientID, varUint clock)`: every
 * update of that client id with a clock below that value is committed. See server/sync/PROTOCOL.md.
 */
export const MESSAGE_SAVED = 8;

/** y-websocket's top-level message types, as the stock provider numbers them. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * The close code of a socket whose edit the server could not take because it cannot save right
 * now (its database away and its backlog full, PROTOCOL W19): transient, the client keeps the edit
 * and sends it again when it reconnects.
 */
export const CLOSE_SAVES_BACKLOGGED = 4503;

export function writeSaved(encoder: encoding.Encoder, committed: ReadonlyMap<number, number>): void {
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint(encoder, committed.size);
  for (const [client, clock] of committed) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
}

export function encodeSaved(committed: ReadonlyMap<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  writeSaved(encoder, committed);
  return encoding.toUint8Array(encoder);
}

/** Reads the body of a Saved message (after its type). */
export function readSaved(decoder: decoding.Decoder): Map<number, number> {
  const n = decoding.readVarUint(decoder);
  const committed = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const client = decoding.readVarUint(decoder);
    committed.set(client, decoding.readVarUint(decoder));
  }
  return committed;
}
