/** Comments closer than this to the playhead count as "at" it: J goes past the one just reached. */
export const SAME_PLACE_SEC = 0.05;

/**
 * The comment after (`direction` 1) or before (-1) the playhead, by time, or null at either end.
 * `comments` need not be sorted; equal times are taken in the order given.
 */
export function adjacentComment<T extends { atSec: number }>(comments: readonly T[], playheadSec: number, direction: 1 | -1): T | null {
  let best: T | null = null;
  for (const c of comments) {
    if (direction === 1 ? c.atSec > playheadSec + SAME_PLACE_SEC : c.atSec < playheadSec - SAME_PLACE_SEC) {
      if (best === null || (direction === 1 ? c.atSec < best.atSec : c.atSec > best.atSec)) best = c;
    }
  }
  return best;
}
