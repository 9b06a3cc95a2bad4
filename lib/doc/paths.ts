import * as Y from 'yjs';

/**
 * Paths name a place in the document as segments: `['tracks', id, 'strip', 'gainDb']`, written
 * `tracks/<id>/strip/gainDb` (SPEC L3). Track ids may contain `/`, so each segment escapes `%` and
 * `/` as `%25` and `%2F`; the string form is then unambiguous and reversible.
 */
export type PathSegments = readonly string[];

export const ROOT_NAMES = ['meta', 'tracks', 'buses', 'master'] as const;
export type RootName = (typeof ROOT_NAMES)[number];

export function escapeSegment(segment: string): string {
  return segment.replace(/%/g, '%25').replace(/\//g, '%2F');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/%2F/g, '/').replace(/%25/g, '%');
}

export function formatPath(segments: PathSegments): string {
  return segments.map(escapeSegment).join('/');
}

export function parsePath(path: string): string[] {
  return path.split('/').map(unescapeSegment);
}

/** The value at `segments` in `doc`, descending through Y.Maps only; undefined when absent. */
export function getAt(doc: Y.Doc, segments: PathSegments): unknown {
  if (segments.length === 0) return undefined;
  const root = doc.share.get(segments[0]);
  if (!(root instanceof Y.Map)) return undefined;
  let current: unknown = root;
  for (let i = 1; i < segments.length; i++) {
    if (!(current instanceof Y.Map)) return undefined;
    current = current.get(segments[i]);
  }
  return current;
}
