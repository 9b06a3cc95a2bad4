import { test } from '@playwright/test';
import { MixerPage } from './mixer-page';

test('scratch: screenshot of the master view', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const m = await MixerPage.open(browser, 'mastering', context);
  await m.waitForDemoSong().catch(() => {});
  await m.page.waitForTimeout(1500);
  await m.page.screenshot({ path: '/tmp/shots/master-1440.png' });
  await m.page.keyboard.press('Space');
  await m.page.waitForTimeout(6000);
  await m.page.screenshot({ path: '/tmp/shots/master-playing.png' });
  await context.close();
  const r = await MixerPage.open(browser, 'reviewer', await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  await r.showView('Master');
  await r.page.waitForTimeout(1000);
  await r.page.screenshot({ path: '/tmp/shots/master-reviewer.png' });
});
