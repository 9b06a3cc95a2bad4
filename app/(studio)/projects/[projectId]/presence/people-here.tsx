'use client';

import type { CSSProperties } from 'react';
import { initials } from '../common/members';
import { useMemberDirectory } from '../common/use-member-directory';
import { useStudio } from '../studio-context';
import { type PresentPerson, usePeopleHere } from './use-people-here';

/** Toolbar avatars beyond this many fold into "+N". */
const MAX_SHOWN = 5;

export const personLabel = (p: PresentPerson) => (p.role ? `${p.name} (${p.role})` : p.name);
export const personStyle = (p: PresentPerson) => ({ '--person-color': p.color }) as CSSProperties;

/** Who else is here: one avatar per person (all their tabs), in their colour. */
export function PeopleHere() {
  const people = usePeopleHere(useMemberDirectory(useStudio().projectId).byId);
  if (people.length === 0) return null;
  const shown = people.slice(0, MAX_SHOWN);
  const more = people.slice(MAX_SHOWN);
  const moreLabel = `${more.length} more: ${more.map(personLabel).join(', ')}`;
  return (
    <ul className="people" aria-label="People here">
      {shown.map((p) => (
        <li key={p.id} className="people__person" style={personStyle(p)} aria-label={personLabel(p)} title={personLabel(p)}>
          <span aria-hidden="true">{initials(p.name)}</span>
        </li>
      ))}
      {more.length > 0 && (
        <li className="people__person people__person--more" aria-label={moreLabel} title={moreLabel}>
          <span aria-hidden="true">+{more.length}</span>
        </li>
      )}
    </ul>
  );
}
