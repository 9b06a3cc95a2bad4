'use client';

import { useState } from 'react';
import { Button } from '../../../../../_components/button';
import { ConfirmAction } from '../../../../../_components/confirm-action';
import { CopyField } from '../../../../../_components/copy-field';
import { Form } from '../../../../../_components/form';
import { Notice } from '../../../../../_components/notice';
import { Panel } from '../../../../../_components/panel';
import { QueryResult } from '../../../../../_components/query-result';
import { Table } from '../../../../../_components/table';
import { TextField } from '../../../../../_components/text-field';
import { errorMessage } from '../../../../../_lib/form';
import { formatDateTime } from '../../../../../_lib/format';
import { useCreateWebhook, useDeleteWebhook, useWebhookDeliveries, useWebhooks } from '../../../../../_lib/queries';

const STATUS_TEXT = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' } as const;

/** One webhook's delivery log, newest first, read again every few seconds while open. */
function DeliveryLog({ projectId, hookId, url }: { projectId: string; hookId: string; url: string }) {
  const deliveries = useWebhookDeliveries(projectId, hookId);
  return (
    <div className="webhook-log">
      <QueryResult query={deliveries} loading="Loading deliveries…" empty="Nothing sent yet: events are sent as they happen.">
        {(data) => (
          <Table
            label={`Deliveries to ${url}`}
            columns={[
              { key: 'event', label: 'Event' },
              { key: 'status', label: 'Status' },
              { key: 'attempts', label: 'Attempts' },
              { key: 'answer', label: 'Last answer' },
              { key: 'when', label: 'Queued' },
              { key: 'done', label: 'Delivered / next try' },
            ]}
          >
            {data.map((d) => (
              <tr key={d.id}>
                <td className="mono">{d.event}</td>
                <td>
                  <span className={`webhook-log__status webhook-log__status--${d.status}`}>{STATUS_TEXT[d.status]}</span>
                </td>
                <td className="mono">{d.attempts}</td>
                <td className="mono webhook-log__answer" title={d.lastError ?? undefined}>
                  {d.lastStatus !== null ? `HTTP ${d.lastStatus}` : (d.lastError ?? '—')}
                </td>
                <td className="mono">{formatDateTime(d.createdAt)}</td>
                <td className="mono">{d.status === 'delivered' ? formatDateTime(d.deliveredAt) : d.status === 'pending' ? formatDateTime(d.nextAttemptAt) : '—'}</td>
              </tr>
            ))}
          </Table>
        )}
      </QueryResult>
    </div>
  );
}

/**
 * The lead's webhooks: where `revision.published`, `comment.created` and `review.decided` are
 * POSTed, signed with the webhook's secret; add one (the secret is shown once), delete one, read
 * its delivery log.
 */
export function WebhooksPanel({ projectId }: { projectId: string }) {
  const webhooks = useWebhooks(projectId);
  const create = useCreateWebhook(projectId);
  const remove = useDeleteWebhook(projectId);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [created, setCreated] = useState<{ url: string; secret: string }>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<string | null>(null);

  function submit() {
    setError(undefined);
    create.mutate(
      { url: url.trim(), ...(secret ? { secret } : {}) },
      {
        onSuccess: (hook) => {
          setCreated({ url: hook.url, secret: hook.secret });
          setUrl('');
          setSecret('');
          setOpen(hook.id);
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  }

  return (
    <Panel
      title="Webhooks"
      description={
        <>
          New revisions, comments and review decisions are POSTed as JSON to each URL, signed in <code>X-Mixroom-Signature</code> (HMAC-SHA256 of the
          timestamp and the body with the secret), and retried with backoff until the receiver answers 2xx.
        </>
      }
    >
      <Form onSubmit={submit}>
        <div className="row">
          <TextField label="URL" type="url" required placeholder="https://example.com/hooks/mixroom" value={url} onChange={(e) => setUrl(e.currentTarget.value)} grow mono />
        </div>
        <div className="row">
          <TextField
            label="Secret"
            optional
            hint="At least 16 characters; leave empty and one is made for you."
            minLength={16}
            maxLength={200}
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            grow
            mono
            autoComplete="off"
          />
          <Button type="submit" variant="primary" busy={create.isPending} disabled={url.trim() === ''}>
            Add webhook
          </Button>
        </div>
      </Form>
      {error && <Notice tone="error">{error}</Notice>}
      {created && (
        <div className="secret-box">
          <CopyField label={`Secret of ${created.url} (shown once)`} value={created.secret} />
        </div>
      )}
      <QueryResult query={webhooks} loading="Loading webhooks…" empty="No webhooks yet.">
        {(data) => (
          <ul className="webhooks" aria-label="Webhooks">
            {data.map((hook) => (
              <li key={hook.id} className="webhooks__item">
                <div className="webhooks__row">
                  <span className="mono webhooks__url">{hook.url}</span>
                  <span className="muted webhooks__created">added {formatDateTime(hook.createdAt)}</span>
                  <Button size="sm" variant="ghost" aria-expanded={open === hook.id} onClick={() => setOpen(open === hook.id ? null : hook.id)}>
                    {open === hook.id ? 'Hide deliveries' : 'Deliveries'}
                  </Button>
                  <ConfirmAction
                    label="Delete"
                    busy={remove.isPending && remove.variables === hook.id}
                    message={`Stop sending events to ${hook.url}? Its delivery log goes with it.`}
                    onConfirm={() => remove.mutate(hook.id, { onError: (err) => setError(errorMessage(err)) })}
                  />
                </div>
                {open === hook.id && <DeliveryLog projectId={projectId} hookId={hook.id} url={hook.url} />}
              </li>
            ))}
          </ul>
        )}
      </QueryResult>
    </Panel>
  );
}
