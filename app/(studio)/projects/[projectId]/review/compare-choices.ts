import type { RevisionDto, RevisionRenderDto } from '../../../../../lib/api/dto';
import { mainRender } from '../revisions/revision-format';

/** Something a revision can be compared with on its page. */
export interface CompareChoice {
  /** The select's value: a revision id, `self:<kind>` for the revision's own other render, or `live`. */
  value: string;
  /** "revision 2 (mix)", "the mix of this revision", "the live mix". */
  label: string;
  /** "#2 mix", "own mix": for the A/B's side buttons. */
  short: string;
  title?: string;
  /** What the A/B plays as B; null when there is nothing to hear (live, not rendered yet). */
  render: RevisionRenderDto | null;
  /** What the diff compares with: a revision id or `live`. */
  diffTo: string;
}

/**
 * The choices, newest first: the revision's own other render (the mix of a master revision), the
 * other revisions (each by its main render), then the live mix (a diff only).
 */
export function compareChoices(revision: RevisionDto, others: readonly RevisionDto[]): CompareChoice[] {
  const own = mainRender(revision);
  const self = revision.renders
    .filter((r) => r !== own)
    .map((r) => ({ value: `self:${r.kind}`, label: `the ${r.kind} of this revision`, short: `own ${r.kind}`, render: r, diffTo: revision.id }));
  const revisions = [...others]
    .filter((r) => r.id !== revision.id && r.status !== 'deleted')
    .sort((x, y) => y.number - x.number)
    .map((r) => ({ value: r.id, label: `revision ${r.number} (${r.kind})`, short: `#${r.number} ${r.kind}`, title: r.title, render: mainRender(r), diffTo: r.id }));
  return [...self, ...revisions, { value: 'live', label: 'the live mix', short: 'live', render: null, diffTo: 'live' }];
}
