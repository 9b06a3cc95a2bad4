'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { queryKeys } from '../lib/api/query-keys';
import { isApiError } from './_lib/api';

// Also set by instrumentation-client.ts, which runs first; kept here for tests and tools that
// render the providers without Next's client entry.
z.config({ jitless: true });

/** Client errors (4xx) are answers, not glitches: retrying them only delays the message. */
function shouldRetry(failureCount: number, err: unknown): boolean {
  if (isApiError(err) && err.status >= 400 && err.status < 500) return false;
  return failureCount < 2;
}

function makeQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 15_000 },
      mutations: { retry: false },
    },
    // The API's 401 (`unauthenticated`) means the session is gone: the signed-in shell then sends the user to sign in.
    queryCache: new QueryCache({ onError: (err) => onUnauthenticated(err) }),
    mutationCache: new MutationCache({ onError: (err) => onUnauthenticated(err) }),
  });
  function onUnauthenticated(err: unknown) {
    if (isApiError(err) && err.code === 'unauthenticated') client.setQueryData(queryKeys.session, null);
  }
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
