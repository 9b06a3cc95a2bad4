import type { CommentDto } from '../../../../../lib/api/dto';

/** A comment at a time on the revision, with its replies in the order they were written. */
export interface Thread {
  root: CommentDto;
  replies: CommentDto[];
}

const byTime = (a: CommentDto, b: CommentDto) => a.atSec - b.atSec || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
const byCreation = (a: CommentDto, b: CommentDto) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * The threads of a revision, by time. A reply whose parent is unknown is shown as a thread of its
 * own rather than lost; a deleted comment keeps its place only while replies hang on it.
 */
export function buildThreads(comments: readonly CommentDto[]): Thread[] {
  const ids = new Set(comments.map((c) => c.id));
  const replies = new Map<string, CommentDto[]>();
  const roots: CommentDto[] = [];
  for (const c of comments) {
    if (c.parentId !== null && ids.has(c.parentId)) {
      const list = replies.get(c.parentId) ?? [];
      list.push(c);
      replies.set(c.parentId, list);
    } else roots.push(c);
  }
  return roots
    .sort(byTime)
    .map((root) => ({ root, replies: (replies.get(root.id) ?? []).sort(byCreation) }))
    .filter((t) => !t.root.deleted || t.replies.some((r) => !r.deleted));
}

/** The id of the thread a comment belongs to (itself for a root). */
export function threadOf(threads: readonly Thread[], commentId: string): Thread | undefined {
  return threads.find((t) => t.root.id === commentId || t.replies.some((r) => r.id === commentId));
}
