/**
 * The `?next=` target after signing in: only a path on this site, so that a crafted link cannot
 * send someone elsewhere after they typed their password.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

export function withNext(path: string, next: string | null | undefined): string {
  const target = safeNextPath(next);
  return target === '/' ? path : `${path}?next=${encodeURIComponent(target)}`;
}
