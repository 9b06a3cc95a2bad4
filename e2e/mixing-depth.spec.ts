import { expect, type Page, test } from '@playwright/test';
import type { MixSnapshot } from '../lib/doc/read-mix';
import { MixerPage } from './mixer-page';

/** The live mix of the page's project, as the server reads it. */
async function liveMix(page: Page): Promise<MixSnapshot> {
  const projectId = /\/projects\/([^/?#]+)/.exec(page.url())![1];
  const res = await page.request.get(`/api/projects/${projectId}/mix`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { mix: MixSnapshot }).mix;
}

test('the lead adds a delay bus synced to 1/8 notes; a mixer sends a track to it and trims its clip; a mixer cannot touch buses', async ({ browser }) => {
  test.setTimeout(240_000);
  const lead = await MixerPage.open(browser, 'lead');
  await lead.waitForDemoSong();

  // The lead adds a delay bus and syncs it to eighth notes in its panel.
  await lead.page.getByRole('combobox', { name: 'Kind of bus to add' }).selectOption('delay');
  await lead.page.getByRole('button', { name: 'Add bus' }).click();
  const delayStrip = lead.page.getByRole('group', { name: 'Delay bus strip', exact: true });
  await expect(delayStrip).toBeVisible();
  await delayStrip.getByRole('button', { name: 'Edit Delay bus' }).click();
  const detail = lead.page.getByRole('region', { name: 'Delay bus detail' });
  await detail.getByRole('combobox', { name: 'Delay bus delay tempo sync' }).selectOption('1/8');
  await detail.getByRole('button', { name: 'Delay bus ping-pong' }).click();
  await expect(delayStrip.getByText('1/8')).toBeVisible();
  // Synced, the time knob gives way to the note value.
  await expect(detail.getByRole('slider', { name: 'Delay bus time' })).toHaveCount(0);
  await expect.poll(async () => (await liveMix(lead.page)).buses.find((b) => b.name === 'Delay')?.params).toMatchObject({ sync: '1/8', pingPong: true });
  const delayId = (await liveMix(lead.page)).buses.find((b) => b.name === 'Delay')!.id;

  // A mixer, assigned to Bass, sends it to the delay and trims the start of its clip by one second.
  const mixer = await MixerPage.open(browser, 'mixer');
  await mixer.waitForDemoSong();
  await expect(mixer.page.getByRole('button', { name: 'Add bus' })).toHaveCount(0);
  const send = mixer.strip('Bass').getByRole('slider', { name: 'Bass send Delay', exact: true });
  await send.focus();
  await mixer.page.keyboard.press('Enter');
  await mixer.page.keyboard.type('-8');
  await mixer.page.keyboard.press('Enter');
  const trimStart = mixer.page.getByRole('slider', { name: 'Bass clip trim start', exact: true });
  await trimStart.focus();
  await mixer.page.keyboard.press('PageUp');
  await expect(trimStart).toHaveAttribute('aria-valuenow', '1');

  await expect.poll(async () => (await liveMix(lead.page)).tracks.find((t) => t.name === 'Bass')?.clip.trimStartSec).toBe(1);
  const bass = (await liveMix(lead.page)).tracks.find((t) => t.name === 'Bass')!;
  expect(bass.strip.sends[delayId]).toEqual({ levelDb: -8, pre: false });
  // The lead sees the trim on the timeline too.
  await expect(lead.page.getByRole('slider', { name: 'Bass clip trim start', exact: true })).toHaveAttribute('aria-valuenow', '1');

  // The mixer's clip controls on a track not assigned to them are read-only.
  await expect(mixer.page.getByRole('slider', { name: 'Drums clip trim start', exact: true })).toHaveAttribute('aria-disabled', 'true');

  // Deleting the bus takes the mixer's send with it, in one edit.
  await detail.getByRole('button', { name: 'Delete Delay bus' }).click();
  await lead.page.getByRole('dialog', { name: 'Delete Delay bus?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(delayStrip).toHaveCount(0);
  await expect.poll(async () => Object.keys((await liveMix(lead.page)).tracks.find((t) => t.name === 'Bass')!.strip.sends)).not.toContain(delayId);
  await expect(mixer.strip('Bass').getByRole('slider', { name: 'Bass send Delay', exact: true })).toHaveCount(0);
});
