'use client';

import { type Dispatch, type RefObject, type SetStateAction, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { clampPxPerSec, HEADER_WIDTH_PX, type TimelineView, timelineLengthSec } from './timeline-view';

export interface TimelineViewState {
  view: TimelineView;
  setView: Dispatch<SetStateAction<TimelineView>>;
  /** CSS pixels of the waveform area: the lanes' width less the headers (and a vertical scrollbar). */
  laneWidth: number;
  /** The scroll range in seconds (the song and some room after it), and the last start in it. */
  lengthSec: number;
  maxStartSec: number;
  /** Until the user zooms, the view keeps fitting the whole song. */
  userZoomed: boolean;
  setUserZoomed(zoomed: boolean): void;
  /** A lane reports where its stem ends, once its peaks are known. */
  onExtent(trackId: string, endSec: number): void;
  /** The scrolling box of the lanes, whose width the view follows. */
  lanesScrollRef: RefObject<HTMLDivElement | null>;
}

/**
 * Which stretch of time the timeline shows: the lanes' measured width, the song's length (the
 * document's, or the longest stem's end), the zoom and start, fitting the whole song until the
 * user zooms, and the start kept inside the scroll range after a zoom or a resize.
 */
export function useTimelineView(trackIds: readonly string[], metaLengthSec: number): TimelineViewState {
  const lanesScrollRef = useRef<HTMLDivElement>(null);
  const [laneWidth, setLaneWidth] = useState(0);
  const [view, setView] = useState<TimelineView>({ startSec: 0, pxPerSec: 10 });
  const [userZoomed, setUserZoomed] = useState(false);
  const [extents, setExtents] = useState<ReadonlyMap<string, number>>(new Map());

  const onExtent = useCallback((trackId: string, endSec: number) => {
    setExtents((prev) => (prev.get(trackId) === endSec ? prev : new Map(prev).set(trackId, endSec)));
  }, []);

  const songSec = useMemo(() => {
    let end = metaLengthSec;
    for (const id of trackIds) end = Math.max(end, extents.get(id) ?? 0);
    return end;
  }, [trackIds, extents, metaLengthSec]);

  const viewSec = laneWidth > 0 ? laneWidth / view.pxPerSec : 0;
  const lengthSec = timelineLengthSec(songSec, viewSec);
  const maxStartSec = Math.max(0, lengthSec - viewSec);

  // The lanes' width follows the page's, less a vertical scrollbar when the lanes need one.
  useLayoutEffect(() => {
    const scroller = lanesScrollRef.current;
    if (!scroller) return;
    const measure = () => setLaneWidth(Math.max(0, scroller.clientWidth - HEADER_WIDTH_PX));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (userZoomed || laneWidth <= 0) return;
    const fit = clampPxPerSec(laneWidth / timelineLengthSec(Math.max(songSec, 8), 0));
    setView((v) => (v.pxPerSec === fit && v.startSec === 0 ? v : { startSec: 0, pxPerSec: fit }));
  }, [userZoomed, laneWidth, songSec]);

  useEffect(() => {
    if (view.startSec > maxStartSec) setView((v) => ({ ...v, startSec: maxStartSec }));
  }, [view.startSec, maxStartSec]);

  return { view, setView, laneWidth, lengthSec, maxStartSec, userZoomed, setUserZoomed, onExtent, lanesScrollRef };
}
