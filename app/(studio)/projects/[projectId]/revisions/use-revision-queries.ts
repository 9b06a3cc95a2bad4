'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RevisionDto, RevisionKind } from '../../../../../lib/api/dto';
import { queryKeys } from '../../../../../lib/api/query-keys';
import type { ActivityPage } from '../../../../../server/activity/activity';
import type { RevisionDiff } from '../../../../../server/revisions/revisions';
import { api } from '../../../../_lib/api';
import { revisionPaths } from './revisions-client';

/**
 * The revision routes as React Query hooks, for the revisions panel and the activity feed.
 * Revisions, renders and peaks never change once made (a revision changes state only by being
 * rendered or deleted), so only the list and the feed are polled.
 */

/** How often an open list looks for revisions others published or rendered. @default 10 s */
export const REVISIONS_POLL_MS = 10_000;
/** How often an open feed looks for new entries. @default 4 s */
export const ACTIVITY_POLL_MS = 4_000;

export function useRevisions(projectId: string) {
  return useQuery({
    queryKey: queryKeys.revisions(projectId),
    queryFn: ({ signal }) => api<{ revisions: RevisionDto[] }>(revisionPaths.list(projectId), { signal }).then((r) => r.revisions),
    refetchInterval: REVISIONS_POLL_MS,
  });
}

/** The raw peaks of a render (parse with `parseWaveformPeaks`). */
export function useRenderPeaksJson(peaksUrl: string, revisionId: string, kind: RevisionKind) {
  return useQuery({
    queryKey: queryKeys.revisionPeaks(revisionId, kind),
    queryFn: ({ signal }) => api<unknown>(peaksUrl, { signal }),
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });
}

/** The diff from one revision to another or to `live`; a new `liveVersion` reads live again. */
export function useRevisionDiff(from: string, to: string, liveVersion: number) {
  return useQuery({
    queryKey: queryKeys.revisionDiff(from, to, to === 'live' ? liveVersion : 0),
    queryFn: ({ signal }) => api<{ diff: RevisionDiff }>(revisionPaths.diff(from, to), { signal }).then((r) => r.diff),
    staleTime: to === 'live' ? 0 : Infinity,
    placeholderData: (previous, query) => (query?.queryKey[3] === to ? previous : undefined),
  });
}

export function useRestoreRevision(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (revisionId: string) => api<{ changes: number }>(revisionPaths.restore(revisionId), { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.activity(projectId) }),
  });
}

export function useDeleteRevision(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (revisionId: string) => api<void>(revisionPaths.one(revisionId), { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.revisions(projectId) }),
  });
}

/** The feed, newest first, a page at a time ("Load older"); the pages loaded are read again every few seconds. */
export function useActivity(projectId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.activity(projectId),
    queryFn: ({ signal, pageParam }) => api<ActivityPage>(revisionPaths.activity(projectId, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: ACTIVITY_POLL_MS,
  });
}
