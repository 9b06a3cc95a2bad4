'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Principal } from '../../../../../lib/roles';
import type { ClientRoom } from '../../../../../lib/sync/client-room';
import { MixerModel, type MixerState } from './mixer-model';

const noop = () => {};

/**
 * The mixer model of a room, and its state (the mix, writable strips, undo) re-read whenever the
 * document changes, including after the room replaced its document on a refused edit.
 */
export function useMixer(room: ClientRoom | null, principal: Principal): { model: MixerModel | null; state: MixerState | null } {
  const [model, setModel] = useState<MixerModel | null>(null);
  const principalRef = useRef(principal);
  principalRef.current = principal;

  useEffect(() => {
    if (!room) return;
    const created = new MixerModel(room, principalRef.current);
    setModel(created);
    return () => {
      created.destroy();
      setModel(null);
    };
  }, [room]);

  const { userId, role } = principal;
  useEffect(() => model?.setPrincipal({ userId, role }), [model, userId, role]);

  const subscribe = useCallback((listener: () => void) => (model ? model.subscribe(listener) : noop), [model]);
  const state = useSyncExternalStore(
    subscribe,
    () => model?.snapshot ?? null,
    () => null,
  );
  return { model, state };
}
