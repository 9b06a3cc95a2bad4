import * as decoding from 'lib0/decoding';
import { ROOT_NAMES } from '../../lib/doc/paths';

/**
 * Reads a Yjs v1 update without applying it, so that the gate can refuse what no honest client
 * sends before any document sees it (SPEC G11-G14). The reader allocates no structs, stops at the
 * first refusal and never reads past its bounds: its cost is linear in the bytes, which the
 * connection's limits already bound.
 *
 * Layout (yjs `writeStructs` / `writeDeleteSet`, v1 encoding): varUint clients, then per client
 * varUint structs, varUint client, varUint clock and the structs; then the delete set: varUint
 * clients, per client varUint client, varUint ranges and (varUint clock, varUint len) pairs.
 */

/** Bounds of one update. Each has a default in `sync-limits.ts`. */
export interface UpdateBounds {
  /** Structs in one update. */
  maxStructs: number;
  /** Clock ticks one update may add under one client id (list items count one each). */
  maxClockSpan: number;
  /** Delete-set ranges in one update. */
  maxDeleteRanges: number;
}

export const SCAN_REFUSALS = {
  /** Not a Yjs v1 update: truncated, out-of-range numbers, unknown content, trailing bytes. */
  malformed: 'malformed',
  /** GC or Skip structs: server-side bookkeeping that no client writes (G12). */
  gc: 'gc',
  /** Content no accessor writes: text, XML, binary, embedded documents (G5). */
  structure: 'structure',
  /** A parent root other than meta, tracks, buses, master (G4). */
  new_root: 'new_root',
  /** Over one of the update's bounds (G14). */
  too_large: 'too_large',
} as const;
export type ScanRefusal = (typeof SCAN_REFUSALS)[keyof typeof SCAN_REFUSALS];

/** The clock range an update writes under one client id: [from, to). */
export interface ClockSpan {
  from: number;
  to: number;
}

export interface UpdateScan {
  /** Client ids the update writes structs under, with their clock ranges. */
  writes: Map<number, ClockSpan>;
  structs: number;
  /** Delete set: per client id, [clock, len] ranges. */
  deletes: Map<number, Array<[number, number]>>;
  deleteRanges: number;
}

export type ScanResult = ({ ok: true } & UpdateScan) | { ok: false; code: ScanRefusal; message: string; path?: string };

const BITS5 = 31;
const HAS_ORIGIN = 128;
const HAS_RIGHT_ORIGIN = 64;
const HAS_PARENT_SUB = 32;
const CONTENT = { gc: 0, deleted: 1, type: 7, any: 8, skip: 10 } as const;
/** Y.Array and Y.Map: the only shared types the document has (SPEC L4). */
const TYPE_REFS: ReadonlySet<number> = new Set([0, 1]);
const ROOTS: ReadonlySet<string> = new Set(ROOT_NAMES);

class Refused extends Error {
  constructor(
    readonly code: ScanRefusal,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** Scans `update` against `bounds`; never throws. */
export function scanUpdate(update: Uint8Array, bounds: UpdateBounds): ScanResult {
  try {
    return { ok: true, ...read(decoding.createDecoder(update), bounds) };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, code: err.code, message: err.message, ...(err.path !== undefined ? { path: err.path } : {}) };
    return { ok: false, code: 'malformed', message: `not a Yjs update: ${(err as Error).message}` };
  }
}

function read(decoder: decoding.Decoder, bounds: UpdateBounds): UpdateScan {
  const writes = new Map<number, ClockSpan>();
  let structs = 0;
  const groups = decoding.readVarUint(decoder);
  for (let g = 0; g < groups; g++) {
    const count = decoding.readVarUint(decoder);
    const client = decoding.readVarUint(decoder);
    const from = decoding.readVarUint(decoder);
    structs += count;
    if (structs > bounds.maxStructs) throw new Refused('too_large', `more than ${bounds.maxStructs} structs in one update`);
    if (writes.has(client)) throw new Refused('malformed', `client ${client} appears twice`);
    let clock = from;
    for (let i = 0; i < count; i++) {
      clock += readStruct(decoder);
      if (clock - from > bounds.maxClockSpan) {
        throw new Refused('too_large', `more than ${bounds.maxClockSpan} clock ticks under client ${client} in one update`);
      }
    }
    writes.set(client, { from, to: clock });
  }
  const deletes = new Map<number, Array<[number, number]>>();
  let deleteRanges = 0;
  const dsClients = decoding.readVarUint(decoder);
  for (let c = 0; c < dsClients; c++) {
    const client = decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    deleteRanges += count;
    if (deleteRanges > bounds.maxDeleteRanges) throw new Refused('too_large', `more than ${bounds.maxDeleteRanges} delete ranges in one update`);
    const ranges = deletes.get(client) ?? [];
    for (let i = 0; i < count; i++) ranges.push([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]);
    if (ranges.length > 0) deletes.set(client, ranges);
  }
  if (decoding.hasContent(decoder)) throw new Refused('malformed', 'trailing bytes after the delete set');
  return { writes, structs, deletes, deleteRanges };
}

/** Reads one struct and returns its length in clock ticks. */
function readStruct(decoder: decoding.Decoder): number {
  const info = decoding.readUint8(decoder);
  const content = info & BITS5;
  if (content === CONTENT.gc || content === CONTENT.skip) {
    throw new Refused('gc', `${content === CONTENT.gc ? 'GC' : 'Skip'} structs are never sent by clients`);
  }
  if (info & HAS_ORIGIN) readId(decoder);
  if (info & HAS_RIGHT_ORIGIN) readId(decoder);
  if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
    if (decoding.readVarUint(decoder) === 1) {
      const root = decoding.readVarString(decoder);
      if (!ROOTS.has(root)) throw new Refused('new_root', `new root type ${JSON.stringify(root.slice(0, 64))}`, root.slice(0, 64));
    } else {
      readId(decoder);
    }
    if (info & HAS_PARENT_SUB) decoding.readVarString(decoder);
  }
  switch (content) {
    case CONTENT.deleted:
      return positive(decoding.readVarUint(decoder));
    case CONTENT.any: {
      const len = positive(decoding.readVarUint(decoder));
      for (let i = 0; i < len; i++) decoding.readAny(decoder);
      return len;
    }
    case CONTENT.type: {
      const ref = decoding.readVarUint(decoder);
      if (!TYPE_REFS.has(ref)) throw new Refused('structure', `shared type ${ref} is not a Y.Map or Y.Array`);
      return 1;
    }
    default:
      throw new Refused('structure', `content type ${content} is not used by this document`);
  }
}

function readId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}

/** Yjs never writes an empty struct; one of length 0 would make a clock range that is not one. */
function positive(len: number): number {
  if (len < 1) throw new Refused('malformed', 'a struct of length 0');
  return len;
}
