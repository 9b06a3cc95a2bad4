import { expect, test } from '@playwright/test';
import { MixerPage, newContext, SyncGate } from './mixer-page';

/*
 * What is simulated, and how:
 * - Going offline: `context.setOffline(true)`. Chromium then fires `offline` and fails HTTP, but
 *   leaves an open WebSocket alone (a real network loss would kill it); the room follows the
 *   browser's `offline` event and drops its socket itself, so edits really stay local.
 * - The reload: without a service worker the page cannot be loaded offline, so the context goes
 *   back online for the reload while a SyncGate closes every sync WebSocket (the sync server is
 *   unreachable). Whatever the reloaded page shows can only come from IndexedDB.
 * - Coming back: the gate opens; the room's next retry connects and sends the restored edit.
 */

test('edits made offline survive a reload from IndexedDB and reach the lead when back online', async ({ browser }) => {
  const lead = await MixerPage.open(browser, 'lead');
  const mixerContext = await newContext(browser);
  const gate = await SyncGate.install(mixerContext);
  const mixer = await MixerPage.open(browser, 'mixer', mixerContext);
  await lead.addTrack('Offline Keys');
  await lead.assign('Offline Keys', 'Max Mixer', true);
  await expect(mixer.fader('Offline Keys')).not.toHaveAttribute('aria-disabled', 'true');
  await expect(mixer.status()).toHaveText('Saved');

  await mixerContext.setOffline(true);
  await expect(mixer.status()).toHaveText('Offline');
  // Offline, the strip stays editable.
  await mixer.pressOnFader('Offline Keys', 'PageDown');
  await expect(mixer.fader('Offline Keys')).toHaveAttribute('aria-valuetext', '-6.0 dB');

  gate.block();
  await mixerContext.setOffline(false);
  await mixer.page.reload();
  await expect(mixer.fader('Offline Keys')).toHaveAttribute('aria-valuetext', '-6.0 dB');
  await expect(mixer.fader('Offline Keys')).not.toHaveAttribute('aria-disabled', 'true');
  await expect(mixer.status()).toHaveText('Offline');
  await expect(lead.fader('Offline Keys')).toHaveAttribute('aria-valuetext', '0.0 dB');

  gate.unblock();
  await expect(lead.fader('Offline Keys')).toHaveAttribute('aria-valuetext', '-6.0 dB');
  await expect(mixer.status()).toHaveText('Saved');

  // Saved means stored on the server: a fresh page agrees.
  await mixer.page.reload();
  await expect(mixer.status()).toHaveText('Saved');
  await expect(mixer.fader('Offline Keys')).toHaveAttribute('aria-valuetext', '-6.0 dB');

  for (const p of [lead, mixer]) await p.page.context().close();
});

test('offline edits the server refuses on reconnect are dropped, local copy included, and the mixer is told', async ({ browser }) => {
  const lead = await MixerPage.open(browser, 'lead');
  const mixerContext = await newContext(browser);
  const gate = await SyncGate.install(mixerContext);
  const mixer = await MixerPage.open(browser, 'mixer', mixerContext);
  await lead.addTrack('Refused Keys');
  await lead.assign('Refused Keys', 'Max Mixer', true);
  await expect(mixer.fader('Refused Keys')).not.toHaveAttribute('aria-disabled', 'true');

  await mixerContext.setOffline(true);
  await expect(mixer.status()).toHaveText('Offline');
  await mixer.pressOnFader('Refused Keys', 'PageDown');
  await expect(mixer.fader('Refused Keys')).toHaveAttribute('aria-valuetext', '-6.0 dB');

  // Meanwhile the lead takes the strip away.
  await lead.assign('Refused Keys', 'Max Mixer', false);

  await mixerContext.setOffline(false);
  await expect(mixer.refusedNotice()).toBeVisible();
  await expect(mixer.fader('Refused Keys')).toHaveAttribute('aria-valuetext', '0.0 dB');
  await expect(mixer.fader('Refused Keys')).toHaveAttribute('aria-disabled', 'true');
  await expect(mixer.status()).toHaveText('Saved');
  await expect(lead.fader('Refused Keys')).toHaveAttribute('aria-valuetext', '0.0 dB');

  // The IndexedDB copy went too: reloaded with the server out of reach, the page shows what the
  // server had, not the refused edit.
  gate.block();
  await mixer.page.reload();
  await expect(mixer.status()).toHaveText('Offline');
  await expect(mixer.fader('Refused Keys')).toHaveAttribute('aria-valuetext', '0.0 dB');
  await expect(mixer.fader('Refused Keys')).toHaveAttribute('aria-disabled', 'true');
  await expect(mixer.refusedNotice()).toBeHidden();

  gate.unblock();
  await expect(mixer.status()).toHaveText('Saved');
  await expect(mixer.refusedNotice()).toBeHidden();
  await expect(mixer.fader('Refused Keys')).toHaveAttribute('aria-valuetext', '0.0 dB');

  for (const p of [lead, mixer]) await p.page.context().close();
});

test('while the server cannot save (4503), the mixer says "Not saved yet", keeps its edit and sends it once the server takes it', async ({ browser }) => {
  const lead = await MixerPage.open(browser, 'lead');
  const mixerContext = await newContext(browser);
  const gate = await SyncGate.install(mixerContext);
  const mixer = await MixerPage.open(browser, 'mixer', mixerContext);
  await lead.addTrack('Held Keys');
  await lead.assign('Held Keys', 'Max Mixer', true);
  await expect(mixer.fader('Held Keys')).not.toHaveAttribute('aria-disabled', 'true');
  await expect(mixer.status()).toHaveText('Saved');

  // The server's save queue is full (PROTOCOL W19): it closes the socket with 4503, and refuses
  // the reconnects the same way until it has room again.
  const reason = 'the server cannot save edits right now: try again shortly';
  gate.block(4503, reason);
  await gate.closeOpen(4503, reason);
  await expect(mixer.status()).toHaveText('Not saved yet');
  await expect(mixer.status()).toHaveAttribute('title', /kept in this browser/);
  await mixer.pressOnFader('Held Keys', 'PageDown');
  await expect(mixer.fader('Held Keys')).toHaveAttribute('aria-valuetext', '-6.0 dB');
  await expect(mixer.status()).toHaveText('Not saved yet');
  await expect(lead.fader('Held Keys')).toHaveAttribute('aria-valuetext', '0.0 dB');

  gate.unblock();
  await expect(lead.fader('Held Keys')).toHaveAttribute('aria-valuetext', '-6.0 dB');
  await expect(mixer.status()).toHaveText('Saved');

  for (const p of [lead, mixer]) await p.page.context().close();
});
