'use client';

import { useEffect, useRef } from 'react';
import { type ReviewShortcut, reviewShortcutFor } from './review-shortcuts';

/** Runs the revision page's keyboard shortcuts (`reviewShortcutFor`) for as long as the page is open. */
export function useReviewShortcuts(handlers: Partial<Record<ReviewShortcut, () => void>>): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = reviewShortcutFor(event);
      const handler = action && current.current[action];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
