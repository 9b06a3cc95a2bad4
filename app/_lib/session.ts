'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { queryKeys } from '../../lib/api/query-keys';
import { callAuth, getAuthClient } from './auth-client';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

/** The signed-in user, or null when signed out. */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async (): Promise<SessionUser | null> => {
      const data = await callAuth((fetchOptions) => getAuthClient().getSession({ fetchOptions }));
      if (!data) return null;
      const { id, name, email } = data.user;
      return { id, name, email };
    },
    staleTime: 5 * 60_000,
  });
}

/**
 * Signs out and loads the sign-in page afresh: a full page load drops every cached answer and
 * component state of the previous user at once.
 */
export function useSignOut() {
  const [pending, setPending] = useState(false);
  const signOut = useCallback(async () => {
    setPending(true);
    try {
      await callAuth((fetchOptions) => getAuthClient().signOut({ fetchOptions }));
    } catch {
      // The session may already be gone; the page load below leaves nothing of it behind.
    }
    window.location.replace('/sign-in');
  }, []);
  return { signOut, pending };
}
