import * as Y from 'yjs';
import type { Principal } from '../roles';
import type { ChangeKind } from './changes';
import { getAt, parsePath, type PathSegments } from './paths';

/** Review states a mixer may set on an assigned track (SPEC P4). */
export const MIXER_REVIEW_STATES: ReadonlySet<unknown> = new Set(['in_progress', 'ready']);

export type PermissionRule = 'P1' | 'P2' | 'P3' | 'P4' | 'P5' | 'P6' | 'P7' | 'P9';

export interface WriteDecision {
  allowed: boolean;
  /** The SPEC.md rule that decided. */
  rule: PermissionRule;
}

/** What is being written, when the rule depends on it (review state values, container creation). */
export interface WriteIntent {
  kind?: ChangeKind;
  value?: unknown;
  created?: boolean;
}

/**
 * Whether the live document's track `trackId` lists `userId` among its assignees. Always read
 * from the live document before the update (SPEC P8): an update cannot grant its own sender rights,
 * and offline edits are judged by the assignments of now, not of when they were made.
 */
export function isAssigned(live: Y.Doc, trackId: string, userId: string): boolean {
  const assignees = getAt(live, ['tracks', trackId, 'assignees']);
  return assignees instanceof Y.Array && assignees.toArray().includes(userId);
}

/** What a mixer writes of an assigned track (SPEC P3-P5): its strip, clip, place on the timeline, automation and review state. */
const MIXER_SECTIONS: ReadonlySet<string> = new Set(['strip', 'clip', 'offsetSec', 'automation', 'review']);

const allow = (rule: PermissionRule): WriteDecision => ({ allowed: true, rule });
const deny = (rule: PermissionRule): WriteDecision => ({ allowed: false, rule });

function checkMixer(principal: Principal, s: PathSegments, live: Y.Doc, intent: WriteIntent): WriteDecision {
  if (s[0] !== 'tracks' || s.length < 3) return deny('P7');
  const [, trackId, section] = s;
  if (!MIXER_SECTIONS.has(section)) return deny('P7');
  if (!isAssigned(live, trackId, principal.userId)) return deny('P3');
  if (s.length === 3) {
    if (section === 'strip') return deny('P3');
    // P3: moving the clip on the timeline (a deletion moves it to 0 s, the default).
    if (section === 'offsetSec') return allow('P3');
    // P5: an optional container the lead never created; its contents are checked one by one.
    const creates = intent.kind === 'set' && intent.created === true && getAt(live, s) === undefined;
    return creates ? allow('P5') : deny('P5');
  }
  if (section === 'offsetSec') return deny('P3');
  if (section === 'review') {
    const ok = s.length === 4 && s[3] === 'state' && intent.kind === 'set' && MIXER_REVIEW_STATES.has(intent.value);
    return ok ? allow('P4') : deny('P4');
  }
  return allow('P3');
}

/** The decision and the rule behind it for one write (SPEC.md "Permissions"). */
export function checkWrite(principal: Principal, path: string | PathSegments, live: Y.Doc, intent: WriteIntent = {}): WriteDecision {
  const segments = typeof path === 'string' ? parsePath(path) : path;
  // P9: a new map where one exists would silently drop everyone's concurrent edits of the old one.
  if (intent.kind === 'set' && intent.created === true && getAt(live, segments) instanceof Y.Map) return deny('P9');
  switch (principal.role) {
    case 'lead':
      return allow('P1');
    case 'reviewer':
      return deny('P2');
    case 'mastering':
      return segments[0] === 'master' && segments.length >= 2 ? allow('P6') : deny('P6');
    case 'mixer':
      return checkMixer(principal, segments, live, intent);
    default:
      return deny('P7');
  }
}

/**
 * Whether `principal` may make this write, given the live document's current state. `value` is
 * needed only for `review/state`, whose permitted values depend on the role.
 */
export function canWrite(principal: Principal, path: string | PathSegments, live: Y.Doc, value?: unknown): boolean {
  return checkWrite(principal, path, live, { kind: value === undefined ? 'delete' : 'set', value }).allowed;
}
