import { expect, type Page, test } from '@playwright/test';
import { MixerPage } from './mixer-page';

const positionSec = async (page: Page) => Number(await page.getByTestId('transport-position').getAttribute('data-sec'));

test('the ruler seeks and sets a loop; Space, Return and L drive the transport', async ({ browser }) => {
  test.setTimeout(120_000);
  const lead = await MixerPage.open(browser, 'lead');
  const page = lead.page;
  await lead.waitForDemoSong();
  const ruler = page.getByRole('slider', { name: /^Timeline ruler/ });
  const box = (await ruler.boundingBox())!;

  // A click seeks: the position readout and the playhead move there, without playing.
  await ruler.click({ position: { x: box.width * 0.25, y: box.height / 2 } });
  const quarter = await positionSec(page);
  await ruler.click({ position: { x: box.width * 0.5, y: box.height / 2 } });
  const clicked = await positionSec(page);
  expect(clicked).toBeGreaterThan(quarter);
  expect(quarter).toBeGreaterThan(0);
  await expect.poll(async () => Number(await page.getByTestId('playhead').getAttribute('data-sec'))).toBeCloseTo(clicked, 1);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  // Return goes to the start (the ruler keeps focus: it leaves Return and Space to the transport).
  await page.keyboard.press('Enter');
  await expect.poll(() => positionSec(page)).toBe(0);

  // A drag sets a loop region from 1 s to 3 s and turns looping on.
  // The ruler's scale, from the two clicks.
  const pxPerSec = (box.width * 0.25) / (clicked - quarter);
  const xAt = (sec: number) => box.x + box.width * 0.25 + (sec - quarter) * pxPerSec;
  await page.mouse.move(xAt(1), box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(xAt(2), box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(xAt(3), box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const loop = page.getByRole('button', { name: 'Loop', exact: true });
  await expect(loop).toHaveAttribute('aria-pressed', 'true');

  // Played from inside the region, the position stays inside it, past its length.
  await ruler.click({ position: { x: xAt(1.5) - box.x, y: box.height / 2 } });
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  const seen: number[] = [];
  for (let i = 0; i < 20; i++) {
    seen.push(await positionSec(page));
    await page.waitForTimeout(200);
  }
  expect(Math.max(...seen)).toBeLessThan(3.2);
  expect(Math.min(...seen.slice(5))).toBeGreaterThan(0.8);

  // L turns looping off; Space pauses.
  await page.keyboard.press('l');
  await expect(loop).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await page.context().close();
});
