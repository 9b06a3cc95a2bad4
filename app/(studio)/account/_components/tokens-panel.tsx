'use client';

import { useState } from 'react';
import { createTokenRequest } from '../../../../lib/api/dto';
import { Button } from '../../../_components/button';
import { CopyField } from '../../../_components/copy-field';
import { Form } from '../../../_components/form';
import { Notice } from '../../../_components/notice';
import { QueryResult } from '../../../_components/query-result';
import { Panel } from '../../../_components/panel';
import { Table } from '../../../_components/table';
import { TextField } from '../../../_components/text-field';
import { errorMessage, NO_ERRORS, toFormErrors, validate, type FormErrors } from '../../../_lib/form';
import { formatDate, formatDateTime } from '../../../_lib/format';
import { useCreateToken, useRevokeToken, useTokens } from '../../../_lib/queries';

const FIELDS = ['name', 'expiresInDays'] as const;
type Field = (typeof FIELDS)[number];

function isExpired(expiresAt: string | null): boolean {
  return expiresAt !== null && new Date(expiresAt).getTime() <= Date.now();
}

export function TokensPanel() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const [secret, setSecret] = useState<{ name: string; token: string }>();
  const [revokeError, setRevokeError] = useState<string>();

  function submit() {
    const trimmedDays = days.trim();
    if (trimmedDays !== '' && !/^\d+$/.test(trimmedDays)) {
      return setErrors({ fields: { expiresInDays: 'A whole number of days' } });
    }
    const body = { name, ...(trimmedDays ? { expiresInDays: Number(trimmedDays) } : {}) };
    const checked = validate(createTokenRequest, body, FIELDS);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors(NO_ERRORS);
    create.mutate(checked.data, {
      onSuccess: (res) => {
        setSecret({ name: res.apiToken.name, token: res.token });
        setName('');
        setDays('');
      },
      onError: (err) => setErrors(toFormErrors(err, FIELDS)),
    });
  }

  return (
    <Panel
      title="API tokens"
      description={
        <>
          For scripts and the <code>mixroom</code> command: send <code>Authorization: Bearer &lt;token&gt;</code>.
        </>
      }
    >
      <Form onSubmit={submit}>
        <div className="row">
          <TextField
            label="Token name"
            placeholder="e.g. CI render"
            maxLength={100}
            grow
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.fields.name}
          />
          <TextField
            label="Expires in days"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            placeholder="never"
            style={{ width: 150 }}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            error={errors.fields.expiresInDays}
          />
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create token
          </Button>
        </div>
        {errors.form && <Notice tone="error">{errors.form}</Notice>}
      </Form>

      {secret && (
        <div className="secret-box">
          <Notice tone="warning" title="Copy this token now">
            It is shown only once. If you lose it, revoke it and create a new one.
          </Notice>
          <CopyField label={`New token “${secret.name}”`} value={secret.token} />
          <div>
            <Button size="sm" variant="ghost" onClick={() => setSecret(undefined)}>
              Done, hide it
            </Button>
          </div>
        </div>
      )}

      {revokeError && <Notice tone="error">{revokeError}</Notice>}

      <div className="panel" style={{ boxShadow: 'none' }}>
        <QueryResult query={tokens} loading="Loading tokens…" empty="No API tokens yet.">
          {(data) => (
            <Table
              label="API tokens"
              columns={[
                { key: 'name', label: 'Name' },
                { key: 'prefix', label: 'Prefix' },
                { key: 'created', label: 'Created' },
                { key: 'used', label: 'Last used' },
                { key: 'expires', label: 'Expires' },
                { key: 'actions', label: 'Actions', srOnly: true },
              ]}
            >
              {data.map((t) => (
                <tr key={t.id}>
                  <td className="cell-main">{t.name}</td>
                  <td className="mono">{t.prefix}…</td>
                  <td className="mono">{formatDate(t.createdAt)}</td>
                  <td className="mono">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'}</td>
                  <td className="mono">
                    {t.expiresAt ? (isExpired(t.expiresAt) ? `expired ${formatDate(t.expiresAt)}` : formatDate(t.expiresAt)) : 'never'}
                  </td>
                  <td className="cell-actions">
                    <Button
                      size="sm"
                      variant="danger"
                      busy={revoke.isPending && revoke.variables === t.id}
                      onClick={() => {
                        setRevokeError(undefined);
                        revoke.mutate(t.id, { onError: (err) => setRevokeError(errorMessage(err)) });
                      }}
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
