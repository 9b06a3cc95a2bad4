import { expect, type Page, test } from '@playwright/test';
import { MixerPage, newContext } from './mixer-page';
import { installRenderCounter, type RenderCounts, renderCounts, resetRenderCounts, totalRenders } from './render-counter';

/** Lets the edit's echoes settle: Saving, Saved, the undo state. */
const SETTLE_MS = 800;

function report(what: string, counts: RenderCounts): void {
  const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const text = `${what}: ${totalRenders(counts)} component renders; ${sorted.map(([k, n]) => `${k} ${n}`).join(', ')}`;
  test.info().annotations.push({ type: 'renders', description: text });
  console.log(text);
}

async function countWhile(page: Page, act: () => Promise<void>): Promise<RenderCounts> {
  await resetRenderCounts(page);
  await act();
  await page.waitForTimeout(SETTLE_MS);
  return renderCounts(page);
}

test('a fader move re-renders its own strip, not the other strips of the console', async ({ browser }) => {
  test.setTimeout(180_000);
  const leadContext = await newContext(browser);
  await installRenderCounter(leadContext);
  const lead = await MixerPage.open(browser, 'lead', leadContext);
  await lead.waitForDemoSong();
  const original = await lead.fader('Bass').getAttribute('aria-valuetext');

  // The first press selects the strip and marks the fader as touched: not what is measured.
  await lead.pressOnFader('Bass', 'ArrowUp');
  await lead.page.waitForTimeout(SETTLE_MS);
  const before = await lead.fader('Bass').getAttribute('aria-valuetext');
  const own = await countWhile(lead.page, async () => {
    await lead.page.keyboard.press('ArrowDown');
    await expect(lead.fader('Bass')).not.toHaveAttribute('aria-valuetext', before!);
    await expect(lead.status()).toHaveText('Saved');
  });
  report('own fader move', own);
  const moved = await lead.fader('Bass').getAttribute('aria-valuetext');

  const mixer = await MixerPage.open(browser, 'mixer');
  await mixer.pressOnFader('Bass', 'ArrowUp');
  const shown = await mixer.fader('Bass').getAttribute('aria-valuetext');
  await expect(lead.fader('Bass')).toHaveAttribute('aria-valuetext', shown!);
  await expect(lead.fader('Bass')).toHaveAttribute('data-touched-by', 'Max Mixer');
  await lead.page.waitForTimeout(SETTLE_MS);
  const remote = await countWhile(lead.page, async () => {
    await mixer.page.keyboard.press('ArrowDown');
    await expect(lead.fader('Bass')).not.toHaveAttribute('aria-valuetext', shown!);
  });
  report("a collaborator's fader move", remote);

  // Leave the demo mix as it was for the other specs.
  await mixer.page.keyboard.press('Control+z');
  await mixer.page.keyboard.press('Control+z');
  await expect(lead.fader('Bass')).toHaveAttribute('aria-valuetext', moved!);
  await lead.fader('Bass').focus();
  await lead.page.keyboard.press('Control+z');
  await lead.page.keyboard.press('Control+z');
  await expect(lead.fader('Bass')).toHaveAttribute('aria-valuetext', original!);
  await expect(lead.status()).toHaveText('Saved');

  for (const counts of [own, remote]) {
    // Before the studio's memoisation a move rendered the whole page: 526 and 350 components.
    expect(totalRenders(counts), 'components rendered').toBeLessThan(100);
    expect(counts.strip ?? 0, 'channel strips rendered').toBeLessThanOrEqual(1);
    expect(counts['strip--bus'] ?? 0, 'bus strips rendered').toBe(0);
    expect(counts['strip--master'] ?? 0, 'master strip rendered').toBe(0);
  }
  await mixer.page.context().close();
  await leadContext.close();
});
