import * as Y from 'yjs';
import { createBus, initMaster } from './doc-accessors';
import { addInsert } from './insert-accessors';
import { readMix, type MixSnapshot } from './read-mix';
import { BUS_KINDS } from './schema';
import { INSERT_KINDS } from './insert-schema';
import { createTrack, setSend } from './track-accessors';

type Plain = Record<string, unknown>;

const isRecord = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What `readMix` fills in for a new track, bus of each kind, insert of each kind, send, master and meta. */
interface Templates {
  track: Plain;
  buses: Record<string, Plain>;
  inserts: Record<string, Plain>;
  send: Plain;
  master: Plain;
  meta: Plain;
}

let templates: Templates | undefined;

/** Made once, on first use, by reading a document that has one of everything at its defaults. */
function getTemplates(): Templates {
  if (templates) return templates;
  const doc = new Y.Doc();
  initMaster(doc);
  for (const kind of Object.values(BUS_KINDS)) createBus(doc, kind, { name: kind, kind });
  createTrack(doc, 't', { name: 't' });
  setSend(doc, 't', BUS_KINDS.reverb, {});
  for (const kind of Object.values(INSERT_KINDS)) addInsert(doc, { kind: 'track', id: 't' }, kind, { kind });
  const mix = readMix(doc);
  const track = mix.tracks[0] as unknown as Plain & { strip: Plain & { inserts: Record<string, Plain>; sends: Record<string, Plain> } };
  templates = {
    track: { ...track, strip: { ...track.strip, inserts: {}, sends: {} } },
    buses: Object.fromEntries(mix.buses.map((bus) => [bus.kind, { ...(bus as unknown as Plain), strip: { ...(bus.strip as unknown as Plain), inserts: {} } }])),
    inserts: track.strip.inserts,
    send: track.strip.sends[BUS_KINDS.reverb],
    master: mix.master as unknown as Plain,
    meta: mix.meta as unknown as Plain,
  };
  return templates;
}

/** `value` with every key `template` has and `value` lacks taken from `template`, nested maps too. */
function fill(value: unknown, template: unknown): unknown {
  if (!isRecord(value) || !isRecord(template)) return value === undefined ? template : value;
  const out: Plain = { ...value };
  for (const [key, t] of Object.entries(template)) out[key] = key in value ? fill(value[key], t) : t;
  return out;
}

/** A strip's own inserts and sends (maps by id) filled per entry: inserts by their kind. */
function fillStrip(strip: unknown, template: Templates): unknown {
  if (!isRecord(strip)) return strip;
  const inserts = isRecord(strip.inserts)
    ? Object.fromEntries(Object.entries(strip.inserts).map(([id, insert]) => [id, fill(insert, isRecord(insert) ? template.inserts[String(insert.kind)] : undefined)]))
    : strip.inserts;
  const sends = isRecord(strip.sends) ? Object.fromEntries(Object.entries(strip.sends).map(([id, send]) => [id, fill(send, template.send)])) : strip.sends;
  return { ...strip, inserts, sends };
}

/**
 * A snapshot with every field it lacks at the default `readMix` gives it today (a revision stored
 * before a field existed: clips, inserts, bus order, reverb size and mix, delay sync before
 * issue 18), so comparing it with a newer snapshot shows only what was changed, never what a newer
 * version added at its default. Values present are kept as they are, even out of today's range.
 */
export function withDefaults(snapshot: MixSnapshot): MixSnapshot {
  const template = getTemplates();
  const tracks = snapshot.tracks.map((track) => {
    const filled = fill(track, template.track) as Plain;
    return { ...filled, strip: fillStrip(filled.strip, template) };
  });
  const buses = snapshot.buses.map((bus) => {
    const filled = fill(bus, template.buses[bus.kind]) as Plain;
    return { ...filled, strip: fillStrip(filled.strip, template) };
  });
  return {
    ...snapshot,
    tracks,
    buses,
    master: fill(snapshot.master, template.master),
    meta: fill(snapshot.meta, template.meta),
  } as unknown as MixSnapshot;
}
