'use client';

import { type DependencyList, useEffect, useState } from 'react';
import type { Destroyable } from './store';

/**
 * A model owned by the calling component: made by `factory` after mount and whenever `deps`
 * change, destroyed when they change again and on unmount. Null until it exists (the first render,
 * and while `factory` returns null because what it needs is not there yet). Made in an effect, not
 * during render, so React's double mount in development makes and destroys one whole copy.
 */
export function useOwned<T extends Destroyable>(factory: () => T | null, deps: DependencyList): T | null {
  const [owned, setOwned] = useState<T | null>(null);
  useEffect(() => {
    const created = factory();
    setOwned(created);
    if (!created) return;
    return () => {
      created.destroy();
      setOwned(null);
    };
    // The caller names what the factory depends on, as with useMemo.
  }, deps);
  return owned;
}
