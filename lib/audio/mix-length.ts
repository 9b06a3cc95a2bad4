import type { MixSnapshot } from '../doc/read-mix';

/** The timeline length covered by the clips (trimmed ends left out, SPEC L20) or the project length, in seconds. */
export function mixLengthSec(snapshot: MixSnapshot, stems: ReadonlyMap<string, ReadonlyArray<Float32Array>>, sampleRate: number): number {
  let end = snapshot.meta.lengthSec;
  for (const track of snapshot.tracks) {
    const stem = track.stemId === null ? undefined : stems.get(track.stemId);
    const trimEndSec = track.clip?.trimEndSec ?? 0;
    if (stem && stem.length > 0) end = Math.max(end, track.offsetSec + Math.max(0, stem[0].length / sampleRate - trimEndSec));
  }
  return end;
}
