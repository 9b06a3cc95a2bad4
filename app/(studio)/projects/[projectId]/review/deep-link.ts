import { parseTimecode } from './timecode';

/** Where a link into a revision page points: a time (`?t=83.2`) and/or a comment (`#comment-<id>`). */
export interface DeepLink {
  timeSec: number | null;
  commentId: string | null;
}

const COMMENT_HASH = /^#comment-([A-Za-z0-9_-]{1,64})$/;

/** Reads `location.search` and `location.hash`; anything malformed is ignored, not an error. */
export function parseDeepLink(search: string, hash: string): DeepLink {
  const t = new URLSearchParams(search).get('t');
  const timeSec = t === null ? null : parseTimecode(t);
  const comment = COMMENT_HASH.exec(hash);
  return { timeSec, commentId: comment ? comment[1] : null };
}

/** The element id of a comment on the page, which `#comment-<id>` scrolls to. */
export function commentAnchor(commentId: string): string {
  return `comment-${commentId}`;
}

/** A link to a revision page at a time, or at a comment (which carries its time). */
export function revisionLink(pagePath: string, target: { timeSec?: number; commentId?: string }): string {
  const query = target.timeSec === undefined ? '' : `?t=${Math.round(target.timeSec * 10) / 10}`;
  const hash = target.commentId === undefined ? '' : `#${commentAnchor(target.commentId)}`;
  return `${pagePath}${query}${hash}`;
}
