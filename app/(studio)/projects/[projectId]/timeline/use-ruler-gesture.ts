'use client';

import { type KeyboardEvent, type PointerEvent, useRef } from 'react';
import type { LoopRange, Transport } from '../transport/transport-types';
import { isRulerDrag, loopFromDrag, moveLoopEdge, type RulerPress, rulerPress, rulerSec } from './ruler-gesture';
import type { TimelineView } from './timeline-view';

export interface RulerGestureOptions {
  transport: Transport | null;
  view: TimelineView;
  /** The transport's loop region. */
  loop: LoopRange | null;
  /** The loop region while a drag shapes it; null when the drag ends (the transport's shows again). */
  onDraft(loop: LoopRange | null): void;
  /** A seek from the keyboard: bring the playhead on screen. */
  onReveal(sec: number): void;
}

/** Keyboard seeks on the ruler, in seconds: arrows, Shift + arrows, Page Up/Down. */
const SEEK_STEP_SEC = { normal: 1, fine: 0.1, page: 10 } as const;

interface RulerDrag {
  press: RulerPress;
  fromX: number;
  moved: boolean;
  draft: LoopRange | null;
}

const xOf = (e: PointerEvent<HTMLElement>) => e.clientX - e.currentTarget.getBoundingClientRect().left;

/**
 * The ruler's pointer and keyboard handling: a click seeks, a drag sets a loop region (and turns
 * looping on), a drag from a loop edge moves that edge. The transport is told once, at the end.
 */
export function useRulerGesture({ transport, view, loop, onDraft, onReveal }: RulerGestureOptions) {
  const drag = useRef<RulerDrag | null>(null);

  const end = (e: PointerEvent<HTMLElement>, commit: boolean) => {
    const d = drag.current;
    drag.current = null;
    if (!d || !transport) return;
    if (commit) {
      if (d.press.kind === 'seek' && !d.moved) transport.seek(rulerSec(view, xOf(e)));
      else if (d.draft) {
        transport.setLoop(d.draft);
        if (d.press.kind === 'seek') transport.setLooping(true);
      }
    }
    onDraft(null);
  };

  return {
    onPointerDown(e: PointerEvent<HTMLElement>) {
      if (!transport || e.button !== 0) return;
      e.preventDefault();
      e.currentTarget.focus();
      e.currentTarget.setPointerCapture(e.pointerId);
      drag.current = { press: rulerPress(view, loop, xOf(e)), fromX: xOf(e), moved: false, draft: null };
    },
    onPointerMove(e: PointerEvent<HTMLElement>) {
      const x = xOf(e);
      const d = drag.current;
      if (!d) {
        // Over a loop edge the pointer shows that the edge can be dragged.
        e.currentTarget.style.cursor = transport && rulerPress(view, loop, x).kind === 'edge' ? 'ew-resize' : '';
        return;
      }
      if (!d.moved && !isRulerDrag(d.fromX, x)) return;
      d.moved = true;
      d.draft = d.press.kind === 'edge' && loop ? moveLoopEdge(loop, d.press.edge, rulerSec(view, x)) : loopFromDrag(view, d.fromX, x);
      onDraft(d.draft);
    },
    onPointerUp: (e: PointerEvent<HTMLElement>) => end(e, true),
    onPointerCancel: (e: PointerEvent<HTMLElement>) => end(e, false),
    onKeyDown(e: KeyboardEvent<HTMLElement>) {
      if (!transport || e.ctrlKey || e.metaKey || e.altKey) return;
      const at = transport.positionSec();
      const step = e.shiftKey ? SEEK_STEP_SEC.fine : SEEK_STEP_SEC.normal;
      let sec: number;
      switch (e.key) {
        case 'ArrowRight':
          sec = at + step;
          break;
        case 'ArrowLeft':
          sec = at - step;
          break;
        case 'PageUp':
          sec = at + SEEK_STEP_SEC.page;
          break;
        case 'PageDown':
          sec = at - SEEK_STEP_SEC.page;
          break;
        case 'Home':
          sec = 0;
          break;
        default:
          return;
      }
      // The lanes' own arrow keys scroll the view: not while the ruler has the focus.
      e.preventDefault();
      e.stopPropagation();
      transport.seek(Math.max(0, sec));
      onReveal(Math.max(0, sec));
    },
  };
}
