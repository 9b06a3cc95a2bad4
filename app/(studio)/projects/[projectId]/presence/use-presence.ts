'use client';

import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { ClientRoom } from '../../../../../lib/sync/client-room';
import { type Person, PresenceModel } from './presence-model';

const noop = () => {};
const NOBODY: readonly Person[] = [];

/**
 * The presence of a room for the lifetime of the calling component: the model to report what the
 * user touches, and the other people here (re-read on every awareness change).
 */
export function usePresence(room: ClientRoom | null, userId: string): { presence: PresenceModel | null; others: readonly Person[] } {
  const [presence, setPresence] = useState<PresenceModel | null>(null);

  useEffect(() => {
    if (!room) return;
    const created = new PresenceModel(room, { userId });
    setPresence(created);
    return () => {
      created.destroy();
      setPresence(null);
    };
  }, [room, userId]);

  const subscribe = useCallback((listener: () => void) => (presence ? presence.subscribe(listener) : noop), [presence]);
  const others = useSyncExternalStore(
    subscribe,
    () => presence?.snapshot ?? NOBODY,
    () => NOBODY,
  );
  return { presence, others };
}
