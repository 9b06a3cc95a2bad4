'use client';

import { useId, useMemo, useState } from 'react';
import type { RevisionDto } from '../../../../../lib/api/dto';
import { displayText } from '../../../../../lib/names';
import { groupChanges } from './diff-groups';
import { useRevisionDiff } from './use-revision-queries';

export interface RevisionDiffProps {
  revision: RevisionDto;
  /** What it can be compared with besides live: the other revisions that were not deleted. */
  others: readonly RevisionDto[];
  /** Changes when the live mix does, so that a comparison with live is read again (the studio's blame version). */
  liveVersion: number;
  /** What it is compared with at first: `live` or another revision's id. @default 'live' */
  initialTo?: string;
  /** Set by the caller, which then shows its own picker (the review page's A/B): none is shown here. */
  to?: string;
}

const GROUP_TEXT = { track: 'Track', bus: 'Bus', master: 'Master section', project: 'Project' } as const;

/**
 * What changed from a revision to the live mix (kept up to date as the mix changes) or to another
 * revision, parameter by parameter, grouped by track, bus, master and project.
 */
export function RevisionDiff({ revision, others, liveVersion, initialTo = 'live', to: given }: RevisionDiffProps) {
  const [picked, setTo] = useState<string>(initialTo);
  const to = given ?? picked;
  const selectId = useId();
  const diff = useRevisionDiff(revision.id, to, liveVersion);
  const groups = useMemo(() => (diff.data ? groupChanges(diff.data.changes) : []), [diff.data]);
  const target = to === 'live' ? 'live' : to === revision.id ? `revision ${revision.number}` : `revision ${others.find((r) => r.id === to)?.number ?? ''}`;
  const count = diff.data?.changes.length ?? 0;

  return (
    <div className="revision-diff">
      {given === undefined && (
        <div className="revision-diff__pick">
          <label htmlFor={selectId}>Compare with</label>
          <select id={selectId} className="input revision-diff__select" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            <option value="live">the live mix</option>
            {others.map((r) => (
              <option key={r.id} value={r.id}>
                revision {r.number}: {displayText(r.title)}
              </option>
            ))}
          </select>
        </div>
      )}
      <section className="revision-diff__result" aria-label={`Changes from revision ${revision.number} to ${target}`} aria-busy={diff.isFetching || undefined}>
        {diff.isPending && <p className="revision-diff__empty">Comparing…</p>}
        {diff.isError && (
          <p className="revision-diff__empty" role="alert">
            Could not compare: {diff.error.message}
          </p>
        )}
        {diff.data && (
          <p className="revision-diff__count">
            {count === 0 ? 'No changes: the same mix.' : `${count} ${count === 1 ? 'change' : 'changes'}`}
          </p>
        )}
        {groups.map((group) => (
          <div key={group.key} className="revision-diff__group" role="group" aria-label={group.heading}>
            <h4 className="revision-diff__heading">
              {group.heading}
              {group.group !== 'master' && group.group !== 'project' && <span className="revision-diff__kind">{GROUP_TEXT[group.group]}</span>}
            </h4>
            <ul className="revision-diff__changes">
              {group.changes.map((c) => (
                <li key={c.path} className="revision-diff__change">
                  <span className="revision-diff__label">{c.label}</span>
                  {c.values && <span className="revision-diff__values">{c.values}</span>}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}
