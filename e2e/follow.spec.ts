import { expect, type Page, test } from '@playwright/test';
import { MixerPage } from './mixer-page';

const positionSec = async (page: Page) => Number(await page.getByTestId('transport-position').getAttribute('data-sec'));
const playButton = (page: Page) => page.getByRole('toolbar', { name: 'Transport' }).getByRole('button', { name: 'Play', exact: true });
const pauseButton = (page: Page) => page.getByRole('toolbar', { name: 'Transport' }).getByRole('button', { name: 'Pause', exact: true });

test("listening together: the mixer follows the lead's transport (seek, play, seek while playing, pause) on their own audio, and Escape leaves follow mode", async ({ browser }) => {
  test.setTimeout(240_000);
  const lead = await MixerPage.open(browser, 'lead');
  const mixer = await MixerPage.open(browser, 'mixer');
  await lead.waitForDemoSong();
  await mixer.waitForDemoSong();

  const follow = mixer.peopleHere().getByRole('button', { name: "Follow Lea Lead's transport" });
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await expect(mixer.page.getByRole('status').filter({ hasText: 'Following Lea Lead' })).toBeVisible();

  // A seek while paused: the follower goes there and stays paused.
  const ruler = lead.page.getByRole('slider', { name: /^Timeline ruler/ });
  const box = (await ruler.boundingBox())!;
  await ruler.click({ position: { x: box.width * 0.15, y: box.height / 2 } });
  const first = await positionSec(lead.page);
  expect(first).toBeGreaterThan(1);
  await expect.poll(() => positionSec(mixer.page), { timeout: 10_000 }).toBeCloseTo(first, 1);
  await expect(playButton(mixer.page)).toBeVisible();

  // Play: the follower plays too, close to the lead.
  await lead.page.keyboard.press('Space');
  await expect(pauseButton(lead.page)).toBeVisible();
  await expect(pauseButton(mixer.page)).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => positionSec(mixer.page), { timeout: 10_000 }).toBeGreaterThan(first + 0.5);
  const gap = async () => Math.abs((await positionSec(lead.page)) - (await positionSec(mixer.page)));
  await expect.poll(gap, { timeout: 10_000 }).toBeLessThan(1);

  // A seek while playing: the follower jumps with the lead.
  // Well before the end of the song: a loaded machine takes a while over each step.
  await ruler.click({ position: { x: box.width * 0.4, y: box.height / 2 } });
  await expect.poll(() => positionSec(mixer.page), { timeout: 10_000 }).toBeGreaterThan(first * 2.2);
  await expect.poll(gap, { timeout: 10_000 }).toBeLessThan(1);

  // Pause: the follower pauses where the lead did.
  await lead.page.keyboard.press('Space');
  await expect(playButton(lead.page)).toBeVisible();
  await expect(playButton(mixer.page)).toBeVisible({ timeout: 10_000 });
  await expect.poll(gap, { timeout: 10_000 }).toBeLessThan(0.05);
  await mixer.page.screenshot({ path: 'test-results/follow-mixer.png' });

  // Escape leaves follow mode: the lead plays alone.
  await mixer.page.keyboard.press('Escape');
  await expect(mixer.page.getByRole('status').filter({ hasText: 'Following Lea Lead' })).toHaveCount(0);
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  const still = await positionSec(mixer.page);
  await lead.page.keyboard.press('Space');
  await expect(pauseButton(lead.page)).toBeVisible();
  await lead.page.waitForTimeout(1500);
  await expect(playButton(mixer.page)).toBeVisible();
  expect(await positionSec(mixer.page)).toBe(still);
  await lead.page.keyboard.press('Space');

  await lead.page.context().close();
  await mixer.page.context().close();
});
