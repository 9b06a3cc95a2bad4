import { z } from 'zod';
import { eqGainDb, hertz, q, slope } from './units';
import { ymapDefault } from './ymap-schema';

/*
 * The shapes of the processors that several places of the document share: a strip's EQ and
 * compressor (tracks, buses, the master, EQ and compressor inserts), fades (the master, clips) and
 * the tempo-sync note values (delay buses, modulation inserts).
 */

const num = (min: number, max: number) => z.number().min(min).max(max);
const off = () => z.boolean().default(false);

const filterShape = (freqHz: number) => ({ on: off(), freqHz: hertz.default(freqHz), slope: slope.default(12) });
const bandShape = (freqHz: number, qDefault: number) => ({
  on: off(),
  freqHz: hertz.default(freqHz),
  gainDb: eqGainDb.default(0),
  q: q.default(qDefault),
});

/** Every band off and flat by default (SPEC L5). */
export const EQ_SHAPE = {
  highpass: ymapDefault(filterShape(80)),
  lowpass: ymapDefault(filterShape(18_000)),
  lowShelf: ymapDefault(bandShape(100, 0.707)),
  peak1: ymapDefault(bandShape(400, 1)),
  peak2: ymapDefault(bandShape(2_500, 1)),
  highShelf: ymapDefault(bandShape(8_000, 0.707)),
};
export type EqBandName = keyof typeof EQ_SHAPE;

export const COMP_SHAPE = {
  on: off(),
  thresholdDb: num(-60, 0).default(-18),
  ratio: num(1, 20).default(2),
  attackMs: num(0.1, 500).default(10),
  releaseMs: num(1, 5_000).default(100),
  kneeDb: num(0, 24).default(6),
  makeupDb: num(-12, 24).default(0),
};

/** Fade shapes (SPEC L15). */
export const FADE_CURVES = {
  linear: 'linear',
  equal_power: 'equal_power',
  exponential: 'exponential',
  logarithmic: 'logarithmic',
  s_curve: 's_curve',
} as const;
export type FadeCurve = (typeof FADE_CURVES)[keyof typeof FADE_CURVES];

/** The master's fades: up to a minute. */
export const FADE_SHAPE = { durationSec: num(0, 60).default(0), curve: z.enum(FADE_CURVES).default('equal_power') };

/**
 * Tempo-sync note values (SPEC L19): a straight value, dotted (`d`, x 3/2) or triplet (`t`, x 2/3),
 * one beat being a quarter note at `meta.bpm`; `off` means the time or rate is free. The same set
 * as lib/dsp's `NoteDivision`.
 */
export const NOTE_SYNCS = [
  'off',
  ...(['1/1', '1/2', '1/4', '1/8', '1/16', '1/32'] as const).flatMap((v) => [v, `${v}d`, `${v}t`] as const),
] as const;
export type NoteSync = (typeof NOTE_SYNCS)[number];
export const noteSync = z.enum(NOTE_SYNCS as unknown as [NoteSync, ...NoteSync[]]);
