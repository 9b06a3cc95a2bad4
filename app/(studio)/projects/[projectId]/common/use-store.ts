'use client';

import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Store } from './store';

const NO_SUBSCRIPTION = () => () => {};

interface Selected<S, T> {
  store: Store<S> | null;
  snapshot: S | undefined;
  select: ((snapshot: S) => T) | undefined;
  value: T | null;
}

/**
 * A store's snapshot (or, with `select`, a part of it), re-rendering when it changes. With a
 * selector the component re-renders only when the selected value changes (by `isEqual`, default
 * `Object.is`): a strip that selects its own track does not render for another strip's change.
 * Null while there is no store yet.
 */
export function useStore<S>(store: Store<S>): S;
export function useStore<S>(store: Store<S> | null): S | null;
export function useStore<S, T>(store: Store<S>, select: (snapshot: S) => T, isEqual?: (a: T, b: T) => boolean): T;
export function useStore<S, T>(store: Store<S> | null, select: (snapshot: S) => T, isEqual?: (a: T, b: T) => boolean): T | null;
export function useStore<S, T>(store: Store<S> | null, select?: (snapshot: S) => T, isEqual: (a: T, b: T) => boolean = Object.is): S | T | null {
  const last = useRef<Selected<S, T | S> | null>(null);
  const subscribe = useCallback((listener: () => void) => (store ? store.subscribe(listener) : NO_SUBSCRIPTION()), [store]);
  const getSnapshot = (): S | T | null => {
    if (!store) return null;
    const snapshot = store.snapshot;
    if (!select) return snapshot;
    const previous = last.current;
    if (previous && previous.store === store && previous.snapshot === snapshot && previous.select === select) return previous.value;
    const value = select(snapshot);
    // An equal value keeps the identity React saw before, so the component does not render again.
    const kept = previous && previous.store === store && isEqual(previous.value as T, value) ? (previous.value as T) : value;
    last.current = { store, snapshot, select: select as (s: S) => T | S, value: kept };
    return kept;
  };
  return useSyncExternalStore(subscribe, getSnapshot, () => null);
}
