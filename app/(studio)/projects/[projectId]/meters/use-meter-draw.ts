'use client';

import { useEffect, useRef } from 'react';
import type { MeterStore } from './meter-store';

/**
 * Calls `draw` with the store after every meter frame (about 25 a second) and once at once, for
 * meters that write straight into the DOM: no React state changes per frame.
 */
export function useMeterDraw(store: MeterStore | null, draw: (store: MeterStore) => void): void {
  const drawRef = useRef(draw);
  drawRef.current = draw;
  useEffect(() => {
    if (!store) return;
    const run = () => drawRef.current(store);
    run();
    return store.subscribe(run);
  }, [store]);
}
