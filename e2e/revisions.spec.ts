import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';
import type { RevisionDto } from '../lib/api/dto';
import { cspViolations, RECORD_VIOLATIONS } from './fixtures';
import { MixerPage, newContext } from './mixer-page';
import { RevisionsPanel } from './revisions-panel';

const run = promisify(execFile);

/** A level as the diff words it: one decimal, a sign above zero. */
const db = (value: number) => `${value > 0 ? '+' : ''}${value.toFixed(1)}`;

async function revisionTitled(page: Page, projectId: string, title: string): Promise<RevisionDto> {
  const { revisions } = (await (await page.request.get(`/api/projects/${projectId}/revisions`)).json()) as { revisions: RevisionDto[] };
  const found = revisions.find((r) => r.title === title);
  if (!found) throw new Error(`no revision titled ${title}`);
  return found;
}

test('the lead publishes a revision from the browser, the mixer moves the Bass fader, the diff against live shows that one change, blame names the mixer, and a restore brings the old value back in the mixer\'s browser', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const context = await newContext(browser);
  await context.addInitScript(RECORD_VIOLATIONS);
  const lead = await MixerPage.open(browser, 'lead', context);
  const page = lead.page;
  const projectId = new URL(page.url()).pathname.split('/').pop()!;
  // Violations are counted from the studio's own load, as in security.spec.ts.
  await page.reload();
  await lead.waitForDemoSong();
  const panel = new RevisionsPanel(page);
  await panel.open();

  const title = `Browser publish ${Date.now()}`;
  await panel.startPublish(title);
  await expect(panel.progress()).toBeVisible();
  await expect(panel.region().getByText(/is ready: -?\d+\.\d LUFS/)).toBeVisible({ timeout: 120_000 });
  const revision = await revisionTitled(page, projectId, title);
  expect(revision).toMatchObject({ status: 'ready', kind: 'mix', author: { name: 'Lea Lead' }, notes: `Notes of ${title}` });
  const render = revision.renders.find((r) => r.kind === 'mix')!;
  const n = revision.number;
  const item = panel.revision(title);
  await expect(item.getByText('Ready', { exact: true })).toBeVisible();
  await expect(item.getByText(`${render.integratedLufs!.toFixed(1)} LUFS`)).toBeVisible();

  // Nobody has changed the mix since: the command line renders the same state, to the same bytes.
  const created = await page.request.post('/api/tokens', { data: { name: 'revisions test' }, headers: { origin: baseURL! } });
  const { token } = (await created.json()) as { token: string };
  const out = path.join(os.tmpdir(), `mixroom-revision-cli-${Date.now()}.wav`);
  const cli = await run(process.execPath, ['dist/mixroom.mjs', 'render', '--url', baseURL!, '--token', token, '--project', projectId, '--out', out, '--format', 'wav24']);
  expect(cli.stdout).toContain(`provenance sha256:${revision.provenance.mix}`);
  const stored = Buffer.from(await (await page.request.get(render.audioUrl)).body());
  const rendered = await fs.readFile(out);
  expect(stored.length).toBe(rendered.length);
  expect(stored.equals(rendered)).toBe(true);

  // Its player plays the stored render; the live transport does not move.
  await item.getByRole('button', { name: `Play revision ${n}`, exact: true }).click();
  await expect(item.getByRole('button', { name: `Pause revision ${n}`, exact: true })).toBeVisible();
  await expect.poll(async () => Number(await item.getByRole('slider', { name: `Seek revision ${n}` }).inputValue()), { timeout: 30_000 }).toBeGreaterThan(0.3);
  await item.getByRole('button', { name: `Pause revision ${n}`, exact: true }).click();
  await expect(page.getByRole('toolbar', { name: 'Transport' }).getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  expect(await page.getByTestId('transport-position').getAttribute('data-sec')).toBe('0.000');

  // The demo mixer moves the Bass fader in their own browser.
  const mixer = await MixerPage.open(browser, 'mixer');
  await expect(mixer.fader('Bass')).not.toHaveAttribute('aria-disabled', 'true');
  const before = Number(await mixer.fader('Bass').getAttribute('aria-valuenow'));
  await mixer.pressOnFader('Bass', 'PageDown');
  await expect(mixer.status()).toHaveText('Saved');
  const after = Number(await mixer.fader('Bass').getAttribute('aria-valuenow'));
  expect(after).not.toBe(before);

  // The diff against live: exactly that change.
  const changes = await panel.changes(item, n);
  await expect(changes.getByRole('listitem')).toHaveCount(1);
  await expect(changes.getByRole('group', { name: 'Bass' }).getByRole('listitem')).toHaveText(`fader${db(before)} → ${db(after)} dB`);

  // Blame on the Bass fader names the mixer.
  await lead.fader('Bass').hover();
  await expect(page.getByRole('tooltip')).toContainText('Max Mixer · ');

  // The restore writes the old value back, and the mixer's browser shows it.
  await panel.confirm(item, 'Restore');
  await expect(item.getByText('Restored: 1 value written into the live mix.')).toBeVisible();
  await expect(mixer.fader('Bass')).toHaveAttribute('aria-valuenow', String(before));
  await expect(changes).toContainText('No changes: the same mix.');
  await lead.fader('Bass').hover();
  await expect(page.getByRole('tooltip')).toContainText('Lea Lead · ');

  expect(await cspViolations(page)).toEqual([]);
  await mixer.page.context().close();
  await context.close();
});

test('a cancelled render leaves the revision rendering, Render now completes it, and a deleted revision stays as a tombstone', async ({ browser }) => {
  test.setTimeout(240_000);
  const lead = await MixerPage.open(browser, 'lead', await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  const page = lead.page;
  await lead.waitForDemoSong();
  const panel = new RevisionsPanel(page);
  await panel.open();
  // The studio still fills the window with the panel open: the page does not scroll.
  expect(await page.evaluate(() => {
    window.scrollTo(0, 10_000);
    const { scrollHeight, clientHeight, scrollWidth, clientWidth } = document.documentElement;
    return { y: window.scrollY, tall: scrollHeight - clientHeight, wide: scrollWidth - clientWidth };
  })).toEqual({ y: 0, tall: 0, wide: 0 });

  // Hold the export worker's stem downloads until the test has cancelled.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.context().route('**/api/stems/*/audio', async (route) => {
    await held;
    await route.continue().catch(() => {}); // the worker may be gone by now
  });
  const title = `Cancelled render ${Date.now()}`;
  await panel.startPublish(title);
  await expect(panel.progress()).toBeVisible();
  await panel.region().getByRole('button', { name: 'Cancel render', exact: true }).click();
  await expect(panel.region().getByText(/Render cancelled\. Revision \d+ stays “rendering”/)).toBeVisible();
  const item = panel.revision(title);
  await expect(item.getByText('Rendering', { exact: true })).toBeVisible();
  await expect(item.getByRole('button', { name: /^Play revision/ })).toHaveCount(0);
  release();
  await page.context().unrouteAll({ behavior: 'ignoreErrors' });

  await item.getByRole('button', { name: 'Render now', exact: true }).click();
  await expect(item.getByText('Ready', { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(item.getByRole('button', { name: /^Play revision \d+$/ })).toBeVisible();

  await panel.confirm(item, 'Delete');
  await expect(item.getByText('Deleted', { exact: true })).toBeVisible();
  await expect(item).toContainText('deleted by Lea Lead');
  await expect(item.getByRole('button', { name: /^Play revision/ })).toHaveCount(0);

  // The feed tells it.
  await panel.region().getByRole('tab', { name: 'Activity' }).click();
  await expect(panel.region().getByRole('list', { name: 'Activity' })).toContainText(`Lea Lead deleted revision`);
  await page.context().close();
});
