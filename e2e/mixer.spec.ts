import { expect, test } from '@playwright/test';
import { demoLogins } from './fixtures';
import { MixerPage } from './mixer-page';

test('lead and mixer edit one mix live; permissions show and hold; a reviewer changes nothing', async ({ browser }) => {
  const logins = demoLogins();
  const lead = await MixerPage.open(browser, 'lead');
  const mixer = await MixerPage.open(browser, 'mixer');
  const reviewer = await MixerPage.open(browser, 'reviewer');
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
