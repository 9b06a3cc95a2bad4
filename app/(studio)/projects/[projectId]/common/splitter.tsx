'use client';

import { type KeyboardEvent, type PointerEvent, useRef } from 'react';

export interface SplitterProps {
  /** Accessible name, e.g. "Resize the timeline". */
  label: string;
  /** The height it sets, in CSS pixels, and its bounds. */
  value: number;
  min: number;
  max: number;
  onChange(value: number): void;
  /** The id of the element it resizes. */
  controls?: string;
}

/** Keyboard steps: an arrow key, Shift or Page Up/Down. */
const STEP_PX = 16;
const LARGE_STEP_PX = 64;

/**
 * A bar between two stacked panes that sets the height of the one above (an ARIA separator): drag
 * it, or focus it and use the arrow keys (Shift, Page Up and Page Down for larger steps), Home
 * and End.
 */
export function Splitter({ label, value, min, max, onChange, controls }: SplitterProps) {
  const drag = useRef<{ y: number; from: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));
  const end = () => {
    drag.current = null;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? LARGE_STEP_PX : STEP_PX;
    const next = { ArrowUp: value - step, ArrowDown: value + step, PageUp: value - LARGE_STEP_PX, PageDown: value + LARGE_STEP_PX, Home: min, End: max }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onChange(clamp(next));
  };

  return (
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={Math.round(min)}
      aria-valuemax={Math.round(max)}
      aria-controls={controls}
      aria-keyshortcuts="ArrowUp ArrowDown PageUp PageDown Home End"
      tabIndex={0}
      title="Drag to resize (or use the arrow keys)"
      className="splitter"
      onPointerDown={(e: PointerEvent<HTMLDivElement>) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.focus();
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { y: e.clientY, from: value };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (d) onChange(clamp(d.from + e.clientY - d.y));
      }}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={end}
      onKeyDown={onKeyDown}
    />
  );
}
