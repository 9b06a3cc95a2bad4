import { fadeGain, type FadeShape } from '../../../../../lib/dsp/fade-curve';

/** A clip's edges on the timeline, in seconds (SPEC L20). */
export interface ClipSpan {
  /** Where stem frame 0 is (`offsetSec`). */
  stemStart: number;
  /** First audible second: offset + trim start. */
  start: number;
  /** End of the audible part: offset + stem length - trim end. */
  end: number;
}

export function clipSpan(offsetSec: number, stemSec: number, trimStartSec: number, trimEndSec: number): ClipSpan {
  const start = offsetSec + Math.min(trimStartSec, stemSec);
  return { stemStart: offsetSec, start, end: Math.max(start, offsetSec + stemSec - trimEndSec) };
}

/** The shortest audible clip the handles leave: trims cannot meet. */
export const MIN_CLIP_SEC = 0.01;

export type ClipHandle = 'move' | 'trimStart' | 'trimEnd' | 'fadeIn' | 'fadeOut';

export interface ClipValues {
  offsetSec: number;
  trimStartSec: number;
  trimEndSec: number;
  fadeInSec: number;
  fadeOutSec: number;
}

/**
 * The value a handle takes when dragged by `deltaSec` from `from` (or stepped by the keyboard),
 * kept where the document and the clip allow: trims leave at least MIN_CLIP_SEC audible, fades fit
 * in the audible part, the clip stays in the timeline range.
 */
export function dragClip(handle: ClipHandle, from: ClipValues, deltaSec: number, stemSec: number): number {
  const audible = (ts: number, te: number) => Math.max(0, stemSec - ts - te);
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const round = (v: number) => Math.round(v * 1000) / 1000;
  switch (handle) {
    case 'move':
      return round(clamp(from.offsetSec + deltaSec, -3_600, 86_400));
    case 'trimStart':
      return round(clamp(from.trimStartSec + deltaSec, 0, Math.max(0, stemSec - from.trimEndSec - MIN_CLIP_SEC)));
    case 'trimEnd':
      return round(clamp(from.trimEndSec - deltaSec, 0, Math.max(0, stemSec - from.trimStartSec - MIN_CLIP_SEC)));
    case 'fadeIn':
      return round(clamp(from.fadeInSec + deltaSec, 0, Math.min(3_600, audible(from.trimStartSec, from.trimEndSec))));
    case 'fadeOut':
      return round(clamp(from.fadeOutSec - deltaSec, 0, Math.min(3_600, audible(from.trimStartSec, from.trimEndSec))));
  }
}

/** An SVG path of a fade's gain over `widthPx` x `heightPx` (full level at the top), `fadeIn` rising left to right. */
export function fadePath(shape: FadeShape, widthPx: number, heightPx: number, fadeIn: boolean, steps = 24): string {
  const points: string[] = [];
  for (let k = 0; k <= steps; k++) {
    const p = k / steps;
    const g = fadeGain(shape, fadeIn ? p : 1 - p);
    points.push(`${(p * widthPx).toFixed(1)},${((1 - g) * heightPx).toFixed(1)}`);
  }
  return `M${points.join('L')}`;
}
