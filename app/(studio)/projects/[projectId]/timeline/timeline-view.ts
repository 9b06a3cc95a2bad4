/**
 * The timeline's view: which stretch of time is on screen and how wide a second is. Pure
 * geometry shared by the ruler, the lanes and the zoom controls.
 */

/** Width of the track headers on the left of the lanes. */
export const HEADER_WIDTH_PX = 168;
export const RULER_HEIGHT_PX = 34;

export interface TimelineView {
  /** Time at the left edge of the lanes. */
  startSec: number;
  pxPerSec: number;
}

/** 1 px = 0.5 s (a 20-minute stem fits) to 1 px = 24 frames at 48 kHz (below the finest peaks' 64 frames, for a closer look). */
export const MIN_PX_PER_SEC = 2;
export const MAX_PX_PER_SEC = 2_000;
/** One press of Zoom in / Zoom out, or one notch of Ctrl + wheel. */
export const ZOOM_STEP = 1.5;

export function clampPxPerSec(pxPerSec: number): number {
  return Math.min(MAX_PX_PER_SEC, Math.max(MIN_PX_PER_SEC, pxPerSec));
}

/** Scroll range: the song plus a little room after it. */
export function timelineLengthSec(songSec: number, viewSec: number): number {
  return Math.max(songSec * 1.05 + 2, viewSec);
}

/** A new scale keeping the time under `anchorPx` (pixels from the lanes' left edge) where it is. */
export function zoomView(view: TimelineView, factor: number, anchorPx: number): TimelineView {
  const pxPerSec = clampPxPerSec(view.pxPerSec * factor);
  const anchorSec = view.startSec + anchorPx / view.pxPerSec;
  return { pxPerSec, startSec: Math.max(0, anchorSec - anchorPx / pxPerSec) };
}

const NICE_STEPS_SEC = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

/** The smallest ruler step that leaves at least `minPx` between labels. */
export function rulerStepSec(pxPerSec: number, minPx = 64): number {
  return NICE_STEPS_SEC.find((s) => s * pxPerSec >= minPx) ?? NICE_STEPS_SEC[NICE_STEPS_SEC.length - 1];
}

/** `1:05`, `0:07.5`, `0:00.25`: as precise as the step needs. */
export function formatTimeLabel(sec: number, stepSec: number): string {
  const decimals = stepSec >= 1 ? 0 : stepSec >= 0.1 ? 1 : 2;
  const m = Math.floor(sec / 60 + 1e-9);
  const s = sec - m * 60;
  const whole = s.toFixed(decimals);
  return `${m}:${Number(whole) < 10 ? '0' : ''}${whole}`;
}

/** Bars of 4/4 at `bpm`: every n-th bar labelled so that labels stay `minPx` apart. */
export function barEvery(bpm: number, pxPerSec: number, minPx = 28): { barSec: number; every: number } {
  const barSec = (4 * 60) / bpm;
  let every = 1;
  while (barSec * every * pxPerSec < minPx) every *= 2;
  return { barSec, every };
}

/** Pixels from the lanes' left edge to a time. */
export function secToX(view: TimelineView, sec: number): number {
  return (sec - view.startSec) * view.pxPerSec;
}

/** The time under a pixel column (pixels from the lanes' left edge). */
export function xToSec(view: TimelineView, x: number): number {
  return view.startSec + x / view.pxPerSec;
}

/** Where a followed time lands after a page turn: this share of the width in from the left edge. */
export const REVEAL_MARGIN_SHARE = 0.05;

/**
 * The view that brings `sec` on screen, or null when it is already between the edges. Turns a page
 * (the time lands near the left edge) rather than scrolling continuously, like a DAW following its
 * playhead: the lanes stay still enough to read.
 */
export function revealView(view: TimelineView, sec: number, widthPx: number, maxStartSec: number): TimelineView | null {
  if (widthPx <= 0) return null;
  const endSec = view.startSec + widthPx / view.pxPerSec;
  if (sec >= view.startSec && sec < endSec) return null;
  const startSec = Math.min(maxStartSec, Math.max(0, sec - (widthPx * REVEAL_MARGIN_SHARE) / view.pxPerSec));
  return startSec === view.startSec ? null : { ...view, startSec };
}

/** `0:12.500`, `12:03.040`: to the millisecond, for accessible names and readouts. */
export function formatTimeMs(sec: number): string {
  const ms = Math.round(Math.max(0, sec) * 1000);
  const m = Math.floor(ms / 60_000);
  const rest = ms - m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${m}:${s < 10 ? '0' : ''}${s}.${String(rest % 1000).padStart(3, '0')}`;
}
