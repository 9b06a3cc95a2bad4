import type { Role } from './roles';

/**
 * Who may do what with a comment, written once: server/review/comments.ts enforces it, the
 * revision page offers only what it allows. Every member may comment and reply, reviewers included.
 */

/** Longest comment body and review note, in characters (the API's schema and the text boxes). */
export const COMMENT_MAX_CHARS = 5_000;

/** What the rules need of a comment. */
export interface CommentOwnership {
  authorId: string | null;
}

/** Only its author edits a comment's text. */
export function mayEditComment(userId: string, comment: CommentOwnership): boolean {
  return comment.authorId === userId;
}

/** Its author deletes a comment, and the lead any. */
export function mayDeleteComment(userId: string, role: Role, comment: CommentOwnership): boolean {
  return comment.authorId === userId || role === 'lead';
}

/** Its author resolves and reopens a comment, and anyone who acts on feedback (everyone but a reviewer). */
export function mayResolveComment(userId: string, role: Role, comment: CommentOwnership): boolean {
  return comment.authorId === userId || role !== 'reviewer';
}
