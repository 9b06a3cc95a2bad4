'use client';

import { useEffect, useRef, useState } from 'react';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';

/** The attribute a control carries its document path in (`bindControl` sets it). */
export const PARAM_PATH_ATTRIBUTE = 'data-param-path';

const GAP_PX = 6;
const MARGIN_PX = 8;

/**
 * Who changed a control last ("Mia Mixer · 2 min ago"), shown over any control of the studio that
 * carries `data-param-path` while the pointer is on it or it has the keyboard's focus. One
 * tooltip for the page, found by delegation, so that no strip renders again when blame changes.
 * It sits beside the control's own title and never touches its accessible name.
 */
export function BlameTooltip() {
  const { blame } = useStudio();
  const entries = useStore(blame, (s) => s.entries);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);

  useEffect(() => {
    const find = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>(`[${PARAM_PATH_ATTRIBUTE}]`) : null);
    const over = (e: Event) => setAnchor(find(e.target));
    const out = (e: PointerEvent | FocusEvent) => {
      const from = find(e.target);
      const to = find(e.relatedTarget);
      if (from && from !== to) setAnchor((current) => (current === from ? to : current));
    };
    const hide = () => setAnchor(null);
    // A press starts an edit (the tooltip would cover the value), and a scroll moves the control away.
    const listeners: Array<[EventTarget, string, (e: never) => void]> = [
      [document, 'pointerover', over],
      [document, 'pointerout', out],
      [document, 'focusin', over],
      [document, 'focusout', out],
      [document, 'pointerdown', hide],
      [window, 'scroll', hide],
    ];
    for (const [target, type, listener] of listeners) target.addEventListener(type, listener as EventListener, true);
    return () => {
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener as EventListener, true);
    };
  }, []);

  const path = anchor?.getAttribute(PARAM_PATH_ATTRIBUTE) ?? null;
  // `entries` is read so that the text follows a refresh while the tooltip is up.
  const text = path && entries ? blame.describe(path) : null;

  useEffect(() => {
    if (!anchor || !text || !ref.current) return setPlace(null);
    const a = anchor.getBoundingClientRect();
    const tip = ref.current.getBoundingClientRect();
    const left = Math.min(window.innerWidth - tip.width - MARGIN_PX, Math.max(MARGIN_PX, a.left + a.width / 2 - tip.width / 2));
    const above = a.top - GAP_PX - tip.height;
    setPlace({ top: above >= MARGIN_PX ? above : a.bottom + GAP_PX, left });
  }, [anchor, text]);

  if (!text) return null;
  return (
    <div
      ref={ref}
      role="tooltip"
      className="blame-tooltip"
      style={{ top: place?.top ?? -9999, left: place?.left ?? -9999, visibility: place ? 'visible' : 'hidden' }}
    >
      <span className="blame-tooltip__label">Last change</span> {text}
    </div>
  );
}
