/** Builds MixSnapshots for tests through the real document accessors and readMix. Test-only. */
import * as Y from 'yjs';
import {
  addInsert, createBus, createTrack, readMix, setAutomation, setBusParam, setBusStripParam, setClipParam, setInsertBypass,
  setInsertParam, setMetaField, setSend, setStripParam, setTrackField, type AutomationParam, type AutomationPoint, type BusKind,
  type BusStripParam, type ClipParam, type InsertKind, type MixSnapshot, type StripOwner, type StripParam,
} from '../../doc';

/** One insert of a strip, in list order. */
export interface InsertSpec {
  id: string;
  kind: InsertKind;
  /** Dotted params of its kind, e.g. `{ rateHz: 2, sync: '1/8' }` or `{ 'peak1.on': true }`. */
  params?: Record<string, number | string | boolean>;
  bypass?: boolean;
}

export interface TrackSpec {
  id: string;
  stemId: string;
  gainDb?: number;
  pan?: number;
  mute?: boolean;
  solo?: boolean;
  offsetSec?: number;
  /** Dotted strip parameters, e.g. `{ 'eq.highpass.on': true }`. */
  strip?: Partial<Record<StripParam, number | boolean | string>>;
  sends?: Record<string, { levelDb?: number; pre?: boolean }>;
  automation?: Partial<Record<AutomationParam, AutomationPoint[]>>;
  order?: number;
  /** Clip parameters (SPEC L20), e.g. `{ trimStartSec: 0.1, 'fadeIn.durationSec': 0.5 }`. */
  clip?: Partial<Record<ClipParam, number | string>>;
  inserts?: InsertSpec[];
}

export interface BusSpec {
  id: string;
  kind: BusKind;
  params?: Record<string, number | string | boolean>;
  strip?: Partial<Record<BusStripParam, number | boolean>>;
  inserts?: InsertSpec[];
  order?: number;
}

export interface MixSpec {
  tracks: TrackSpec[];
  buses?: BusSpec[];
  sampleRate?: number;
  lengthSec?: number;
  bpm?: number;
}

function addInserts(doc: Y.Doc, owner: StripOwner, inserts: readonly InsertSpec[] = []): void {
  for (const insert of inserts) {
    addInsert(doc, owner, insert.id, { kind: insert.kind });
    for (const [param, value] of Object.entries(insert.params ?? {})) setInsertParam(doc, owner, insert.id, param, value);
    if (insert.bypass) setInsertBypass(doc, owner, insert.id, true);
  }
}

export function buildDoc(spec: MixSpec): Y.Doc {
  const doc = new Y.Doc();
  if (spec.sampleRate) setMetaField(doc, 'sampleRate', spec.sampleRate);
  if (spec.lengthSec) setMetaField(doc, 'lengthSec', spec.lengthSec);
  if (spec.bpm) setMetaField(doc, 'bpm', spec.bpm);
  for (const bus of spec.buses ?? []) {
    createBus(doc, bus.id, { name: bus.id, kind: bus.kind, order: bus.order });
    addInserts(doc, { kind: 'bus', id: bus.id }, bus.inserts);
    for (const [param, value] of Object.entries(bus.params ?? {})) setBusParam(doc, bus.id, param, value);
    for (const [param, value] of Object.entries(bus.strip ?? {})) setBusStripParam(doc, bus.id, param as BusStripParam, value as never);
  }
  spec.tracks.forEach((t, k) => {
    createTrack(doc, t.id, {
      name: t.id, stemId: t.stemId, gainDb: t.gainDb, pan: t.pan, mute: t.mute, solo: t.solo,
      offsetSec: t.offsetSec, order: t.order ?? k,
    });
    for (const [param, value] of Object.entries(t.strip ?? {})) setStripParam(doc, t.id, param as StripParam, value as never);
    for (const [busId, send] of Object.entries(t.sends ?? {})) setSend(doc, t.id, busId, send);
    for (const [param, points] of Object.entries(t.automation ?? {})) setAutomation(doc, t.id, param as AutomationParam, points ?? []);
    for (const [param, value] of Object.entries(t.clip ?? {})) setClipParam(doc, t.id, param as ClipParam, value as never);
    addInserts(doc, { kind: 'track', id: t.id }, t.inserts);
  });
  return doc;
}

export function buildMix(spec: MixSpec): MixSnapshot {
  return readMix(buildDoc(spec));
}

export { setStripParam, setTrackField };
