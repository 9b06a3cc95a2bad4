import * as Y from 'yjs';
import { z } from 'zod';
import { COMP_SHAPE, EQ_SHAPE, noteSync } from './processor-shapes';
import { entityId } from './units';
import { entriesOf, ymap, ymapDefault } from './ymap-schema';

const num = (min: number, max: number) => z.number().min(min).max(max);

/** Processors a strip's insert list can hold (SPEC L18). `pitch` only on tracks. */
export const INSERT_KINDS = {
  eq: 'eq',
  comp: 'comp',
  chorus: 'chorus',
  flanger: 'flanger',
  phaser: 'phaser',
  tremolo: 'tremolo',
  auto_pan: 'auto_pan',
  pitch: 'pitch',
} as const;
export type InsertKind = (typeof INSERT_KINDS)[keyof typeof INSERT_KINDS];

/** The insert kinds a bus strip can hold: all but pitch correction, which works on one stem. */
export const BUS_INSERT_KINDS = ['eq', 'comp', 'chorus', 'flanger', 'phaser', 'tremolo', 'auto_pan'] as const satisfies readonly InsertKind[];

/** At most this many inserts on one strip: bounded so that validating a touched track stays cheap (L9). */
export const MAX_INSERTS = 16;

/** The LFO of a modulation effect: free in Hz, or one cycle per note value at the project tempo. */
const lfoShape = (rateHz: number) => ({ rateHz: num(0.01, 20).default(rateHz), sync: noteSync.default('off') });

/** Pitch classes of a key: 0 = C ... 9 = A ... 11 = B. */
export const PITCH_SCALES = { chromatic: 'chromatic', major: 'major', minor: 'minor' } as const;
export type PitchScale = (typeof PITCH_SCALES)[keyof typeof PITCH_SCALES];

/** Parameters per insert kind (SPEC L18); an insert's `params` map holds only its own kind's keys. */
export const INSERT_PARAM_SHAPES = {
  eq: EQ_SHAPE,
  /** The strip compressor without its own switch: the insert's `bypass` is the switch. */
  comp: Object.fromEntries(Object.entries(COMP_SHAPE).filter(([key]) => key !== 'on')) as Omit<typeof COMP_SHAPE, 'on'>,
  chorus: { ...lfoShape(0.8), depth: num(0, 1).default(0.5), feedback: num(-0.95, 0.95).default(0), mix: num(0, 1).default(0.5) },
  flanger: { ...lfoShape(0.25), depth: num(0, 1).default(0.7), feedback: num(-0.95, 0.95).default(0.5), mix: num(0, 1).default(0.5) },
  phaser: { ...lfoShape(0.5), depth: num(0, 1).default(0.8), feedback: num(-0.9, 0.9).default(0.4), mix: num(0, 1).default(0.5) },
  tremolo: { ...lfoShape(5), depth: num(0, 1).default(0.5), mix: num(0, 1).default(1) },
  auto_pan: { ...lfoShape(0.5), depth: num(0, 1).default(0.7) },
  pitch: {
    key: z.number().int().min(0).max(11).default(9),
    scale: z.enum(PITCH_SCALES).default('minor'),
    /** Time to reach the note: 0 snaps at once. */
    retuneMs: num(0, 400).default(20),
    /** Share of the singer's own movement around the note kept. */
    humanize: num(0, 1).default(0),
  },
};

type Params<K extends InsertKind> = z.output<z.ZodObject<(typeof INSERT_PARAM_SHAPES)[K]>>;
export type InsertParamsOf<K extends InsertKind> = Params<K>;

interface InsertBase {
  /** Position in the list: ascending, ties broken by id. */
  order: number;
  /** Bypassed: the signal passes untouched (the processor does not run). */
  bypass: boolean;
}
/** An insert as the engine sees it: every parameter filled in. */
export type InsertData = { [K in InsertKind]: InsertBase & { kind: K; params: Params<K> } }[InsertKind];

const PARAM_SCHEMAS = Object.fromEntries(
  Object.entries(INSERT_PARAM_SHAPES).map(([kind, shape]) => [kind, ymapDefault(shape as z.ZodRawShape)]),
) as unknown as Record<InsertKind, z.ZodType>;

export const INSERT_SHAPE = {
  kind: z.enum(INSERT_KINDS),
  order: num(-1e9, 1e9).default(0),
  bypass: z.boolean().default(false),
  params: z.instanceof(Y.Map).optional(),
};

function insertSchema(kinds: readonly InsertKind[]) {
  return ymap(INSERT_SHAPE).transform((insert, ctx): InsertData => {
    if (!kinds.includes(insert.kind)) {
      ctx.issues.push({ code: 'custom', path: ['kind'], message: `a ${insert.kind} insert is not allowed here`, input: insert.kind });
      return z.NEVER;
    }
    const parsed = PARAM_SCHEMAS[insert.kind].safeParse(insert.params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, path: ['params', ...issue.path] } as never);
      return z.NEVER;
    }
    return { kind: insert.kind, order: insert.order, bypass: insert.bypass, params: parsed.data } as InsertData;
  });
}

function insertsSchema(kinds: readonly InsertKind[]) {
  const one = insertSchema(kinds);
  return z
    .instanceof(Y.Map)
    .transform(entriesOf)
    .pipe(z.record(entityId, one))
    .refine((inserts) => Object.keys(inserts).length <= MAX_INSERTS, `at most ${MAX_INSERTS} inserts on a strip`)
    .default(() => ({}));
}

/** A track strip's inserts: insert id -> insert (SPEC L18). */
export const trackInsertsSchema = insertsSchema(Object.values(INSERT_KINDS));
/** A bus strip's inserts: as a track's, without pitch correction. */
export const busInsertsSchema = insertsSchema(BUS_INSERT_KINDS);

export { orderedInserts } from './insert-order';
