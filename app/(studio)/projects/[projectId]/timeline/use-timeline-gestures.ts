'use client';

import { type KeyboardEvent, type RefObject, useEffect } from 'react';
import { HEADER_WIDTH_PX, ZOOM_STEP } from './timeline-view';
import type { ZoomScroll } from './use-zoom-scroll';

/** Arrow keys scroll this share of the visible width. */
const ARROW_SCROLL_SHARE = 0.2;

/**
 * The wheel and the keys on the lanes: Ctrl/Cmd + wheel zooms around the pointer, a sideways
 * wheel (or Shift + wheel) scrolls; + and - zoom, the arrows scroll. Returns the lanes' key handler.
 */
export function useTimelineGestures(mainRef: RefObject<HTMLElement | null>, laneWidth: number, { zoom, scrollBy }: Pick<ZoomScroll, 'zoom' | 'scrollBy'>) {
  // A native listener: React's wheel listener is passive and cannot stop the page from zooming.
  useEffect(() => {
    const main = mainRef.current;
    if (!main) return;
    const onWheel = (e: WheelEvent) => {
      const x = e.clientX - main.getBoundingClientRect().left - HEADER_WIDTH_PX;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        zoom(e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, Math.max(0, x));
      } else if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) {
        e.preventDefault();
        scrollBy(e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX);
      }
    };
    main.addEventListener('wheel', onWheel, { passive: false });
    return () => main.removeEventListener('wheel', onWheel);
  }, [mainRef, zoom, scrollBy]);

  return (e: KeyboardEvent<HTMLElement>) => {
    if ((e.target as HTMLElement).closest('input, textarea')) return;
    if (e.key === '+' || e.key === '=') zoom(ZOOM_STEP);
    else if (e.key === '-' || e.key === '_') zoom(1 / ZOOM_STEP);
    else if (e.key === 'ArrowRight') scrollBy(laneWidth * ARROW_SCROLL_SHARE);
    else if (e.key === 'ArrowLeft') scrollBy(-laneWidth * ARROW_SCROLL_SHARE);
    else return;
    e.preventDefault();
  };
}
