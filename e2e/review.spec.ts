import { expect, type Page, test } from '@playwright/test';
import type { CommentDto, RevisionDto } from '../lib/api/dto';
import { cspViolations, RECORD_VIOLATIONS } from './fixtures';
import { MixerPage, newContext } from './mixer-page';
import { ReviewPage } from './review-page';
import { RevisionsPanel } from './revisions-panel';

test.describe.configure({ mode: 'serial' });

/** The revision the lead publishes in the first test; the others comment on it and decide. */
let shared: { projectId: string; revision: RevisionDto; path: string } | null = null;

async function revisionTitled(page: Page, projectId: string, title: string): Promise<RevisionDto> {
  const { revisions } = (await (await page.request.get(`/api/projects/${projectId}/revisions`)).json()) as { revisions: RevisionDto[] };
  const found = revisions.find((r) => r.title === title);
  if (!found) throw new Error(`no revision titled ${title}`);
  return found;
}

/** Comment bodies that would run something if they were ever treated as HTML or as a link target. */
const HOSTILE = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  'click javascript:window.__pwned="js" now',
  '[markdown link](javascript:window.__pwned="md") and **bold** and data:text/html,<script>window.__pwned="data"</script>',
  'file\u202Egnp.exe says the bass is too loud: https://example.com/mix?a=1&b=<2>',
];

test('the lead publishes a revision and opens its page; a reviewer comments at 0:42 on the Bass stem; the lead sees the marker appear without reloading and resolves it; hostile comments show as text', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const lead = await MixerPage.open(browser, 'lead');
  await lead.waitForDemoSong();
  const projectId = new URL(lead.page.url()).pathname.split('/').pop()!;
  const panel = new RevisionsPanel(lead.page);
  await panel.open();
  const title = `Review ${Date.now()}`;
  await panel.startPublish(title);
  await expect(panel.revision(title).getByText('Ready', { exact: true })).toBeVisible({ timeout: 120_000 });
  const revision = await revisionTitled(lead.page, projectId, title);
  const path = `/projects/${projectId}/review/${revision.id}`;
  shared = { projectId, revision, path };

  // From the list to the revision page.
  await panel.revision(title).getByRole('link', { name: `Open revision ${revision.number}` }).click();
  await expect(lead.page).toHaveURL(new RegExp(`${path}$`));
  const leadReview = new ReviewPage(lead.page);
  await expect(leadReview.seek()).toBeVisible();
  await lead.page.evaluate(() => ((window as unknown as { __pwned: unknown }).__pwned = undefined));
  const dialogs: string[] = [];
  lead.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  // The reviewer, in another browser, opens the page at 0:42 (a deep link) and comments there on the Bass stem.
  const reviewerContext = await newContext(browser);
  await reviewerContext.addInitScript(RECORD_VIOLATIONS);
  const reviewer = await ReviewPage.open(browser, 'reviewer', `${path}?t=42`, reviewerContext);
  // Violations are counted from the revision page's own load (as in revisions.spec.ts), not the sign-in's.
  await reviewer.page.reload();
  await expect.poll(() => reviewer.playheadSec()).toBeCloseTo(42, 1);
  await reviewer.commentAtPlayhead('The bass booms here, can we tame 80 Hz?', 'Bass');
  const pinName = /^Comment by Rex Reviewer at 0:42\.0 on Bass: The bass booms here/;
  await expect(reviewer.pin(pinName)).toBeVisible();

  // The lead's page shows it without a reload: the pin, the mark in the reviewer's colour, the thread.
  await expect(leadReview.pin(pinName)).toBeVisible({ timeout: 10_000 });
  const thread = leadReview.thread('The bass booms here');
  await expect(thread).toContainText('0:42.0');
  await expect(thread).toContainText('Bass');
  const { comments } = (await (await lead.page.request.get(`/api/revisions/${revision.id}/comments`)).json()) as { comments: CommentDto[] };
  const posted = comments.find((c) => c.body.startsWith('The bass booms'))!;
  const { mix } = (await (await lead.page.request.get(`/api/revisions/${revision.id}`)).json()) as { mix: { tracks: Array<{ id: string; name: string }> } };
  expect(posted).toMatchObject({ atSec: expect.closeTo(42, 1), trackId: mix.tracks.find((t) => t.name === 'Bass')!.id, author: { name: 'Rex Reviewer' } });
  const mark = lead.page.locator(`[data-comment-mark="${posted.id}"]`);
  await expect(mark).toHaveCSS('background-color', hexToRgb(posted.author!.color));

  // J goes to it from the start; the lead resolves it, and the reviewer sees that without a reload.
  await leadReview.seek().focus();
  await lead.page.keyboard.press('Home');
  await expect.poll(() => leadReview.playheadSec()).toBeLessThan(1);
  await lead.page.keyboard.press('j');
  await expect.poll(() => leadReview.playheadSec()).toBeCloseTo(posted.atSec, 1);
  await expect(thread).toHaveAttribute('aria-current', 'true');
  await thread.getByRole('button', { name: 'Resolve', exact: true }).click();
  await expect(reviewer.thread('The bass booms here')).toContainText('Resolved by Lea Lead');

  // A deep link to the comment brings it into view and seeks to it.
  const other = await reviewerContext.newPage();
  await other.goto(`${path}#comment-${posted.id}`);
  const otherReview = new ReviewPage(other);
  await expect(otherReview.thread('The bass booms here')).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => otherReview.playheadSec()).toBeCloseTo(posted.atSec, 1);
  await other.close();

  // Hostile bodies: one typed, the rest posted through the API (the same route the page uses).
  await reviewer.commentAtPlayhead(HOSTILE[0]);
  for (const [i, body] of HOSTILE.slice(1).entries()) {
    const res = await reviewer.page.request.post(`/api/revisions/${revision.id}/comments`, { data: { body, atSec: 10 + i }, headers: { origin: baseURL! } });
    expect(res.status()).toBe(201);
  }
  for (const body of HOSTILE) await expect(leadReview.threads()).toContainText(body.replace('\u202E', '').slice(0, 30));
  const threads = leadReview.threads();
  await expect(threads.locator('script, img, iframe, object, embed')).toHaveCount(0);
  const hrefs = await threads.locator('a').evaluateAll((links) => links.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')]));
  expect(hrefs).toEqual([['https://example.com/mix?a=1&b=', 'noopener noreferrer nofollow', '_blank']]);
  expect(await threads.evaluate((el) => el.textContent?.includes('\u202E'))).toBe(false);
  await expect(leadReview.thread(/file.?gnp\.exe/)).toContainText('filegnp.exe says');
  // Clicking where a link would be if markdown or javascript: were honoured runs nothing.
  await leadReview.thread(/markdown link/).getByText(/javascript:window/).click();
  expect(await lead.page.evaluate(() => (window as unknown as { __pwned: unknown }).__pwned)).toBeUndefined();
  expect(await reviewer.page.evaluate(() => (window as unknown as { __pwned: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(await cspViolations(reviewer.page)).toEqual([]);

  await lead.page.screenshot({ path: 'test-results/review-page-lead.png' });
  await reviewerContext.close();
  await lead.page.context().close();
});

test('the workflow: a reviewer sees no decision buttons and a direct POST gets 403; the lead submits and approves the mix; mastering sends it back with a note that appears as a comment', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  expect(shared, 'the first test publishes the revision').not.toBeNull();
  const { projectId, revision, path } = shared!;

  const reviewer = await ReviewPage.open(browser, 'reviewer', path);
  await expect(reviewer.workflow()).toContainText('Reviewers listen and comment');
  await expect(reviewer.workflow().getByRole('button')).toHaveCount(0);
  const forbidden = await reviewer.page.request.post(`/api/projects/${projectId}/review`, { data: { action: 'approve_mix' }, headers: { origin: baseURL! } });
  expect(forbidden.status()).toBe(403);

  const lead = await ReviewPage.open(browser, 'lead', path);
  const workflow = lead.workflow();
  await expect(workflow).toContainText('mixing');
  await workflow.getByRole('button', { name: 'Submit mix for review' }).click();
  await expect(workflow.getByRole('button', { name: 'Approve mix' })).toBeVisible();
  await expect(workflow.getByRole('list', { name: 'Decisions' })).toContainText(`Lea Lead submitted the mix for review (revision ${revision.number})`);
  await workflow.getByRole('button', { name: 'Approve mix' }).click();
  await expect(workflow.getByRole('listitem').filter({ hasText: 'approved the mix' })).toBeVisible();
  await expect(lead.page.getByRole('button', { name: /^Review: mastering\b/ })).toBeVisible();
  // The reviewer's page follows, and still offers nothing.
  await expect(reviewer.page.getByRole('button', { name: /^Review: mastering\b/ })).toBeVisible({ timeout: 15_000 });
  await expect(reviewer.workflow().getByRole('button')).toHaveCount(0);

  const mastering = await ReviewPage.open(browser, 'mastering', path);
  const mw = mastering.workflow();
  await expect(mw.getByRole('button', { name: 'Approve mix' })).toHaveCount(0);
  await mw.getByRole('button', { name: 'Send back…' }).click();
  const send = mw.getByRole('button', { name: 'Send back to mixing' });
  await expect(send).toBeDisabled();
  const note = `Too much low end on the bass, ${Date.now()}`;
  await mw.getByLabel(/^Why\?/).fill(note);
  await send.click();
  await expect(mastering.page.getByRole('button', { name: /^Review: mixing\b/ })).toBeVisible();

  // The lead sees the note as a comment on the revision and in the history, without reloading.
  await expect(lead.thread(`Sent back: ${note}`)).toBeVisible({ timeout: 10_000 });
  await expect(workflow.getByRole('list', { name: 'Decisions' })).toContainText(note, { timeout: 10_000 });
  await expect(workflow.getByRole('list', { name: 'Decisions' })).toContainText('Mia Mastering sent the mix back');
  await lead.page.screenshot({ path: 'test-results/review-workflow-lead.png' });

  // Unread: away from the revision page, the lead's header counts what others write, without a reload.
  await lead.page.getByRole('link', { name: 'Settings' }).click();
  const reviewButton = lead.page.getByRole('button', { name: /^Review: mixing/ });
  await expect(reviewButton).toHaveAccessibleName('Review: mixing');
  const res = await mastering.page.request.post(`/api/revisions/${revision.id}/comments`, { data: { body: 'Another thing at 1:00', atSec: 60 }, headers: { origin: baseURL! } });
  expect(res.status()).toBe(201);
  await expect(reviewButton).toHaveAccessibleName(/^Review: mixing\s*, 1 unread comment$/, { timeout: 20_000 });
  // Reading the revision's page reads its comments.
  await lead.page.goto(path);
  await expect(lead.thread('Another thing at 1:00')).toBeVisible();
  await expect(lead.page.getByRole('button', { name: /^Review: mixing/ })).toHaveAccessibleName('Review: mixing', { timeout: 20_000 });

  for (const p of [reviewer, lead, mastering]) await p.page.context().close();
});

test('A/B: a second revision against the first, loudness-matched from their measured loudness, switched at the same position, with their diff beside', async ({ browser }) => {
  test.setTimeout(300_000);
  expect(shared, 'the first test publishes the revision').not.toBeNull();
  const { projectId, revision: first } = shared!;
  const lead = await MixerPage.open(browser, 'lead');
  await lead.waitForDemoSong();
  // A louder mix: the Bass fader up (it is at 0 dB or below; End is its top).
  await lead.pressOnFader('Bass', 'End');
  await expect(lead.status()).toHaveText('Saved');
  const panel = new RevisionsPanel(lead.page);
  await panel.open();
  const title = `A/B ${Date.now()}`;
  await panel.startPublish(title);
  await expect(panel.revision(title).getByText('Ready', { exact: true })).toBeVisible({ timeout: 120_000 });
  const second = await revisionTitled(lead.page, projectId, title);
  const [la, lb] = [second, first].map((r) => r.renders.find((x) => x.kind === 'mix')!.integratedLufs!);
  expect(la).not.toBeCloseTo(lb, 1);

  await panel.revision(title).getByRole('link', { name: `Open revision ${second.number}` }).click();
  const page = new ReviewPage(lead.page);
  await expect(page.seek()).toBeVisible();
  const compare = lead.page.getByRole('region', { name: 'Compare' });
  await expect(compare.getByLabel('Compare with')).toHaveValue(first.id);
  const ab = compare.getByRole('group', { name: 'A/B' });
  // The louder side is turned down by the difference of the measured loudness.
  const louder = la > lb ? 'A' : 'B';
  await expect(ab.getByTestId('ab-gain')).toHaveText(`${louder} turned down ${Math.abs(la - lb).toFixed(1)} dB`);
  await expect(compare.getByRole('region', { name: `Changes from revision ${second.number} to revision ${first.number}` }).getByRole('group', { name: 'Bass' })).toBeVisible();

  const seek = ab.getByRole('slider', { name: 'Seek A/B' });
  await seek.fill('20');
  await ab.getByRole('button', { name: 'Play A/B' }).click();
  await expect(ab.getByRole('button', { name: 'Pause A/B' })).toBeVisible();
  await expect.poll(async () => Number(await seek.inputValue()), { timeout: 30_000 }).toBeGreaterThan(20.5);
  const sideB = ab.getByRole('button', { name: new RegExp(`^B #${first.number} mix`) });
  await sideB.click();
  await expect(sideB).toHaveAttribute('aria-pressed', 'true');
  const atSwitch = Number(await seek.inputValue());
  // B goes on from where A was (not from the start), and keeps playing.
  expect(atSwitch).toBeGreaterThan(20.5);
  await expect.poll(async () => Number(await seek.inputValue()), { timeout: 30_000 }).toBeGreaterThan(atSwitch + 0.3);
  // The revision's own player takes over: the A/B pauses.
  await lead.page.getByRole('button', { name: `Play revision ${second.number}`, exact: true }).click();
  await expect(ab.getByRole('button', { name: 'Play A/B' })).toBeVisible();
  await lead.page.getByRole('button', { name: `Pause revision ${second.number}`, exact: true }).click();
  await lead.page.screenshot({ path: 'test-results/review-ab.png' });
  await lead.page.context().close();
});

function hexToRgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
