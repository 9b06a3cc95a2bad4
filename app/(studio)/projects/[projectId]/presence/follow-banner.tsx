'use client';

import { useEffect, useState } from 'react';
import { Button } from '../../../../_components/button';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';
import { ownsKeys } from '../transport/transport-shortcuts';

/** How long "Stopped following: … left" stays. */
const ENDED_SHOWN_MS = 6_000;

/**
 * While following someone's transport: who, and how to stop (the button, Escape, or F outside a
 * text field). When following ended by itself, why.
 */
export function FollowBanner() {
  const { follow } = useStudio();
  const state = useStore(follow);
  const following = state?.userId ?? null;

  useEffect(() => {
    if (!follow || following === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape' || ((e.key === 'f' || e.key === 'F') && !ownsKeys(e.target))) {
        e.preventDefault();
        follow.stop();
      }
    };
    // Before the page's other Escape handlers (the revisions panel): leaving follow mode comes first.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [follow, following]);

  // Why following ended shows for a few seconds.
  const ended = state?.ended ?? null;
  const [shownEnded, setShownEnded] = useState<string | null>(null);
  useEffect(() => {
    setShownEnded(ended);
    if (!ended) return;
    const timer = setTimeout(() => setShownEnded(null), ENDED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [ended]);

  if (!follow || !state) return null;
  if (following === null) {
    return shownEnded ? (
      <p className="follow-banner follow-banner--ended" role="status">
        Stopped following: {shownEnded}.
      </p>
    ) : null;
  }
  return (
    <div className="follow-banner" role="status">
      <span>
        Following <strong>{state.name}</strong>
      </span>
      <Button size="sm" variant="ghost" onClick={() => follow.stop()} aria-keyshortcuts="Escape F">
        Stop following
      </Button>
      <span className="follow-banner__keys">Esc or F</span>
    </div>
  );
}
