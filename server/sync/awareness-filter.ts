import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One entry of a y-protocols awareness update. `state` is the parsed JSON (null = removed). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
  /** Length of the state's JSON text in bytes (UTF-16 code units, as encoded). */
  bytes: number;
}

/** Decodes an awareness update (`varUint n`, then n x `varUint client, varUint clock, varString json`). */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const n = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    const parsed: unknown = JSON.parse(json);
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) throw new Error('an awareness state must be an object or null');
    entries.push({ clientId, clock, state: parsed as Record<string, unknown> | null, bytes: json.length });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness update');
  return entries;
}

export function writeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

/** The identity the server stamps into every awareness state: never taken from the client. */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
  role: string;
}

const PALETTE = ['#f5a524', '#4cc38a', '#52a9ff', '#e5484d', '#b58cff', '#f76808', '#12a594', '#e93d82', '#8da4ef', '#ffc53d'];

/** A stable colour per user: the same person has the same colour in every browser. */
export function colorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}
