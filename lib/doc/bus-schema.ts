import * as Y from 'yjs';
import { z } from 'zod';
import { busInsertsSchema } from './insert-schema';
import { COMP_SHAPE, EQ_SHAPE, noteSync } from './processor-shapes';
import { gainDb, hertz, name, pan } from './units';
import { ymap, ymapDefault } from './ymap-schema';

const num = (min: number, max: number) => z.number().min(min).max(max);

/** Parameters per bus kind (SPEC L8); a bus's `params` map holds only its own kind's keys. */
export const BUS_PARAM_SHAPES = {
  reverb: {
    decaySec: num(0.1, 30).default(2),
    preDelayMs: num(0, 500).default(0),
    dampingHz: hertz.default(8_000),
    /** Room size: 0 small .. 1 large. */
    size: num(0, 1).default(0.6),
    /** Wet share of the bus's output: 1 is the return alone. */
    mix: num(0, 1).default(1),
  },
  delay: {
    /** The echo time while `sync` is off. */
    timeMs: num(1, 4_000).default(375),
    /** A note value at `meta.bpm`, or 'off' (SPEC L19). */
    sync: noteSync.default('off'),
    feedback: num(0, 0.95).default(0.35),
    dampingHz: hertz.default(8_000),
    /** Echoes alternate between left and right. */
    pingPong: z.boolean().default(false),
  },
  group: {},
};

export type ReverbParams = z.output<z.ZodObject<typeof BUS_PARAM_SHAPES.reverb>>;
export type DelayParams = z.output<z.ZodObject<typeof BUS_PARAM_SHAPES.delay>>;

export const BUS_STRIP_SHAPE = {
  gainDb: gainDb.default(0),
  pan: pan.default(0),
  mute: z.boolean().default(false),
  solo: z.boolean().default(false),
  eq: ymapDefault(EQ_SHAPE),
  comp: ymapDefault(COMP_SHAPE),
  /** As a track's inserts, without pitch correction (SPEC L18). */
  inserts: busInsertsSchema,
};
export type BusStrip = z.output<z.ZodObject<typeof BUS_STRIP_SHAPE>>;

interface BusBase {
  name: string;
  /** Position in the console: ascending, ties broken by id. */
  order: number;
  strip: BusStrip;
}
/** A bus as the engine sees it: every field filled in. Buses always feed the master. */
export type BusData =
  | (BusBase & { kind: 'reverb'; params: ReverbParams })
  | (BusBase & { kind: 'delay'; params: DelayParams })
  | (BusBase & { kind: 'group'; params: Record<string, never> });

const PARAM_SCHEMAS = {
  reverb: ymapDefault(BUS_PARAM_SHAPES.reverb),
  delay: ymapDefault(BUS_PARAM_SHAPES.delay),
  group: ymapDefault(BUS_PARAM_SHAPES.group),
};

export const busSchema = ymap({
  name,
  kind: z.enum(['reverb', 'delay', 'group']),
  order: num(-1e9, 1e9).default(0),
  params: z.instanceof(Y.Map).optional(),
  strip: ymapDefault(BUS_STRIP_SHAPE),
}).transform((bus, ctx): BusData => {
  const parsed = PARAM_SCHEMAS[bus.kind].safeParse(bus.params);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, path: ['params', ...issue.path] } as never);
    return z.NEVER;
  }
  return { ...bus, params: parsed.data } as BusData;
});
