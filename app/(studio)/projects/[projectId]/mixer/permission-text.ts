import type { WriteDecision } from '../../../../../lib/doc';

/** What a read-only sentence is about. */
export type ReadOnlySubject =
  | { kind: 'track'; name: string }
  | { kind: 'bus'; name: string }
  | { kind: 'master' }
  /** The track list itself: adding, renaming, deleting, assigning, reordering, new stems. */
  | { kind: 'trackList' };

const MASTERING_WRITES_NOT: Record<ReadOnlySubject['kind'], string> = {
  track: 'track strips',
  bus: 'buses',
  master: 'this',
  trackList: 'the track list',
};

/**
 * Why the user may not write something, in words, from the rule that refused it (`checkWrite`,
 * lib/doc/SPEC.md "Permissions": the server's gate applies the same rules); null when allowed.
 */
export function readOnlyReason(decision: WriteDecision, subject: ReadOnlySubject): string | null {
  if (decision.allowed) return null;
  switch (decision.rule) {
    case 'P2':
      return 'Read-only: reviewers listen and comment, they do not change the mix.';
    case 'P3':
    case 'P4':
    case 'P5':
      return subject.kind === 'track'
        ? `Read-only: ${subject.name} is not assigned to you. Ask the lead to assign it to you.`
        : 'Read-only: you edit the tracks assigned to you.';
    case 'P6':
      return `Read-only: mastering edits the master section, not ${MASTERING_WRITES_NOT[subject.kind]}.`;
    default:
      switch (subject.kind) {
        case 'bus':
          return 'Read-only: the lead edits the buses.';
        case 'master':
          return 'Read-only: the lead and mastering edit the master section.';
        case 'track':
          return `Read-only: ${subject.name} is the lead's to change.`;
        case 'trackList':
          return 'Read-only: the lead manages the tracks.';
      }
  }
}

/** The message of an action the user may not take (a button they should not have seen). */
export function refusedText(decision: WriteDecision, action: string): string | null {
  return decision.allowed ? null : `Only the lead can ${action}`;
}
