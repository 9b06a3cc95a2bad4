'use client';

import { type RefObject, type UIEvent, useCallback, useLayoutEffect, useRef } from 'react';
import { revealView, zoomView } from './timeline-view';
import type { TimelineViewState } from './use-timeline-view';

export interface ZoomScroll {
  /** Zooms by `factor` around `anchorPx` (pixels from the lanes' left edge; the middle by default). */
  zoom(factor: number, anchorPx?: number): void;
  scrollBy(deltaPx: number): void;
  /** Brings a time on screen, turning a page when it is off it. */
  reveal(sec: number): void;
  /** The native scrollbar under the lanes, which mirrors the view both ways. */
  scrollbarRef: RefObject<HTMLDivElement | null>;
  onScrollbarScroll(e: UIEvent<HTMLDivElement>): void;
}

/** Zooming and scrolling the timeline's view, and the scrollbar that shows and moves it. */
export function useZoomScroll({ view, setView, laneWidth, lengthSec, maxStartSec, setUserZoomed }: TimelineViewState): ZoomScroll {
  const scrollbarRef = useRef<HTMLDivElement>(null);

  const zoom = useCallback(
    (factor: number, anchorPx?: number) => {
      setUserZoomed(true);
      setView((v) => zoomView(v, factor, anchorPx ?? laneWidth / 2));
    },
    [laneWidth, setView, setUserZoomed],
  );

  const scrollBy = useCallback(
    (deltaPx: number) => setView((v) => ({ ...v, startSec: Math.min(maxStartSec, Math.max(0, v.startSec + deltaPx / v.pxPerSec)) })),
    [maxStartSec, setView],
  );

  const reveal = useCallback((sec: number) => setView((v) => revealView(v, sec, laneWidth, maxStartSec) ?? v), [laneWidth, maxStartSec, setView]);

  useLayoutEffect(() => {
    const bar = scrollbarRef.current;
    if (!bar) return;
    const left = view.startSec * view.pxPerSec;
    if (Math.abs(bar.scrollLeft - left) >= 1) bar.scrollLeft = left;
  }, [view, lengthSec]);

  const onScrollbarScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => {
      const left = e.currentTarget.scrollLeft;
      setView((v) => (Math.abs(v.startSec * v.pxPerSec - left) < 1 ? v : { ...v, startSec: left / v.pxPerSec }));
    },
    [setView],
  );

  return { zoom, scrollBy, reveal, scrollbarRef, onScrollbarScroll };
}
