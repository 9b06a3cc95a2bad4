import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import type { RevisionDto } from '../lib/api/dto';
import { AuthPage, demoLogins } from './fixtures';
import { newContext } from './mixer-page';

/** A receiver on this machine (the test server runs with MIXROOM_WEBHOOK_ALLOW_PRIVATE=1) that checks signatures. */
async function startReceiver(secret: string) {
  const received: Array<{ event: string; valid: boolean; body: { data: Record<string, unknown> } }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      const signature = String(req.headers['x-mixroom-signature'] ?? '');
      const t = /t=(\d+)/.exec(signature)?.[1] ?? '';
      const expected = `t=${t},v1=${crypto.createHmac('sha256', secret).update(`${t}.${text}`).digest('hex')}`;
      received.push({ event: String(req.headers['x-mixroom-event']), valid: signature === expected, body: JSON.parse(text) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('the lead adds a webhook in the settings, a comment is delivered signed and shows in the delivery log, and the lead deletes it; others have no webhooks panel', async ({ browser, baseURL }) => {
  const secret = `a-long-shared-secret-${Date.now()}`;
  const receiver = await startReceiver(secret);
  const page = await (await newContext(browser)).newPage();
  await new AuthPage(page).signIn(demoLogins().lead);
  await page.getByRole('link', { name: 'Demo song' }).click();
  await expect(page).toHaveURL(/\/projects\/[^/]+$/);
  const projectId = new URL(page.url()).pathname.split('/').pop()!;
  await page.goto(`/projects/${projectId}/settings`);
  const panel = page.getByRole('region', { name: 'Webhooks' });

  await panel.getByLabel('URL').fill('ftp://example.com/x');
  await panel.getByRole('button', { name: 'Add webhook' }).click();
  await expect(panel.getByRole('alert')).toContainText('Url must use http or https');

  await panel.getByLabel('URL').fill(receiver.url);
  await panel.getByLabel(/^Secret/).fill(secret);
  await panel.getByRole('button', { name: 'Add webhook' }).click();
  const item = panel.getByRole('list', { name: 'Webhooks' }).getByRole('listitem').filter({ hasText: receiver.url });
  await expect(item).toBeVisible();
  await expect(panel.getByLabel(`Secret of ${receiver.url} (shown once)`)).toHaveValue(secret);

  // Something happens: a comment on a revision (one exists if the other specs ran; else the event is a revision).
  const { revisions } = (await (await page.request.get(`/api/projects/${projectId}/revisions`)).json()) as { revisions: RevisionDto[] };
  const ready = revisions.find((r) => r.status === 'ready');
  if (ready) {
    expect((await page.request.post(`/api/revisions/${ready.id}/comments`, { data: { body: 'Webhook check', atSec: 1 }, headers: { origin: baseURL! } })).status()).toBe(201);
  } else {
    expect((await page.request.post(`/api/projects/${projectId}/revisions`, { data: { title: 'Webhook check', kind: 'mix' }, headers: { origin: baseURL! } })).status()).toBe(201);
  }
  const event = ready ? 'comment.created' : 'revision.published';
  await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(receiver.received[0]).toMatchObject({ event, valid: true });

  const log = item.getByRole('table', { name: `Deliveries to ${receiver.url}` });
  await expect(log.getByRole('row').filter({ hasText: event })).toContainText('Delivered', { timeout: 15_000 });
  await expect(log.getByRole('row').filter({ hasText: event })).toContainText('HTTP 204');
  await page.screenshot({ path: 'test-results/webhooks-settings.png', fullPage: true });

  await item.getByRole('button', { name: 'Delete', exact: true }).click();
  await item.getByRole('group', { name: 'Confirm: Delete' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(panel.getByRole('list', { name: 'Webhooks' })).toHaveCount(0);
  await expect(panel.getByText('No webhooks yet.')).toBeVisible();

  const reviewer = await (await newContext(browser)).newPage();
  await new AuthPage(reviewer).signIn(demoLogins().reviewer);
  await reviewer.goto(`/projects/${projectId}/settings`);
  await expect(reviewer.getByRole('region', { name: 'Members' })).toBeVisible();
  await expect(reviewer.getByRole('region', { name: 'Webhooks' })).toHaveCount(0);

  await receiver.close();
  await page.context().close();
  await reviewer.context().close();
});
