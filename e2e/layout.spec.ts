import { expect, type Locator, type Page, test } from '@playwright/test';
import { DEMO_TRACKS, MixerPage, TimelinePage } from './mixer-page';

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box, 'on the page').not.toBeNull();
  return box!;
}

/** The whole element lies inside the window. */
async function expectInView(page: Page, locator: Locator, what: string) {
  const box = await boxOf(locator);
  const { width, height } = page.viewportSize()!;
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(width);
  expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(height);
}

/** Nothing to scroll in the page itself, and a scroll request moves nothing. */
async function expectPageDoesNotScroll(page: Page) {
  const scrolled = await page.evaluate(() => {
    window.scrollTo(0, 10_000);
    const { scrollHeight, clientHeight, scrollWidth, clientWidth } = document.documentElement;
    return { x: window.scrollX, y: window.scrollY, tall: scrollHeight - clientHeight, wide: scrollWidth - clientWidth };
  });
  expect(scrolled).toEqual({ x: 0, y: 0, tall: 0, wide: 0 });
}

test('the studio fills the window: transport, timeline and faders in view at 1440x900, a resizable timeline, more room at 1920x1080', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const lead = await MixerPage.open(browser, 'lead', context);
  const page = lead.page;
  await lead.waitForDemoSong();
  const timeline = new TimelinePage(page);
  const transport = page.getByRole('toolbar', { name: 'Transport' });
  const firstFader = lead.fader(DEMO_TRACKS[0]);

  await expectInView(page, transport, 'the transport');
  await expectInView(page, timeline.region(), 'the timeline');
  await expectInView(page, firstFader, 'the first fader');
  await expectPageDoesNotScroll(page);
  // Every strip's fader is in view too, with room to move (not squeezed to nothing).
  for (const track of DEMO_TRACKS) await expectInView(page, lead.fader(track), `the ${track} fader`);
  expect((await boxOf(firstFader)).height).toBeGreaterThanOrEqual(96);

  // The splitter under the timeline resizes it; the console gives way, the page still does not scroll.
  const splitter = page.getByRole('separator', { name: 'Resize the timeline' });
  const before = (await boxOf(timeline.region())).height;
  await splitter.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await boxOf(timeline.region())).height).toBeCloseTo(before + 48, 0);
  const grip = await boxOf(splitter);
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2 - 80, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await boxOf(timeline.region())).height).toBeCloseTo(before - 32, 0);
  await expectInView(page, firstFader, 'the first fader after resizing');
  await expectPageDoesNotScroll(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');

  // A bigger window gives the timeline and the faders more room.
  const fader1440 = (await boxOf(firstFader)).height;
  const timeline1440 = (await boxOf(timeline.region())).height;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(async () => (await boxOf(firstFader)).height).toBeGreaterThan(fader1440 + 40);
  expect((await boxOf(timeline.region())).height).toBeGreaterThanOrEqual(timeline1440);
  await expectInView(page, firstFader, 'the first fader at 1920x1080');
  await expectPageDoesNotScroll(page);

  // In a narrow window the strips scroll inside the console, never the page.
  await page.setViewportSize({ width: 1000, height: 900 });
  const consoleRow = page.getByRole('list', { name: 'Channel strips' }).locator('xpath=..');
  await expect.poll(() => consoleRow.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expectPageDoesNotScroll(page);
  await context.close();
});

test('the assign popover stays open while other panes scroll, and goes when its button scrolls away', async ({ browser }) => {
  const lead = await MixerPage.open(browser, 'lead');
  const page = lead.page;
  await lead.waitForDemoSong();
  const button = page.getByRole('button', { name: 'Assign Bass' });
  const dialog = page.getByRole('dialog', { name: 'Assign Bass' });
  await button.click();
  await expect(dialog.getByRole('checkbox', { name: 'Max Mixer' })).toBeFocused();

  // The detail panel (settling on the strip just selected) and the lanes scroll: the button stays put.
  const detail = page.getByRole('region', { name: 'Bass channel' }).locator('xpath=..');
  await detail.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.getByRole('list', { name: 'Tracks' }).locator('xpath=..').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect.poll(() => detail.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  // Scroll events arrive with the next frame.
  await page.waitForTimeout(200);
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();

  // The console scrolls under it: the popover would be left behind, so it closes.
  await button.click();
  await expect(dialog).toBeVisible();
  await page.getByRole('list', { name: 'Channel strips' }).locator('xpath=..').evaluate((el) => el.scrollBy(40, 0));
  await expect(dialog).toBeHidden();
  await page.context().close();
});

test('the master view fits the window too: its chain, loudness, monitor and fader at 1440x900 without page scroll', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const mastering = await MixerPage.open(browser, 'mastering', context);
  const page = mastering.page;
  await mastering.waitForDemoSong();
  await expect(mastering.masterRegion()).toBeVisible();
  await expectInView(page, page.getByRole('toolbar', { name: 'Transport' }), 'the transport');
  await expectInView(page, new TimelinePage(page).region(), 'the timeline');
  await expectInView(page, page.getByLabel('Target', { exact: true }), 'the target picker');
  await expectInView(page, page.getByRole('button', { name: 'Export master', exact: true }), 'Export master');
  await expectInView(page, page.getByRole('region', { name: 'Master EQ' }), 'the EQ column');
  await expectInView(page, page.getByRole('slider', { name: 'Master compressor threshold' }), 'the glue compressor');
  await expectInView(page, page.getByRole('meter', { name: 'Master integrated loudness' }), 'the loudness meter');
  await expectInView(page, page.getByRole('radiogroup', { name: 'Listen to' }), 'the A/B switch');
  await expectInView(page, page.getByRole('region', { name: 'Master monitor and fader' }), 'the monitor column');
  await expectPageDoesNotScroll(page);
  // Switching views keeps the page still.
  await mastering.showView('Mixer');
  await expectPageDoesNotScroll(page);
  await mastering.showView('Master');
  await expectPageDoesNotScroll(page);
  await context.close();
});
