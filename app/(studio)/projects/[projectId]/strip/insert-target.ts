import type { CompParams, EqParams, MixTarget } from '../mixer/mix-target';

/** What an EQ or compressor insert edits, under the names the strip's own panels use. */
export type InsertPanelParams = EqParams & CompParams;

type InsertHost = MixTarget<Record<string, unknown>>;

/**
 * The EQ and compressor panels of a strip, pointed at one of its inserts: `eq.peak1.gainDb` is the
 * insert's `peak1.gainDb`, `comp.ratio` its `ratio`, and the compressor's power switch is the
 * insert's bypass (an insert has no switch of its own; SPEC L18).
 */
export function insertTarget<M extends Partial<InsertPanelParams>>(host: MixTarget<never>, insertId: string): MixTarget<M> {
  const t = host as unknown as InsertHost;
  const name = (param: string) => (param === 'comp.on' ? `insert:${insertId}:bypass` : `insert:${insertId}:${param.replace(/^(eq|comp)\./, '')}`);
  return {
    kind: t.kind,
    id: t.id,
    pathOf: (param) => t.pathOf(name(param)),
    push: (param, value) => t.push(name(param) as never, value),
    endGesture: (param) => t.endGesture(name(param) as never),
    set: (param, value) => t.set(name(param), param === 'comp.on' ? !value : value),
  } as MixTarget<M>;
}
