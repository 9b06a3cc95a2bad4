import { expect, test } from '@playwright/test';
import { RECORD_VIOLATIONS } from './fixtures';
import { MixerPage, newContext } from './mixer-page';

test('the studio works under its Content-Security-Policy: sign-in, mixer, playback and export report no violation, and an injected script is blocked', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await newContext(browser);
  await context.addInitScript(RECORD_VIOLATIONS);
  const lead = await MixerPage.open(browser, 'lead', context);
  const page = lead.page;
  const response = await page.reload();
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' });
  await lead.waitForDemoSong();

  // The engine's AudioWorklet and Tone.js's clock worker start under the policy.
  await page.locator('body').press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('transport-position').getAttribute('data-sec'))).toBeGreaterThan(0.3);
  await page.locator('body').press('Space');
  // The export runs the engine in a Web Worker.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export WAV' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.wav$/);

  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);

  // A script injected into the page (as stored XSS would be) does not run.
  const ran = await page.evaluate(async () => {
    (window as unknown as { __injected?: boolean }).__injected = false;
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { __injected: boolean }).__injected;
  });
  expect(ran).toBe(false);
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([expect.stringMatching(/^script-src/)]);
  await context.close();
});

test('sign-in and sign-up report no Content-Security-Policy violation, also when their forms validate bad input', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(RECORD_VIOLATIONS);
  const page = await context.newPage();
  for (const path of ['/sign-in', '/sign-up']) {
    await page.goto(path);
    await page.getByLabel('Email', { exact: true }).fill('not an email');
    await page.getByLabel('Password', { exact: true }).fill('x');
    await page.locator('form button[type="submit"]').click();
    // The form's own validation (zod, in the page) answers without a request.
    await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), path).toEqual([]);
  }
  await context.close();
});
