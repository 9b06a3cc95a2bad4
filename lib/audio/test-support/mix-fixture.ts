/** Builds MixSnapshots for tests through the real document accessors and readMix. Test-only. */
import * as Y from 'yjs';
import {
  createBus, createTrack, readMix, setAutomation, setBusParam, setBusStripParam, setMetaField, setSend,
  setStripParam, setTrackField, type AutomationParam, type AutomationPoint, type BusKind, type BusStripParam,
  type MixSnapshot, type StripParam,
} from '../../doc';

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
}

export interface BusSpec {
  id: string;
  kind: BusKind;
  params?: Record<string, number>;
  strip?: Partial<Record<BusStripParam, number | boolean>>;
}

export interface MixSpec {
  tracks: TrackSpec[];
  buses?: BusSpec[];
  sampleRate?: number;
  lengthSec?: number;
}

export function buildDoc(spec: MixSpec): Y.Doc {
  const doc = new Y.Doc();
  if (spec.sampleRate) setMetaField(doc, 'sampleRate', spec.sampleRate);
  if (spec.lengthSec) setMetaField(doc, 'lengthSec', spec.lengthSec);
  for (const bus of spec.buses ?? []) {
    createBus(doc, bus.id, { name: bus.id, kind: bus.kind });
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
  });
  return doc;
}

export function buildMix(spec: MixSpec): MixSnapshot {
  return readMix(buildDoc(spec));
}

export { setStripParam, setTrackField };
