'use client';

import { useMemo } from 'react';
import type { MemberDto } from '../../../../../lib/api/dto';
import type { Role } from '../../../../../lib/roles';
import { useMembers } from '../../../../_lib/queries';
import { memberName } from './members';

export interface MemberDirectory {
  byId: ReadonlyMap<string, MemberDto>;
  /** Who can be assigned a track: mixers first, then leads, each by name. */
  candidates: readonly MemberDto[];
  loading: boolean;
}

const ASSIGNABLE_ORDER: Partial<Record<Role, number>> = { mixer: 0, lead: 1 };

/** The project's members as the studio shows them; the same objects until the list changes. */
export function useMemberDirectory(projectId: string): MemberDirectory {
  const query = useMembers(projectId);
  const loading = query.isPending;
  return useMemo(() => {
    const list = query.data ?? [];
    return {
      byId: new Map(list.map((m) => [m.userId, m])),
      candidates: list
        .filter((m): m is MemberDto => m.role in ASSIGNABLE_ORDER)
        .sort((a, b) => ASSIGNABLE_ORDER[a.role]! - ASSIGNABLE_ORDER[b.role]! || memberName(a).localeCompare(memberName(b))),
      loading,
    };
  }, [query.data, loading]);
}
