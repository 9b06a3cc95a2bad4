import { expect, test, type Browser, type Page } from '@playwright/test';
import { AuthPage, demoLogins } from './fixtures';

async function signedIn(browser: Browser, role: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new AuthPage(page).signIn(demoLogins()[role]);
  await page.getByRole('link', { name: 'Demo song' }).click();
  await expect(page.getByRole('region', { name: 'Mixer' })).toBeVisible();
  return page;
}

/** Page object of the mixer. */
class MixerPage {
  constructor(readonly page: Page) {}
  fader(track: string) {
    return this.page.getByRole('slider', { name: `${track} fader` });
  }
  status() {
    return this.page.locator('.mixer-status');
  }
  async addTrack(name: string) {
    await this.page.getByLabel('Track name').fill(name);
    await this.page.getByRole('button', { name: 'Add track' }).click();
    await expect(this.fader(name)).toBeVisible();
  }
  async assign(track: string, member: string, on: boolean) {
    await this.page.getByRole('button', { name: `Assign ${track}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Assign ${track}` });
    await dialog.getByRole('checkbox', { name: member }).setChecked(on);
    await dialog.getByRole('button', { name: 'Done' }).click();
  }
}

test('lead and mixer edit one mix live; permissions show and hold; a reviewer changes nothing', async ({ browser }) => {
  const logins = demoLogins();
  const lead = new MixerPage(await signedIn(browser, 'lead'));
  const mixer = new MixerPage(await signedIn(browser, 'mixer'));
  const reviewer = new MixerPage(await signedIn(browser, 'reviewer'));
  expect(logins.mixer.email).toBe('mixer@demo.mixroom');

  // Not 'Bass': the demo song seeds a Bass track into the same project in the background.
  await lead.addTrack('Sub Bass');
  await lead.addTrack('Perc');
  await lead.assign('Sub Bass', 'Max Mixer', true);

  // The mixer's fader move reaches the lead's browser, and the mixer sees Saved.
  await expect(mixer.fader('Sub Bass')).not.toHaveAttribute('aria-disabled', 'true');
  await mixer.fader('Sub Bass').focus();
  await mixer.page.keyboard.press('PageDown');
  await expect(mixer.fader('Sub Bass')).toHaveAttribute('aria-valuetext', '-6.0 dB');
  await expect(lead.fader('Sub Bass')).toHaveAttribute('aria-valuetext', '-6.0 dB');
  await expect(mixer.status()).toHaveText('Saved');

  // The unassigned strip is read-only for the mixer: keys do nothing.
  await expect(mixer.fader('Perc')).toHaveAttribute('aria-disabled', 'true');
  await mixer.fader('Perc').focus();
  await mixer.page.keyboard.press('PageDown');
  await expect(mixer.fader('Perc')).toHaveAttribute('aria-valuetext', '0.0 dB');
  await expect(lead.fader('Perc')).toHaveAttribute('aria-valuetext', '0.0 dB');

  // A reviewer sees everything live and can change nothing.
  await expect(reviewer.fader('Sub Bass')).toHaveAttribute('aria-valuetext', '-6.0 dB');
  await expect(reviewer.fader('Sub Bass')).toHaveAttribute('aria-disabled', 'true');
  await expect(reviewer.page.getByRole('button', { name: 'Sub Bass mute' })).toBeDisabled();

  // The lead removes the assignment: the mixer's strip turns read-only live.
  await lead.assign('Sub Bass', 'Max Mixer', false);
  await expect(mixer.fader('Sub Bass')).toHaveAttribute('aria-disabled', 'true');

  await reviewer.page.screenshot({ path: 'test-results/mixer-reviewer.png' });
  for (const p of [lead, mixer, reviewer]) await p.page.context().close();
});
