'use client';

import { useCallback, useEffect, useLayoutEffect, useState } from 'react';

/** The toolbar, the ruler and one lane. */
export const TIMELINE_MIN_PX = 150;
/** What the timeline leaves below itself at least: the console's toolbar and strips down to their faders. */
export const BELOW_TIMELINE_MIN_PX = 340;
/** Where the chosen height is kept between visits (one per browser, for every project). */
const STORAGE_KEY = 'mixroom:timeline-height';

export interface TimelineHeight {
  /** The height now: the one the user chose (within bounds), else the stylesheet's default. */
  value: number;
  min: number;
  max: number;
  /** The user's choice, for the section's inline style; null leaves the stylesheet's default. */
  chosen: number | null;
  set(px: number): void;
}

/**
 * The timeline's height, which the user drags with the splitter below it: by default the
 * stylesheet's (a share of the window), once chosen that many pixels, kept in localStorage, and
 * never so tall that the console below loses its faders.
 */
export function useTimelineHeight(section: HTMLElement | null): TimelineHeight {
  const [chosen, setChosen] = useState<number | null>(null);
  const [measured, setMeasured] = useState(0);
  const [max, setMax] = useState(Number.POSITIVE_INFINITY);

  useEffect(() => {
    const stored = Number(window.localStorage.getItem(STORAGE_KEY));
    if (stored > 0) setChosen(stored);
  }, []);

  useLayoutEffect(() => {
    if (!section) return;
    const measure = () => {
      setMeasured(section.getBoundingClientRect().height);
      setMax(Math.max(TIMELINE_MIN_PX, window.innerHeight - section.getBoundingClientRect().top - BELOW_TIMELINE_MIN_PX));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(section);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [section]);

  const set = useCallback((px: number) => {
    setChosen(px);
    window.localStorage.setItem(STORAGE_KEY, String(Math.round(px)));
  }, []);

  const bounded = chosen === null ? null : Math.min(max, Math.max(TIMELINE_MIN_PX, chosen));
  return { value: bounded ?? measured, min: TIMELINE_MIN_PX, max, chosen: bounded, set };
}
