'use client';

import { useMemo } from 'react';
import type { MemberDto } from '../../../../../lib/api/dto';
import { memberName } from '../common/members';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';
import type { Person, PresenceFocus } from './presence-model';

/** Another person in the room as the mixer shows them: names resolved from the member list. */
export interface PresentPerson {
  id: string;
  name: string;
  role: string;
  color: string;
  focus: PresenceFocus | null;
}

/** Who is here and what they touch, without their playheads (which move several times a second). */
const withoutPlayheads = (others: readonly Person[]) => others.map(({ user, focus }) => ({ user, focus }));
const sameUsersAndFocus = (a: ReturnType<typeof withoutPlayheads>, b: ReturnType<typeof withoutPlayheads>) =>
  a.length === b.length && a.every((p, i) => p.user === b[i].user && p.focus === b[i].focus);

/**
 * The other people here as the mixer shows them: named as in the member list (else as the server
 * stamped them), with the control they touch. Does not render for a playhead moving.
 */
export function usePeopleHere(members: ReadonlyMap<string, MemberDto>): readonly PresentPerson[] {
  const { presence } = useStudio();
  const others = useStore(presence, withoutPlayheads, sameUsersAndFocus);
  return useMemo(
    () =>
      others.map(({ user, focus }) => {
        const member = members.get(user.id);
        return {
          id: user.id,
          name: (member ? memberName(member) : user.name) || 'Someone',
          role: user.role || member?.role || '',
          color: user.color,
          focus,
        };
      }),
    [others, members],
  );
}
