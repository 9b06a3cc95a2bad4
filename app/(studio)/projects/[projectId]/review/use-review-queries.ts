'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommentDto, CreateCommentRequest, MarkReadRequest, ReviewDecisionRequest, ReviewDto, UnreadDto, UpdateCommentRequest } from '../../../../../lib/api/dto';
import { queryKeys } from '../../../../../lib/api/query-keys';
import type { RevisionDetail } from '../../../../../server/revisions/revisions';
import { api } from '../../../../_lib/api';

const enc = encodeURIComponent;

/** The review routes of the API (README "HTTP API"). */
export const reviewPaths = {
  revision: (revisionId: string) => `/api/revisions/${enc(revisionId)}`,
  comments: (revisionId: string) => `/api/revisions/${enc(revisionId)}/comments`,
  comment: (commentId: string) => `/api/comments/${enc(commentId)}`,
  review: (projectId: string) => `/api/projects/${enc(projectId)}/review`,
  unread: (projectId: string) => `/api/projects/${enc(projectId)}/unread`,
};

/**
 * How often an open revision page reads its comments again, so that what others write, edit and
 * resolve appears without a reload. The list of one revision is one indexed query: cheap enough to
 * poll. @default 2 s
 */
export const COMMENTS_POLL_MS = 2_000;
/** How often the workflow state is read again (decisions are rare). @default 5 s */
export const REVIEW_POLL_MS = 5_000;
/** How often the header's unread count is read again. @default 10 s */
export const UNREAD_POLL_MS = 10_000;

/** A revision with what it holds (its mix snapshot: the tracks a comment may be anchored to). */
export function useRevisionDetail(revisionId: string) {
  return useQuery({
    queryKey: queryKeys.revision(revisionId),
    queryFn: ({ signal }) => api<RevisionDetail>(reviewPaths.revision(revisionId), { signal }),
    // Rendering -> ready is the only change a revision goes through, besides deletion.
    refetchInterval: (query) => (query.state.data?.revision.status === 'rendering' ? 5_000 : false),
  });
}

export function useComments(revisionId: string) {
  return useQuery({
    queryKey: queryKeys.comments(revisionId),
    queryFn: ({ signal }) => api<{ comments: CommentDto[] }>(reviewPaths.comments(revisionId), { signal }).then((r) => r.comments),
    refetchInterval: COMMENTS_POLL_MS,
  });
}

/** Writing, editing, resolving and deleting comments; each reads the list again at once. */
export function useCommentMutations(revisionId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.comments(revisionId) });
  const create = useMutation({
    mutationFn: (body: CreateCommentRequest) => api<{ comment: CommentDto }>(reviewPaths.comments(revisionId), { method: 'POST', body }).then((r) => r.comment),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: UpdateCommentRequest & { id: string }) => api<{ comment: CommentDto }>(reviewPaths.comment(id), { method: 'PATCH', body }).then((r) => r.comment),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(reviewPaths.comment(id), { method: 'DELETE' }),
    onSettled: refresh,
  });
  return { create, update, remove };
}

export function useReview(projectId: string) {
  return useQuery({
    queryKey: queryKeys.review(projectId),
    queryFn: ({ signal }) => api<{ review: ReviewDto }>(reviewPaths.review(projectId), { signal }).then((r) => r.review),
    refetchInterval: REVIEW_POLL_MS,
  });
}

/** Takes a decision; the answer is the new state, and a send-back's note is a new comment. */
export function useDecide(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewDecisionRequest) => api<{ review: ReviewDto }>(reviewPaths.review(projectId), { method: 'POST', body }).then((r) => r.review),
    onSuccess: (review) => queryClient.setQueryData(queryKeys.review(projectId), review),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.review(projectId) });
      // A send-back's note is a new comment on the revision.
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'revisions' && q.queryKey[2] === 'comments' });
      void queryClient.invalidateQueries({ queryKey: queryKeys.activity(projectId) });
    },
  });
}

/** What the user has not read yet in the project: comments by others per revision, and decisions. */
export function useUnread(projectId: string) {
  return useQuery({
    queryKey: queryKeys.unread(projectId),
    queryFn: ({ signal }) => api<{ unread: UnreadDto }>(reviewPaths.unread(projectId), { signal }).then((r) => r.unread),
    refetchInterval: UNREAD_POLL_MS,
  });
}

/** Marks a revision's comments or the decisions read; the answer is the new count. */
export function useMarkRead(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkReadRequest) => api<{ unread: UnreadDto }>(reviewPaths.unread(projectId), { method: 'POST', body }).then((r) => r.unread),
    onSuccess: (unread) => queryClient.setQueryData(queryKeys.unread(projectId), unread),
  });
}
