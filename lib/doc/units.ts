import { z } from 'zod';
import { controlCharsMessage, hasControlChars } from '../names';

/** Level in decibels. Silence is `GAIN_FLOOR_DB`: -Infinity is not JSON, so the floor stands in for it. */
export type Decibels = number;
/** Time in seconds on the project timeline. */
export type Seconds = number;
/** Frequency in hertz. */
export type Hertz = number;
/** Time in milliseconds (processor time constants). */
export type Milliseconds = number;

/** A gain at or below this level is silence (the engine multiplies by 0). */
export const GAIN_FLOOR_DB: Decibels = -144;
/** Faders and sends stop at +12 dB: more is never a mixing decision, only a clipping accident. */
export const GAIN_MAX_DB: Decibels = 12;
export const TRIM_MAX_DB: Decibels = 24;
export const EQ_GAIN_MAX_DB: Decibels = 24;
export const MIN_FREQ_HZ: Hertz = 20;
export const MAX_FREQ_HZ: Hertz = 20_000;
/** One day: longer timelines are a typo, and bounded values keep sums finite. */
export const MAX_TIMELINE_SEC: Seconds = 86_400;
/** Ids of tracks and buses: any string of 1-64 characters (SPEC L2). */
export const MAX_ID_CHARS = 64;
export const MAX_NAME_CHARS = 200;
export const MAX_ASSIGNEES = 64;
/** Bounded so that validating a touched track stays cheap (SPEC L9). */
export const MAX_AUTOMATION_POINTS = 20_000;

const num = (min: number, max: number) => z.number().min(min).max(max);

/**
 * Keys that name a property of every JavaScript object: as a key or id they could stand for the
 * prototype when the document is read into plain objects (SPEC L12).
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const notReserved = (key: string) => !RESERVED_KEYS.has(key);

export const entityId = z.string().min(1).max(MAX_ID_CHARS).refine(notReserved, 'a reserved name');
export const userId = z.string().min(1).max(128);
/** A display name (track, bus, project title): one line, no control characters (SPEC L13). */
export const name = z.string().min(1).max(MAX_NAME_CHARS).refine((s) => !hasControlChars(s), controlCharsMessage('a name'));

/** Fader gain: GAIN_FLOOR_DB (silence) .. +12 dB. */
export const gainDb = num(GAIN_FLOOR_DB, GAIN_MAX_DB);
/** Input trim: -24 .. +24 dB. */
export const trimDb = num(-TRIM_MAX_DB, TRIM_MAX_DB);
/** EQ band gain: -24 .. +24 dB. */
export const eqGainDb = num(-EQ_GAIN_MAX_DB, EQ_GAIN_MAX_DB);
/** Pan: -1 (left) .. 1 (right). */
export const pan = num(-1, 1);
/** 20 .. 20000 Hz. */
export const hertz = num(MIN_FREQ_HZ, MAX_FREQ_HZ);
/** Filter quality 0.1 .. 18. */
export const q = num(0.1, 18);
/** Filter slope in dB per octave. */
export const slope = z.union([z.literal(12), z.literal(24)]);
/** Position on the timeline, 0 .. one day. */
export const seconds = num(0, MAX_TIMELINE_SEC);
