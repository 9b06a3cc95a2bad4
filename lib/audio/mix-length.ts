import type { MixSnapshot } from '../doc/read-mix';

/** The timeline length covered by the clips or the project length, in seconds. */
export function mixLengthSec(snapshot: MixSnapshot, stems: ReadonlyMap<string, ReadonlyArray<Float32Array>>, sampleRate: number): number {
  let end = snapshot.meta.lengthSec;
  for (const track of snapshot.tracks) {
    const stem = track.stemId === null ? undefined : stems.get(track.stemId);
    if (stem && stem.length > 0) end = Math.max(end, track.offsetSec + stem[0].length / sampleRate);
  }
  return end;
}
