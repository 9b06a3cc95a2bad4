'use client';

import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { ClientRoom, type ClientRoomSnapshot } from '../../../../../lib/sync/client-room';

/** The sync endpoint on this page's own host: the browser sends the session cookie and Origin. */
function syncUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/sync`;
}

const noop = () => {};

/**
 * The live room of one project for the lifetime of the calling component: created on mount,
 * destroyed on unmount, with a local copy per user and project and following the browser's
 * network state. `status` is the room's connection, Saved and refusal state.
 */
export function useRoom(projectId: string, userId: string): { room: ClientRoom | null; status: ClientRoomSnapshot | null } {
  const [room, setRoom] = useState<ClientRoom | null>(null);

  useEffect(() => {
    // A local copy in IndexedDB: edits made offline survive a reload and are sent on reconnect.
    const created = new ClientRoom({ serverUrl: syncUrl(), projectId, persistence: 'indexeddb', userId, network: window });
    setRoom(created);
    return () => {
      created.destroy();
      setRoom(null);
    };
  }, [projectId, userId]);

  const subscribe = useCallback((listener: () => void) => (room ? room.subscribe(listener) : noop), [room]);
  const status = useSyncExternalStore(
    subscribe,
    () => room?.snapshot ?? null,
    () => null,
  );
  return { room, status };
}
