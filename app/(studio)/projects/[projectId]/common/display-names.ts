import type { MixSnapshot } from '../../../../../lib/doc';
import { displayText } from '../../../../../lib/names';

/**
 * The mix as the studio shows it: track and bus names without bidirectional controls (lib/names),
 * so that a name cannot reorder what is shown around it. The same snapshot when no name has any.
 */
export function displayNames(mix: MixSnapshot): MixSnapshot {
  const clean = <T extends { name: string }>(item: T): T => (displayText(item.name) === item.name ? item : Object.freeze({ ...item, name: displayText(item.name) }));
  const tracks = mix.tracks.map(clean);
  const buses = mix.buses.map(clean);
  if (tracks.every((t, i) => t === mix.tracks[i]) && buses.every((b, i) => b === mix.buses[i])) return mix;
  return Object.freeze({ ...mix, tracks: Object.freeze(tracks), buses: Object.freeze(buses) }) as MixSnapshot;
}
