import { z } from 'zod';
import { entityId, MAX_NAME_CHARS, gainDb, MAX_ASSIGNEES, MAX_AUTOMATION_POINTS, MAX_TIMELINE_SEC, name, pan, seconds, trimDb, userId } from './units';
import { COMP_SHAPE, EQ_SHAPE, FADE_SHAPE } from './processor-shapes';
import { CLIP_SHAPE } from './clip-schema';
import { trackInsertsSchema } from './insert-schema';
import { yarray, ymap, ymapDefault, yrecord } from './ymap-schema';
import { controlCharsMessage, hasControlChars } from '../names';

export * from './units';
export * from './processor-shapes';
export * from './insert-schema';
export * from './clip-schema';

const num = (min: number, max: number) => z.number().min(min).max(max);
const off = () => z.boolean().default(false);

export const REVIEW_STATES = {
  in_progress: 'in_progress',
  ready: 'ready',
  approved: 'approved',
  changes_requested: 'changes_requested',
} as const;
export type ReviewState = (typeof REVIEW_STATES)[keyof typeof REVIEW_STATES];

/** The longest note the lead leaves when requesting changes on a track. */
export const MAX_REVIEW_NOTE_CHARS = 2_000;
/** Control characters but line breaks and tabs, which a note may hold. */
// eslint-disable-next-line no-control-regex
const NOTE_CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
export const reviewNote = z
  .string()
  .max(MAX_REVIEW_NOTE_CHARS)
  .refine((s) => !NOTE_CONTROL_CHARS.test(s), 'a review note must not contain control characters');

export const BUS_KINDS = { reverb: 'reverb', delay: 'delay', group: 'group' } as const;
export type BusKind = (typeof BUS_KINDS)[keyof typeof BUS_KINDS];

/** Loudness normalisation presets; `none` leaves the level alone (flat). */
export const LOUDNESS_TARGETS = {
  none: 'none',
  spotify: 'spotify',
  apple_music: 'apple_music',
  youtube: 'youtube',
  tidal: 'tidal',
  amazon: 'amazon',
  deezer: 'deezer',
  cd: 'cd',
  ebu_r128: 'ebu_r128',
  soundcloud: 'soundcloud',
  podcast: 'podcast',
  atsc_a85: 'atsc_a85',
  /** `master.customTarget` gives the loudness and ceiling. */
  custom: 'custom',
} as const;
export type LoudnessTarget = (typeof LOUDNESS_TARGETS)[keyof typeof LOUDNESS_TARGETS];
export { LOUDNESS_TARGET_LABELS } from './target-labels';


export const SAMPLE_RATES = [44_100, 48_000, 88_200, 96_000, 176_400, 192_000] as const;

/** The output every strip routes to unless it names a bus (SPEC L6). */
export const MASTER_OUTPUT = 'master';

export const SEND_SHAPE = { levelDb: gainDb.default(0), pre: off() };

export const STRIP_SHAPE = {
  gainDb,
  pan,
  mute: z.boolean(),
  solo: z.boolean(),
  trimDb: trimDb.default(0),
  /** Polarity inversion. */
  phase: off(),
  eq: ymapDefault(EQ_SHAPE),
  comp: ymapDefault(COMP_SHAPE),
  sends: yrecord(entityId, ymap(SEND_SHAPE)).default(() => ({})),
  /** A bus id or 'master'. */
  output: entityId.default(MASTER_OUTPUT),
  /** Insert id -> insert, processed after the compressor in `order` (SPEC L18). */
  inserts: trackInsertsSchema,
};

/** `gainDb`, `pan`, `mute`, `send:<busId>` or `bypass:<insertId>` (SPEC L7). */
export const automationParam = z.string().regex(/^(gainDb|pan|mute|send:[^]{1,64}|bypass:[^]{1,64})$/);
export const automationPoint = z.tuple([seconds, z.number()]);

const onOff = z.union([z.literal(0), z.literal(1)]);
const AUTOMATION_RANGES: Record<string, z.ZodType> = { gainDb, pan, mute: onOff };

/** The range of one automation lane's values: a send lane uses the send level range, a bypass lane 0 or 1. */
export function automationValueSchema(param: string): z.ZodType {
  return AUTOMATION_RANGES[param] ?? (param.startsWith('bypass:') ? onOff : gainDb);
}

export const automationSchema = yrecord(automationParam, yarray(automationPoint, MAX_AUTOMATION_POINTS)).superRefine((lanes, ctx) => {
  for (const [param, points] of Object.entries(lanes)) {
    const range = automationValueSchema(param);
    points.forEach(([, value], i) => {
      if (!range.safeParse(value).success) ctx.addIssue({ code: 'custom', path: [param, i, 1], message: `value out of range for ${param}` });
    });
  }
});

export const TRACK_SHAPE = {
  name,
  assignees: yarray(userId, MAX_ASSIGNEES),
  strip: ymap(STRIP_SHAPE),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#8a8f98'),
  /** Display order; ties broken by id. */
  order: num(-1e9, 1e9).default(0),
  stemId: z.string().min(1).max(128).nullable().default(null),
  offsetSec: num(-3_600, MAX_TIMELINE_SEC).default(0),
  /** Trim, gain and fades of the stem on the timeline (SPEC L20). */
  clip: ymapDefault(CLIP_SHAPE),
  automation: automationSchema.default(() => ({})),
  /** Where the track stands: its mixer marks it ready, the lead approves it or requests changes with a note (SPEC P4). */
  review: ymapDefault({ state: z.enum(REVIEW_STATES).default('in_progress'), note: reviewNote.default('') }),
};
export const trackSchema = ymap(TRACK_SHAPE);

export const META_SHAPE = {
  title: z.string().max(MAX_NAME_CHARS).refine((s) => !hasControlChars(s), controlCharsMessage('the title')).default('Untitled'),
  sampleRate: z.union(SAMPLE_RATES.map((r) => z.literal(r)) as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]).default(48_000),
  bpm: num(20, 400).default(120),
  lengthSec: seconds.default(0),
};
export const metaSchema = ymap(META_SHAPE);

export const LIMITER_SHAPE = {
  on: off(),
  ceilingDbtp: num(-12, 0).default(-1),
  releaseMs: num(1, 1_000).default(50),
  /** How far ahead the limiter sees peaks coming: its attack time and part of the master's latency. */
  lookaheadMs: num(1, 20).default(5),
};

/** How the master EQ filters: the strip's biquads, or one linear-phase FIR with the same magnitude response. */
export const MASTER_EQ_MODES = { minimum_phase: 'minimum_phase', linear_phase: 'linear_phase' } as const;
export type MasterEqMode = (typeof MASTER_EQ_MODES)[keyof typeof MASTER_EQ_MODES];

/** The strip compressor plus a high-pass in its detector, so that bass does not pump the whole mix. */
export const MASTER_COMP_SHAPE = { ...COMP_SHAPE, sidechainHpOn: off(), sidechainHpHz: num(20, 500).default(100) };

export const MASTER_SHAPE = {
  /** Gain into the master chain, before the EQ. */
  inputGainDb: trimDb.default(0),
  eq: ymapDefault(EQ_SHAPE),
  eqMode: z.enum(MASTER_EQ_MODES).default('minimum_phase'),
  comp: ymapDefault(MASTER_COMP_SHAPE),
  /** Stereo width: 0 mono, 1 unchanged, 2 widest. */
  width: num(0, 2).default(1),
  /** Side signal removed below `freqHz` (bass in mono). */
  monoBass: ymapDefault({ on: off(), freqHz: num(20, 500).default(120) }),
  limiter: ymapDefault(LIMITER_SHAPE),
  target: z.enum(LOUDNESS_TARGETS).default('none'),
  /** Used when `target` is 'custom'. */
  customTarget: ymapDefault({ integratedLufs: num(-40, -5).default(-14), ceilingDbtp: num(-12, 0).default(-1) }),
  fadeIn: ymapDefault(FADE_SHAPE),
  fadeOut: ymapDefault(FADE_SHAPE),
  /** TPDF dither is always applied when a render reduces the bit depth; this adds noise shaping. */
  dither: ymapDefault({ noiseShaping: off() }),
};
/** The nested Y.Maps of `master`, created up front by `initMaster` (SPEC L4). */
export const MASTER_MAPS = ['comp', 'monoBass', 'limiter', 'customTarget', 'fadeIn', 'fadeOut', 'dither'] as const;
export const masterSchema = ymap(MASTER_SHAPE);
