'use client';

import { useState } from 'react';
import type { MemberDto } from '../../../../../../lib/api/dto';
import { ROLE_LIST, type Role } from '../../../../../../lib/roles';
import { Button } from '../../../../../_components/button';
import { Notice } from '../../../../../_components/notice';
import { QueryResult } from '../../../../../_components/query-result';
import { Panel } from '../../../../../_components/panel';
import { RoleBadge } from '../../../../../_components/role-badge';
import { Select } from '../../../../../_components/select-field';
import { Table } from '../../../../../_components/table';
import { errorMessage } from '../../../../../_lib/form';
import { ROLE_LABELS } from '../../../../../_lib/format';
import { useMembers, useRemoveMember, useUpdateMemberRole } from '../../../../../_lib/queries';

export const ROLE_OPTIONS = ROLE_LIST.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export interface MembersPanelProps {
  projectId: string;
  isLead: boolean;
  currentUserId: string;
}

export function MembersPanel({ projectId, isLead, currentUserId }: MembersPanelProps) {
  const members = useMembers(projectId);
  const updateRole = useUpdateMemberRole(projectId);
  const remove = useRemoveMember(projectId);
  const [error, setError] = useState<string>();

  function changeRole(member: MemberDto, role: Role) {
    setError(undefined);
    updateRole.mutate({ userId: member.userId, role }, { onError: (err) => setError(errorMessage(err)) });
  }

  function removeMember(member: MemberDto) {
    setError(undefined);
    remove.mutate(member.userId, { onError: (err) => setError(errorMessage(err)) });
  }

  const count = members.data?.length;
  return (
    <Panel
      title="Members"
      description={
        isLead
          ? 'Change a role and it applies at once.'
          : 'Only the lead can change members and roles.'
      }
      actions={count !== undefined && <span className="count">{count === 1 ? '1 member' : `${count} members`}</span>}
      flush
    >
      {error && (
        <div style={{ padding: '14px 18px 0' }}>
          <Notice tone="error">{error}</Notice>
        </div>
      )}
      <QueryResult query={members} loading="Loading members…" errorTitle="Could not load the members">
        {(data) => (
          <Table
            label="Members"
            columns={[
              { key: 'name', label: 'Name' },
              { key: 'email', label: 'Email' },
              { key: 'role', label: 'Role' },
              ...(isLead ? [{ key: 'actions', label: 'Actions', srOnly: true }] : []),
            ]}
          >
            {data.map((m) => {
              const isMe = m.userId === currentUserId;
              const displayName = m.name || m.email;
              const selectId = `role-${m.userId}`;
              const rowBusy =
                (updateRole.isPending && updateRole.variables?.userId === m.userId) ||
                (remove.isPending && remove.variables === m.userId);
              return (
                <tr key={m.userId}>
                  <td className="cell-main">
                    {isLead ? (
                      // The visible name labels the row's role select.
                      <label htmlFor={selectId}>
                        <span className="sr-only">Role for </span>
                        {displayName}
                      </label>
                    ) : (
                      displayName
                    )}
                    {isMe && <span className="tag">You</span>}
                  </td>
                  <td className="mono">{m.email}</td>
                  <td>
                    {isLead ? (
                      <Select
                        id={selectId}
                        size="sm"
                        options={ROLE_OPTIONS}
                        value={m.role}
                        disabled={rowBusy}
                        onChange={(role) => changeRole(m, role)}
                      />
                    ) : (
                      <RoleBadge role={m.role} />
                    )}
                  </td>
                  {isLead && (
                    <td className="cell-actions">
                      {!isMe && (
                        <Button
                          size="sm"
                          variant="danger"
                          aria-label={`Remove ${displayName}`}
                          busy={remove.isPending && remove.variables === m.userId}
                          disabled={rowBusy}
                          onClick={() => removeMember(m)}
                        >
                          Remove
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </Table>
        )}
      </QueryResult>
    </Panel>
  );
}
