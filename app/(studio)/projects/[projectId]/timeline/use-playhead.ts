'use client';

import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { Transport } from '../transport/transport-types';
import { formatTimeMs, revealView, secToX, type TimelineView } from './timeline-view';

export interface PlayheadOptions {
  transport: Transport | null;
  playing: boolean;
  view: TimelineView;
  widthPx: number;
  maxStartSec: number;
  /** The playhead line: its transform, visibility and `data-sec` are written on every frame. */
  lineRef: RefObject<HTMLElement | null>;
  /** The ruler (a slider for the position): its value is written when the whole second changes. */
  rulerRef: RefObject<HTMLElement | null>;
  /** While playing, the view that keeps the playhead on screen (a page turn). */
  onFollow(view: TimelineView): void;
}

/**
 * Draws the local playhead from `transport.positionSec()`: once per animation frame while playing,
 * and after each seek, zoom or scroll otherwise. Writes the DOM directly; React renders nothing
 * per frame.
 */
export function usePlayhead(options: PlayheadOptions): void {
  const latest = useRef(options);
  const lastSecond = useRef<number | null>(null);
  const followedTo = useRef<number | null>(null);
  useLayoutEffect(() => {
    latest.current = options;
  });

  const draw = useCallback((): number | null => {
    const { transport, view, widthPx, lineRef, rulerRef } = latest.current;
    const line = lineRef.current;
    if (!transport || !line) return null;
    const sec = transport.positionSec();
    const x = secToX(view, sec);
    line.style.transform = `translateX(${x}px)`;
    line.style.visibility = x < 0 || x > widthPx ? 'hidden' : '';
    line.dataset.sec = sec.toFixed(3);
    const ruler = rulerRef.current;
    const second = Math.floor(sec);
    if (ruler && (second !== lastSecond.current || !latest.current.playing)) {
      lastSecond.current = second;
      ruler.setAttribute('aria-valuenow', String(Math.round(sec * 1000) / 1000));
      ruler.setAttribute('aria-valuetext', formatTimeMs(sec));
    }
    return sec;
  }, []);

  const { transport, playing, view, widthPx } = options;

  useLayoutEffect(() => {
    draw();
  }, [draw, transport, playing, view, widthPx]);

  // A view applied (ours or the user's): the next page turn may go anywhere again.
  useLayoutEffect(() => {
    followedTo.current = null;
  }, [view]);

  // Seeks while paused move the playhead too.
  useEffect(() => transport?.subscribe(() => draw()), [transport, draw]);

  useEffect(() => {
    if (!transport || !playing) return;
    let frame = 0;
    const tick = () => {
      const sec = draw();
      const o = latest.current;
      if (sec !== null) {
        const next = revealView(o.view, sec, o.widthPx, o.maxStartSec);
        // Until React applies the new view, later frames would ask for the same page again.
        if (next && next.startSec !== followedTo.current) {
          followedTo.current = next.startSec;
          o.onFollow(next);
        }
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [transport, playing, draw]);
}
