import { expect, test } from '@playwright/test';
import { MixerPage, TimelinePage } from './mixer-page';
import { sineWav } from './wav';

// The demo song seeds its six stems into the same project in the background: unique names here.
const KICK = 'e2e-kick.wav';
const SNARE = 'e2e-snare.wav';

test('the lead drops two files, sees both progress bars finish and both waveforms drawn, and a fake WAV refused with its reason', async ({
  browser,
}) => {
  const lead = await MixerPage.open(browser, 'lead');
  const timeline = new TimelinePage(lead.page);
  await expect(timeline.region()).toBeVisible();
  await expect(timeline.region().getByRole('button', { name: 'Add stems' })).toBeEnabled();

  // -6 dBFS sines (amplitude 0.5), 0.5 s, 48 kHz stereo 16-bit.
  await timeline.dropFiles([
    { name: KICK, buffer: sineWav({ hz: 60 }) },
    { name: SNARE, buffer: sineWav({ hz: 440 }) },
  ]);

  for (const name of [KICK, SNARE]) {
    await expect(timeline.progress(name)).toBeVisible();
    await expect(timeline.progress(name)).toHaveAttribute('aria-valuetext', 'Done', { timeout: 30_000 });
    await expect(timeline.progress(name)).toHaveAttribute('aria-valuenow', '100');
    await expect(timeline.cancelButton(name)).toHaveCount(0);
  }

  // The server added a track per file to the live document: lanes and strips, waveforms drawn.
  for (const track of ['e2e-kick', 'e2e-snare']) {
    await expect(timeline.waveform(track)).toHaveAttribute('data-drawn', 'true');
    await expect(lead.fader(track)).toBeVisible();
  }

  await timeline.waveform('e2e-snare').hover();
  const tip = lead.page.getByRole('tooltip');
  await expect(tip).toContainText(SNARE);
  await expect(tip).toContainText('Peak -6.0 dBFS');
  await expect(tip).toContainText('Clipped 0');
  await timeline.region().getByRole('button', { name: 'Zoom in' }).hover();
  await expect(tip).toBeHidden();

  // The file picker path, with HTML dressed up as a WAV: the server's 415 reason on that row.
  await timeline.pickFiles([{ name: 'fake.wav', buffer: Buffer.from('<!doctype html><html><body>not audio</body></html>') }]);
  await expect(timeline.progress('fake.wav')).toHaveAttribute('aria-valuetext', /not an audio file we can read: looks like HTML/);
  await expect(timeline.region().getByRole('listitem').filter({ hasText: 'fake.wav' })).toContainText('looks like HTML');
  await expect(timeline.waveform('fake')).toHaveCount(0);

  await lead.page.context().close();
});

test('Cancel stops a queued and an uploading file, and neither becomes a track', async ({ browser }) => {
  const lead = await MixerPage.open(browser, 'lead');
  const timeline = new TimelinePage(lead.page);
  // A slow uplink, so that the uploads are still running (and one still queued) when Cancel is pressed.
  const cdp = await lead.page.context().newCDPSession(lead.page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 32 * 1024 });
  const files = ['e2e-slow-1.wav', 'e2e-slow-2.wav', 'e2e-slow-3.wav', 'e2e-slow-4.wav'];
  await timeline.dropFiles(files.map((name) => ({ name, buffer: sineWav({ seconds: 3 }) })));

  // At most three at once: the fourth waits.
  await expect(timeline.progress(files[3])).toHaveAttribute('aria-valuetext', 'Queued');
  await expect(timeline.progress(files[0])).toHaveAttribute('aria-valuetext', /^Uploading \d+%$/);
  await timeline.cancelButton(files[3]).click();
  await expect(timeline.progress(files[3])).toHaveAttribute('aria-valuetext', 'Cancelled');
  for (const name of files.slice(0, 3)) await timeline.cancelButton(name).click();
  for (const name of files) {
    await expect(timeline.progress(name)).toHaveAttribute('aria-valuetext', 'Cancelled');
    await expect(timeline.cancelButton(name)).toHaveCount(0);
  }
  await expect(lead.page.getByRole('button', { name: 'Clear finished uploads' })).toBeVisible();
  await lead.page.getByRole('button', { name: 'Clear finished uploads' }).click();
  await expect(timeline.progress(files[0])).toHaveCount(0);
  await expect(timeline.waveform('e2e-slow-1')).toHaveCount(0);
  await expect(lead.fader('e2e-slow-1')).toHaveCount(0);

  await lead.page.context().close();
});
