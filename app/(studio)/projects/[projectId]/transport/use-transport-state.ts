'use client';

import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Transport, TransportState } from './transport-types';

const NO_TRANSPORT: TransportState = { ready: false, playing: false, loop: null, looping: false };
const noSubscription = () => () => {};

function sameState(a: TransportState, b: TransportState): boolean {
  return (
    a.ready === b.ready &&
    a.playing === b.playing &&
    a.looping === b.looping &&
    a.loop?.startSec === b.loop?.startSec &&
    a.loop?.endSec === b.loop?.endSec
  );
}

/**
 * The transport's state (not its position: that is read per frame), re-rendering on its changes.
 * The snapshot is cached by value, so a `getState()` that builds a new object on each call cannot
 * make React render in a loop.
 */
export function useTransportState(transport: Transport | null): TransportState {
  const cache = useRef<TransportState>(NO_TRANSPORT);
  const getSnapshot = useCallback(() => {
    const next = transport ? transport.getState() : NO_TRANSPORT;
    if (!sameState(cache.current, next)) cache.current = next;
    return cache.current;
  }, [transport]);
  const subscribe = useCallback((listener: () => void) => (transport ? transport.subscribe(listener) : noSubscription()), [transport]);
  return useSyncExternalStore(subscribe, getSnapshot, () => NO_TRANSPORT);
}
