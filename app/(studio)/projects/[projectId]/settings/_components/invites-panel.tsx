'use client';

import { useState } from 'react';
import type { InviteDto } from '../../../../../../lib/api/dto';
import type { Role } from '../../../../../../lib/roles';
import { Button } from '../../../../../_components/button';
import { CopyField } from '../../../../../_components/copy-field';
import { Form } from '../../../../../_components/form';
import { Notice } from '../../../../../_components/notice';
import { QueryResult } from '../../../../../_components/query-result';
import { Panel } from '../../../../../_components/panel';
import { RoleBadge } from '../../../../../_components/role-badge';
import { SelectField } from '../../../../../_components/select-field';
import { Table } from '../../../../../_components/table';
import { errorMessage } from '../../../../../_lib/form';
import { formatDateTime, ROLE_LABELS } from '../../../../../_lib/format';
import { useCreateInvite, useInvites, useRevokeInvite } from '../../../../../_lib/queries';
import { ROLE_OPTIONS } from './members-panel';

export function InvitesPanel({ projectId }: { projectId: string }) {
  const invites = useInvites(projectId, true);
  const create = useCreateInvite(projectId);
  const revoke = useRevokeInvite(projectId);
  const [role, setRole] = useState<Role>('mixer');
  const [created, setCreated] = useState<{ url: string; invite: InviteDto }>();
  const [error, setError] = useState<string>();

  function submit() {
    setError(undefined);
    create.mutate({ role }, { onSuccess: setCreated, onError: (err) => setError(errorMessage(err)) });
  }

  function revokeInvite(id: string) {
    setError(undefined);
    revoke.mutate(id, {
      onSuccess: () => setCreated((c) => (c?.invite.id === id ? undefined : c)),
      onError: (err) => setError(errorMessage(err)),
    });
  }

  return (
    <Panel
      title="Invite links"
      description="Anyone signed in who opens the link joins the project with the chosen role. Links work once."
    >
      <Form onSubmit={submit}>
        <div className="row">
          <SelectField label="Role" options={ROLE_OPTIONS} value={role} onChange={setRole} grow />
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create invite link
          </Button>
        </div>
      </Form>
      {error && <Notice tone="error">{error}</Notice>}
      {created && (
        <div className="secret-box">
          <CopyField label="Invite URL" value={created.url} />
          <p className="muted" style={{ fontSize: 13 }}>
            Joins as <strong>{ROLE_LABELS[created.invite.role]}</strong>; expires{' '}
            <span className="mono">{formatDateTime(created.invite.expiresAt)}</span>.
          </p>
        </div>
      )}
      <div className="panel" style={{ boxShadow: 'none' }}>
        <QueryResult query={invites} loading="Loading invites…" empty="No open invites.">
          {(data) => (
            <Table
              label="Open invites"
              columns={[
                { key: 'role', label: 'Role' },
                { key: 'created', label: 'Created' },
                { key: 'expires', label: 'Expires' },
                { key: 'actions', label: 'Actions', srOnly: true },
              ]}
            >
              {data.map((inv) => (
                <tr key={inv.id}>
                  <td>
                    <RoleBadge role={inv.role} />
                  </td>
                  <td className="mono">{formatDateTime(inv.createdAt)}</td>
                  <td className="mono">{formatDateTime(inv.expiresAt)}</td>
                  <td className="cell-actions">
                    <Button
                      size="sm"
                      variant="danger"
                      busy={revoke.isPending && revoke.variables === inv.id}
                      onClick={() => revokeInvite(inv.id)}
                    >
                      Revoke
                    </Button>
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </QueryResult>
      </div>
    </Panel>
  );
}
