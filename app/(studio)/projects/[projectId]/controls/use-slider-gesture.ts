'use client';

import { type KeyboardEvent, type PointerEvent, useRef, useState } from 'react';
import type { StepSize } from './fader-scale';

export interface SliderGestureOptions {
  /** The value in the document. */
  value: number;
  disabled: boolean;
  min: number;
  max: number;
  /** Double-click sets it. */
  defaultValue: number;
  /** The value's place on the control's travel, 0..1, and back. */
  toPosition(value: number): number;
  fromPosition(position: number): number;
  /** The next value for a key press (arrows, pages; Shift makes it fine). */
  step(value: number, direction: 1 | -1, size: StepSize): number;
  /** Pixels of pointer travel (up or right) that cover the whole range. */
  travelPx(element: HTMLElement): number;
  /** Where a press lands on the travel, for a control that jumps there; null drags from the value. */
  pressPosition?(element: HTMLElement, event: PointerEvent<HTMLElement>): number | null;
  /** A value during a gesture (coalesced by the caller). */
  onChange(value: number): void;
  /** The gesture ended: write what is pending. */
  onCommit(): void;
  /** A one-off value (double-click reset). */
  onSet(value: number): void;
}

/** Fine drags move this fraction of the normal speed (Shift held). */
const FINE_DRAG_FACTOR = 0.2;
/**
 * Two presses this close in time and place are a double-click. Detected here rather than with
 * `dblclick`, which the browser does not fire when the first press moved the cap under the pointer
 * (the two presses then hit different elements).
 */
const DOUBLE_PRESS_MS = 400;
const DOUBLE_PRESS_PX = 6;

/**
 * Pointer and keyboard handling shared by the fader and the pan knob. During a gesture the
 * control shows its own value (the document is written at most 20 times a second); afterwards it
 * shows the document's again.
 */
export function useSliderGesture(options: SliderGestureOptions) {
  const [local, setLocal] = useState<number | null>(null);
  const drag = useRef<{ y: number; x: number; position: number } | null>(null);
  const lastPress = useRef<{ at: number; x: number; y: number } | null>(null);
  const shown = local ?? options.value;

  const change = (value: number) => {
    const clamped = Math.min(options.max, Math.max(options.min, value));
    setLocal(clamped);
    if (clamped !== shown) options.onChange(clamped);
  };
  const commit = () => {
    drag.current = null;
    if (local === null) return;
    options.onCommit();
    setLocal(null);
  };

  const reset = () => {
    drag.current = null;
    setLocal(null);
    options.onSet(options.defaultValue);
  };

  const handlers = {
    onPointerDown(e: PointerEvent<HTMLElement>) {
      if (options.disabled || e.button !== 0) return;
      e.preventDefault();
      const element = e.currentTarget;
      element.focus();
      const previous = lastPress.current;
      lastPress.current = { at: e.timeStamp, x: e.clientX, y: e.clientY };
      if (previous && e.timeStamp - previous.at < DOUBLE_PRESS_MS && Math.hypot(e.clientX - previous.x, e.clientY - previous.y) < DOUBLE_PRESS_PX) {
        lastPress.current = null;
        reset();
        return;
      }
      element.setPointerCapture(e.pointerId);
      let position = options.toPosition(shown);
      const pressed = options.pressPosition?.(element, e);
      if (pressed !== null && pressed !== undefined) {
        position = Math.min(1, Math.max(0, pressed));
        change(options.fromPosition(position));
      } else {
        setLocal(shown);
      }
      drag.current = { y: e.clientY, x: e.clientX, position };
    },
    onPointerMove(e: PointerEvent<HTMLElement>) {
      const d = drag.current;
      if (!d) return;
      const moved = d.y - e.clientY + (e.clientX - d.x);
      const factor = e.shiftKey ? FINE_DRAG_FACTOR : 1;
      const position = Math.min(1, Math.max(0, d.position + (moved / options.travelPx(e.currentTarget)) * factor));
      drag.current = { y: e.clientY, x: e.clientX, position };
      change(options.fromPosition(position));
    },
    onPointerUp: commit,
    onPointerCancel: commit,
    onLostPointerCapture: commit,
    onKeyDown(e: KeyboardEvent<HTMLElement>) {
      if (options.disabled || e.ctrlKey || e.metaKey || e.altKey) return;
      const size = e.shiftKey ? 'fine' : 'normal';
      let next: number;
      switch (e.key) {
        case 'ArrowUp':
        case 'ArrowRight':
          next = options.step(shown, 1, size);
          break;
        case 'ArrowDown':
        case 'ArrowLeft':
          next = options.step(shown, -1, size);
          break;
        case 'PageUp':
          next = options.step(shown, 1, 'page');
          break;
        case 'PageDown':
          next = options.step(shown, -1, 'page');
          break;
        case 'Home':
          next = options.min;
          break;
        case 'End':
          next = options.max;
          break;
        default:
          return;
      }
      e.preventDefault();
      change(next);
    },
    onKeyUp(e: KeyboardEvent<HTMLElement>) {
      if (!drag.current && local !== null && ['ArrowUp', 'ArrowRight', 'ArrowDown', 'ArrowLeft', 'PageUp', 'PageDown', 'Home', 'End'].includes(e.key)) commit();
    },
    onBlur() {
      if (!drag.current) commit();
    },
  };

  return { shown, dragging: local !== null, handlers };
}
