import { expect, test } from '@playwright/test';
import { MixerPage } from './mixer-page';

test('lead and mixer see each other here, and the strip and control the other is touching', async ({ browser }) => {
  const lead = await MixerPage.open(browser, 'lead');
  const mixer = await MixerPage.open(browser, 'mixer');
  await lead.addTrack('Presence Keys');
  await lead.assign('Presence Keys', 'Max Mixer', true);
  await expect(mixer.fader('Presence Keys')).not.toHaveAttribute('aria-disabled', 'true');

  // Each sees the other in the toolbar, named with their role; nobody sees themselves.
  await expect(lead.peopleHere().getByRole('listitem', { name: 'Max Mixer (mixer)' })).toBeVisible();
  await expect(mixer.peopleHere().getByRole('listitem', { name: 'Lea Lead (lead)' })).toBeVisible();
  await expect(lead.peopleHere().getByRole('listitem', { name: /Lea Lead/ })).toHaveCount(0);

  // A second tab of the mixer is still one person.
  const mixerTab2 = new MixerPage(await mixer.page.context().newPage());
  await mixerTab2.page.goto(mixer.page.url());
  await expect(mixerTab2.peopleHere().getByRole('listitem', { name: 'Lea Lead (lead)' })).toBeVisible();
  await expect(lead.peopleHere().getByRole('listitem')).toHaveCount(1);
  await mixerTab2.page.close();

  // The mixer works the fader with the keyboard: the lead sees who, on which strip and control.
  await mixer.pressOnFader('Presence Keys', 'ArrowDown');
  const strip = lead.strip('Presence Keys');
  await expect(lead.fader('Presence Keys')).toHaveAttribute('data-touched-by', 'Max Mixer');
  await expect(strip.getByText('Max Mixer is adjusting the fader')).toBeAttached();
  await expect(lead.fader('Presence Keys')).toHaveAccessibleDescription('Max Mixer is adjusting the fader');
  await expect(lead.pan('Presence Keys')).not.toHaveAttribute('data-touched-by');
  // Your own touch is not marked on your own screen.
  await expect(mixer.page.locator('[data-touched-by]')).toHaveCount(0);
  await lead.page.screenshot({ path: '/tmp/presence-lead.png' });
  const box = (await strip.boundingBox())!;
  await lead.page.screenshot({ path: '/tmp/presence-lead-strip.png', clip: { x: box.x - 20, y: box.y - 20, width: box.width + 40, height: 260 } });

  // Moving on to mute moves the mark; letting go clears it after a moment.
  await mixer.page.getByRole('button', { name: 'Presence Keys mute' }).focus();
  await mixer.page.keyboard.press('Space');
  await expect(lead.page.getByRole('button', { name: 'Presence Keys mute' })).toHaveAttribute('data-touched-by', 'Max Mixer');
  await expect(lead.fader('Presence Keys')).not.toHaveAttribute('data-touched-by');
  await mixer.page.getByRole('button', { name: 'Presence Keys mute' }).blur();
  await expect(lead.page.locator('[data-touched-by]')).toHaveCount(0);
  await expect(strip.getByText(/is adjusting/)).toHaveCount(0);

  // The lead's touch shows on the mixer's screen, on a strip the mixer cannot edit too.
  await lead.pan('Presence Keys').focus();
  await lead.page.keyboard.press('ArrowRight');
  await expect(mixer.pan('Presence Keys')).toHaveAttribute('data-touched-by', 'Lea Lead');
  await mixer.page.screenshot({ path: '/tmp/presence-mixer.png' });

  for (const p of [lead, mixer]) await p.page.context().close();
});
