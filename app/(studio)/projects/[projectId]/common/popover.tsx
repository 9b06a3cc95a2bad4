'use client';

import { type ReactNode, type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface PopoverProps {
  /** The button that opened it: the popover sits under it and gives focus back to it. */
  anchorRef: RefObject<HTMLElement | null>;
  /** Accessible name of the dialog. */
  label: string;
  onClose(): void;
  className?: string;
  /** @default 240 */
  widthPx?: number;
  children: ReactNode;
}

const WIDTH_PX = 240;
const GAP_PX = 6;

/**
 * A small non-modal dialog anchored to a button. Fixed-positioned, so the strips' scrolling row
 * does not clip it. Escape, a press outside, or a scroll that moves its button closes it (the
 * studio has several scrolling panes: a scroll elsewhere, such as the detail panel settling on a
 * newly selected strip, leaves it open).
 */
export function Popover({ anchorRef, label, onClose, className, widthPx = WIDTH_PX, children }: PopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  /** Where the button was when the popover was placed. */
  const anchoredAt = useRef<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const anchor = anchorRef.current?.getBoundingClientRect();
    const height = ref.current?.offsetHeight ?? 0;
    if (!anchor) return;
    anchoredAt.current = { top: anchor.top, left: anchor.left };
    const left = Math.min(window.innerWidth - widthPx - 8, Math.max(8, anchor.left + anchor.width / 2 - widthPx / 2));
    const below = anchor.bottom + GAP_PX;
    const top = below + height > window.innerHeight - 8 ? Math.max(8, anchor.top - GAP_PX - height) : below;
    setPlace({ top, left });
  }, [anchorRef, widthPx]);

  // Into the dialog once it is placed: it is hidden until then, and a hidden element takes no focus.
  const placed = place !== null;
  useEffect(() => {
    if (placed) ref.current?.querySelector<HTMLElement>('input, button, [tabindex="0"]')?.focus();
  }, [placed]);

  useEffect(() => {
    const close = () => onCloseRef.current();
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!ref.current?.contains(target) && !anchorRef.current?.contains(target)) close();
    };
    const onScroll = (e: Event) => {
      if (ref.current?.contains(e.target as Node)) return;
      const at = anchorRef.current?.getBoundingClientRect();
      const was = anchoredAt.current;
      if (!at || !was || Math.abs(at.top - was.top) >= 1 || Math.abs(at.left - was.left) >= 1) close();
    };
    document.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', close);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', close);
    };
  }, [anchorRef]);

  return (
    <div
      ref={ref}
      role="dialog"
      aria-label={label}
      className={['popover', className].filter(Boolean).join(' ')}
      style={{ top: place?.top ?? -9999, left: place?.left ?? -9999, width: widthPx, visibility: place ? 'visible' : 'hidden' }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
          anchorRef.current?.focus();
        }
      }}
    >
      {children}
    </div>
  );
}
