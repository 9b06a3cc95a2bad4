import type { z } from 'zod';
import type { BusData } from './bus-schema';
import type { ParamPath } from './param-path';
import type { COMP_SHAPE, EQ_SHAPE, FADE_SHAPE, LIMITER_SHAPE, MASTER_COMP_SHAPE, masterSchema, metaSchema, SEND_SHAPE, trackSchema } from './schema';

/** A track with every default filled in, as the schema reads it. Units: SPEC.md "Tracks". */
export type TrackData = z.output<typeof trackSchema>;
export type StripData = TrackData['strip'];
export type EqData = z.output<z.ZodObject<typeof EQ_SHAPE>>;
export type CompData = z.output<z.ZodObject<typeof COMP_SHAPE>>;
export type SendData = z.output<z.ZodObject<typeof SEND_SHAPE>>;
export type LimiterData = z.output<z.ZodObject<typeof LIMITER_SHAPE>>;
export type MasterCompData = z.output<z.ZodObject<typeof MASTER_COMP_SHAPE>>;
export type FadeData = z.output<z.ZodObject<typeof FADE_SHAPE>>;
export type ClipData = TrackData['clip'];
export type { InsertData, InsertKind } from './insert-schema';
export type MetaData = z.output<typeof metaSchema>;
export type MasterData = z.output<typeof masterSchema>;
export type { BusData };

/** Strip parameters settable with `setStripParam`; sends and inserts have their own accessors. */
export type StripParam = ParamPath<Omit<StripData, 'sends' | 'inserts'>>;
/** Master parameters settable with `setMasterParam`. */
export type MasterParam = ParamPath<MasterData>;
/** Meta fields settable with `setMetaField`. */
export type MetaField = keyof MetaData;
/** Plain track fields besides the strip (lead only, SPEC P7). */
export type TrackField = 'color' | 'order' | 'stemId' | 'offsetSec';
/** `gainDb`, `pan`, `mute`, `send:<busId>` or `bypass:<insertId>`. */
export type AutomationParam = 'gainDb' | 'pan' | 'mute' | `send:${string}` | `bypass:${string}`;
/** One automation point: time on the timeline in seconds, and the value in the param's unit. */
export type AutomationPoint = readonly [sec: number, value: number];
