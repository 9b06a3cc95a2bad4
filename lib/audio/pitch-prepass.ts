import type { MixSnapshot } from '../doc/read-mix';
import type { InsertData } from '../doc/types';
import { correctPitch, type ScaleName } from '../dsp';

type PitchInsert = Extract<InsertData, { kind: 'pitch' }>;
type Track = MixSnapshot['tracks'][number];
export type PitchParams = PitchInsert['params'];

/**
 * The pitch correction a track plays (SPEC L18): its first pitch insert in list order that is not
 * bypassed, or null. Pitch correction needs to see ahead (it corrects whole notes), so it is not
 * run in the block loop: the stem is corrected once, ahead, and the track plays the corrected stem
 * in place of its own, before every other stage of the strip (where the insert sits in the list
 * does not matter).
 */
export function trackPitch(track: Track): PitchParams | null {
  let best: (PitchInsert & { id: string }) | null = null;
  for (const [id, insert] of Object.entries(track.strip.inserts ?? {})) {
    if (insert.kind !== 'pitch' || insert.bypass) continue;
    if (!best || insert.order < best.order || (insert.order === best.order && id < best.id)) best = { ...(insert as PitchInsert), id };
  }
  return best ? best.params : null;
}

/** The id the corrected copy of a stem goes by: the stem id and the parameters (a change is a new copy). */
export function pitchStemId(stemId: string, p: PitchParams): string {
  return `${stemId}#pitch:${p.key}:${p.scale}:${p.retuneMs}:${p.humanize}`;
}

/** The stem a track plays: its corrected copy when it has pitch correction, else its own. */
export function playedStemId(track: Track): string | null {
  if (track.stemId === null) return null;
  const p = trackPitch(track);
  return p ? pitchStemId(track.stemId, p) : track.stemId;
}

/** What the pitch view draws: one estimate every `hopSec`, detected and corrected, in Hz (0 unvoiced). */
export interface PitchCurve {
  hopSec: number;
  detectedHz: Float32Array;
  correctedHz: Float32Array;
}

/**
 * A stem corrected toward the key and scale (lib/dsp `correctPitch`: YIN, then PSOLA), as long as
 * the input, with its pitch curve; `onProgress` gets the share done (0..1).
 */
export function correctStemWithCurve(
  channels: ReadonlyArray<Float32Array>,
  sampleRate: number,
  p: PitchParams,
  onProgress?: (fraction: number) => void,
): { channels: Float32Array[]; curve: PitchCurve } {
  const result = correctPitch(channels, sampleRate, { key: p.key, scale: p.scale as ScaleName, retuneMs: p.retuneMs, humanize: p.humanize, onProgress });
  return { channels: result.channels, curve: { hopSec: result.detected.hopFrames / sampleRate, detectedHz: result.detected.hz, correctedHz: result.corrected } };
}

/** A stem corrected toward the key and scale; as long as the input. */
export function correctStem(channels: ReadonlyArray<Float32Array>, sampleRate: number, p: PitchParams): Float32Array[] {
  return correctStemWithCurve(channels, sampleRate, p).channels;
}

/**
 * The corrected copies a snapshot needs that `stems` lacks, computed here (Node renders and the
 * export worker; the page computes them in a worker and hands them to the engine the same way).
 * Returns a map with the stems and the copies, under `pitchStemId`.
 */
export function withPitchStems(
  snapshot: MixSnapshot,
  stems: ReadonlyMap<string, ReadonlyArray<Float32Array>>,
  sampleRate: number,
): Map<string, ReadonlyArray<Float32Array>> {
  const out = new Map(stems);
  for (const track of snapshot.tracks) {
    const p = trackPitch(track);
    if (!p || track.stemId === null) continue;
    const id = pitchStemId(track.stemId, p);
    const stem = stems.get(track.stemId);
    if (!out.has(id) && stem) out.set(id, correctStem(stem, sampleRate, p));
  }
  return out;
}
