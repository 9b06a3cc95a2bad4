'use client';

import type { CSSProperties } from 'react';
import { initials } from '../common/members';
import { useMemberDirectory } from '../common/use-member-directory';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';
import { type PresentPerson, usePeopleHere } from './use-people-here';

/** Toolbar avatars beyond this many fold into "+N". */
const MAX_SHOWN = 5;

export const personLabel = (p: PresentPerson) => (p.role ? `${p.name} (${p.role})` : p.name);
export const personStyle = (p: PresentPerson) => ({ '--person-color': p.color }) as CSSProperties;

/**
 * Who else is here: one avatar per person (all their tabs), in their colour. Clicking someone who
 * has a transport follows it (listening together); clicking again stops.
 */
export function PeopleHere() {
  const { projectId, presence, follow } = useStudio();
  const people = usePeopleHere(useMemberDirectory(projectId).byId);
  const followed = useStore(follow, (s) => s.userId);
  const withTransport = useStore(presence, (others) => others.filter((p) => p.transport !== null).map((p) => p.user.id).join(' '));
  if (people.length === 0) return null;
  const shown = people.slice(0, MAX_SHOWN);
  const more = people.slice(MAX_SHOWN);
  const moreLabel = `${more.length} more: ${more.map(personLabel).join(', ')}`;
  return (
    <ul className="people" aria-label="People here">
      {shown.map((p) => (
        <li key={p.id} className={`people__person${followed === p.id ? ' people__person--followed' : ''}`} style={personStyle(p)} aria-label={personLabel(p)} title={personLabel(p)}>
          {follow && withTransport.split(' ').includes(p.id) ? (
            <button
              type="button"
              className="people__follow"
              aria-pressed={followed === p.id}
              aria-label={`Follow ${p.name}'s transport`}
              title={followed === p.id ? `Following ${p.name}: click, Esc or F to stop` : `Follow ${p.name}'s transport: play, pause, seek and loop with them`}
              onClick={() => (followed === p.id ? follow.stop() : follow.follow(p.id))}
            >
              {initials(p.name)}
            </button>
          ) : (
            <span aria-hidden="true">{initials(p.name)}</span>
          )}
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
