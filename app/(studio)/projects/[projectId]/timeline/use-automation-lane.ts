'use client';

import { type KeyboardEvent, type PointerEvent, useCallback, useRef, useState } from 'react';
import type { AutomationPoint } from '../../../../../lib/doc';
import {
  clampBetweenNeighbours,
  deletePoint,
  deleteRange,
  hitTestPoint,
  indexRange,
  insertPoint,
  movePoint,
  samePoints,
} from './automation-points';
import { type LaneScale, positionToY, yToPosition, LANE_PAD_PX } from './lane-scale';
import { secToX, type TimelineView, xToSec } from './timeline-view';

export interface AutomationLaneOptions {
  scale: LaneScale;
  /** The lane in the document, sorted by time. */
  points: readonly AutomationPoint[];
  view: TimelineView;
  widthPx: number;
  heightPx: number;
  writable: boolean;
  /** Replaces the lane in the document (one undo step); returns an error message or null. */
  setLane(points: readonly AutomationPoint[]): string | null;
  /** A point chosen with the keyboard: bring its time on screen. */
  onReveal(sec: number): void;
}

/** A press this close to a point grabs it. */
export const POINT_HIT_PX = 7;
/** Fine drags (Shift held) move this fraction of the normal speed. */
const FINE_DRAG_FACTOR = 0.2;
/** Two presses on one point this close in time are a double-click (deletes it). */
const DOUBLE_PRESS_MS = 400;
/** A press that moved further than this was a drag, not half of a double-click. */
const DOUBLE_PRESS_PX = 4;

type LaneDrag =
  | { kind: 'move'; index: number; fromX: number; fromY: number; lastX: number; lastY: number; sec: number; position: number }
  | { kind: 'erase'; fromSec: number; toSec: number };

const VALUE_KEYS = ['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown'];

function localXY(e: PointerEvent<HTMLElement>): { x: number; y: number } {
  const r = e.currentTarget.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
}

/**
 * Editing one automation lane with pointer and keyboard. During a gesture the lane shows its own
 * copy of the points (`shown`); the document is written once, when the gesture ends.
 */
export function useAutomationLane(o: AutomationLaneOptions) {
  const { scale, points, view, heightPx, writable } = o;
  const [draft, setDraftState] = useState<readonly AutomationPoint[] | null>(null);
  const draftRef = useRef<readonly AutomationPoint[] | null>(null);
  const [selectedRaw, setSelected] = useState<number | null>(null);
  const [erase, setErase] = useState<readonly [number, number] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const drag = useRef<LaneDrag | null>(null);
  const lastPress = useRef<{ at: number; index: number } | null>(null);

  const shown = draft ?? points;
  // A remote edit may have removed points under the selection.
  const selected = selectedRaw !== null && selectedRaw < shown.length ? selectedRaw : null;

  const setDraft = (next: readonly AutomationPoint[] | null) => {
    draftRef.current = next;
    setDraftState(next);
  };

  const commit = (next: readonly AutomationPoint[]) => {
    setDraft(null);
    if (samePoints(next, points)) return;
    setError(o.setLane(next));
  };

  const locate = useCallback(
    (p: AutomationPoint) => ({ x: secToX(view, p[0]), y: positionToY(scale.toPosition(p[1]), heightPx) }),
    [view, scale, heightPx],
  );

  const select = (index: number | null) => {
    setSelected(index);
    if (index !== null && index < shown.length) o.onReveal(shown[index][0]);
  };

  const endDrag = (write: boolean) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    if (d.kind === 'erase') {
      setErase(null);
      if (write) commit(deleteRange(points, d.fromSec, d.toSec));
    } else if (draftRef.current) {
      if (write) commit(draftRef.current);
      else setDraft(null);
    }
  };

  const handlers = {
    onPointerDown(e: PointerEvent<HTMLElement>) {
      e.currentTarget.focus();
      if (e.button !== 0) return;
      const { x, y } = localXY(e);
      if (!writable) {
        // Read-only: a click only picks a point, to read its value.
        const hit = hitTestPoint(points, { x, y }, locate, POINT_HIT_PX);
        setSelected(hit >= 0 ? hit : null);
        return;
      }
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      if (e.altKey) {
        const sec = xToSec(view, x);
        drag.current = { kind: 'erase', fromSec: sec, toSec: sec };
        setErase([sec, sec]);
        return;
      }
      let list = points;
      let index = hitTestPoint(list, { x, y }, locate, POINT_HIT_PX);
      const previous = lastPress.current;
      lastPress.current = null;
      if (index >= 0) {
        if (previous && previous.index === index && e.timeStamp - previous.at < DOUBLE_PRESS_MS) {
          commit(deletePoint(list, index));
          setSelected(index > 0 ? index - 1 : null);
          return;
        }
        // Only a press on a point that was there counts towards a double-click (not a new point's).
        lastPress.current = { at: e.timeStamp, index };
      } else {
        ({ points: list, index } = insertPoint(list, xToSec(view, x), scale.fromPosition(yToPosition(y, heightPx))));
      }
      setSelected(index);
      setDraft(list);
      drag.current = { kind: 'move', index, fromX: x, fromY: y, lastX: x, lastY: y, sec: list[index][0], position: scale.toPosition(list[index][1]) };
    },
    onPointerMove(e: PointerEvent<HTMLElement>) {
      const d = drag.current;
      if (!d) return;
      const { x, y } = localXY(e);
      if (d.kind === 'erase') {
        d.toSec = xToSec(view, x);
        setErase([d.fromSec, d.toSec]);
        return;
      }
      const list = draftRef.current;
      if (!list) return;
      const factor = e.shiftKey ? FINE_DRAG_FACTOR : 1;
      const travelPx = Math.max(1, heightPx - 2 * LANE_PAD_PX);
      // Clamped as it goes, so that turning back moves the point at once.
      d.sec = clampBetweenNeighbours(list, d.index, d.sec + ((x - d.lastX) / view.pxPerSec) * factor);
      d.position = Math.min(1, Math.max(0, d.position - ((y - d.lastY) / travelPx) * factor));
      d.lastX = x;
      d.lastY = y;
      if (Math.hypot(x - d.fromX, y - d.fromY) > DOUBLE_PRESS_PX) lastPress.current = null;
      setDraft(movePoint(list, d.index, d.sec, scale.fromPosition(d.position)));
    },
    onPointerUp: () => endDrag(true),
    onPointerCancel: () => endDrag(false),
    onKeyDown(e: KeyboardEvent<HTMLElement>) {
      if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey || drag.current) return;
      const list = shown;
      let handled = true;
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        if (list.length === 0) return;
        if (draftRef.current) commit(draftRef.current);
        const right = e.key === 'ArrowRight';
        if (selected === null) {
          // From nothing selected: the first point on screen (Right) or the last (Left).
          const [first, end] = indexRange(list, view.startSec, xToSec(view, o.widthPx));
          select(right ? Math.min(first, list.length - 1) : Math.max(0, end - 1));
        } else select(Math.min(list.length - 1, Math.max(0, selected + (right ? 1 : -1))));
      } else if (e.key === 'Home' || e.key === 'End') {
        if (list.length === 0) return;
        select(e.key === 'Home' ? 0 : list.length - 1);
      } else if (VALUE_KEYS.includes(e.key)) {
        if (!writable || selected === null) return;
        const direction = e.key === 'ArrowUp' || e.key === 'PageUp' ? 1 : -1;
        const size = e.key.startsWith('Page') ? 'page' : e.shiftKey ? 'fine' : 'normal';
        const [sec, value] = list[selected];
        setDraft(movePoint(list, selected, sec, scale.step(value, direction, size)));
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        if (!writable || selected === null) return;
        commit(deletePoint(list, selected));
        setSelected(selected > 0 ? selected - 1 : list.length > 1 ? 0 : null);
      } else if (e.key === 'Escape') {
        if (draftRef.current) setDraft(null);
        else if (selected !== null) setSelected(null);
        else handled = false;
      } else handled = false;
      if (!handled) return;
      e.preventDefault();
      // The timeline's own arrow keys scroll it: not while a lane has the focus.
      e.stopPropagation();
    },
    onKeyUp(e: KeyboardEvent<HTMLElement>) {
      if (!drag.current && draftRef.current && VALUE_KEYS.includes(e.key)) commit(draftRef.current);
    },
    onBlur() {
      if (!drag.current && draftRef.current) commit(draftRef.current);
    },
  };

  return {
    shown,
    selected,
    /** The time range an Alt-drag is erasing. */
    erase,
    error,
    dismissError: () => setError(null),
    clear: () => commit([]),
    handlers,
  };
}
