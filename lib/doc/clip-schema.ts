import { z } from 'zod';
import { FADE_CURVES } from './processor-shapes';
import { MAX_TIMELINE_SEC } from './units';
import { ymapDefault } from './ymap-schema';

const num = (min: number, max: number) => z.number().min(min).max(max);

/** Clip gain: -48 .. +48 dB, wide enough for normalising a quiet take to a loud target. */
export const CLIP_GAIN_MAX_DB = 48;

/** A clip fade: up to an hour, measured from the clip's audible edge (SPEC L20). */
export const CLIP_FADE_SHAPE = { durationSec: num(0, 3_600).default(0), curve: z.enum(FADE_CURVES).default('equal_power') };

/**
 * A track's clip (SPEC L20): the stem at `offsetSec` on the timeline, with `trimStartSec` hidden
 * at its start and `trimEndSec` at its end, scaled by `gainDb`, faded in and out. At its defaults
 * the clip is the whole stem, untouched.
 */
export const CLIP_SHAPE = {
  trimStartSec: num(0, MAX_TIMELINE_SEC).default(0),
  trimEndSec: num(0, MAX_TIMELINE_SEC).default(0),
  gainDb: num(-CLIP_GAIN_MAX_DB, CLIP_GAIN_MAX_DB).default(0),
  fadeIn: ymapDefault(CLIP_FADE_SHAPE),
  fadeOut: ymapDefault(CLIP_FADE_SHAPE),
};
/** The nested maps of a clip, created up front (SPEC L4). */
export const CLIP_MAPS = ['fadeIn', 'fadeOut'] as const;
