'use client';

import { useId, useState } from 'react';
import type { RevisionDto } from '../../../../../lib/api/dto';
import { displayText } from '../../../../../lib/names';
import type { PlayerGroup } from '../revisions/render-player';
import { RevisionDiff } from '../revisions/revision-diff';
import { mainRender } from '../revisions/revision-format';
import { AbCompare } from './ab-compare';
import { compareChoices } from './compare-choices';

export interface CompareSectionProps {
  revision: RevisionDto;
  /** The project's other revisions that were not deleted. */
  others: readonly RevisionDto[];
  /** The revision before this one, compared with at first. */
  previous: RevisionDto | undefined;
  group: PlayerGroup;
}

/**
 * This revision against another one (or its own other render, or the live mix): an A/B of the two
 * renders when both exist, and the diff of their mixes beside it.
 */
export function CompareSection({ revision, others, previous, group }: CompareSectionProps) {
  const choices = compareChoices(revision, others);
  const [picked, setPicked] = useState<string>(() => (previous ? previous.id : (choices.find((c) => c.value !== 'live')?.value ?? 'live')));
  const selectId = useId();
  const choice = choices.find((c) => c.value === picked) ?? choices[choices.length - 1];
  const a = mainRender(revision);

  return (
    <section className="review__compare" aria-label="Compare">
      <div className="review__compare-head">
        <h3 className="review__section-title">Compare</h3>
        <label htmlFor={selectId} className="sr-only">
          Compare with
        </label>
        <select id={selectId} className="input review__compare-pick" value={choice.value} onChange={(e) => setPicked(e.currentTarget.value)}>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.value === 'live' ? c.label : `${c.label}${c.title ? `: ${displayText(c.title)}` : ''}`}
            </option>
          ))}
        </select>
      </div>
      <div className="review__compare-body">
        <div className="review__ab">
          {a && choice.render ? (
            <AbCompare key={choice.value} a={{ label: `#${revision.number} ${a.kind}`, render: a }} b={{ label: choice.short, render: choice.render }} group={group} />
          ) : (
            <p className="revisions-panel__note">{choice.value === 'live' ? 'The live mix has no render: its changes only.' : a ? 'Not rendered yet: its changes only.' : 'This revision has no render to compare by ear.'}</p>
          )}
        </div>
        <RevisionDiff revision={revision} others={others} liveVersion={0} to={choice.diffTo} />
      </div>
    </section>
  );
}
