import fs from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { LoudnessMeter } from '../lib/dsp/loudness-meter';
import { readWav } from '../lib/audio/wav';
import type { MixSnapshot } from '../lib/doc/read-mix';
import { MixerPage, newContext } from './mixer-page';
import { loudest, screenshot as shot } from './page-probes';

/** Types a value into a knob or slider as a person does with the keyboard: focus, Enter, the value, Enter. */
async function typeInto(page: Page, control: Locator, value: string): Promise<void> {
  await control.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

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

test('done when, as a mix engineer: a delay bus, a compressed drum group, chorus on the keys, the pad faded in, the voice normalised to -18 LUFS and tuned to A minor; heard live and exported', async ({ browser }) => {
  test.setTimeout(480_000);
  const context = await newContext(browser);
  const lead = await MixerPage.open(browser, 'lead', context);
  const page = lead.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  await lead.waitForDemoSong();

  await test.step('a delay bus synced to 1/8 notes; the keys sent to it', async () => {
    await page.getByRole('combobox', { name: 'Kind of bus to add' }).selectOption('delay');
    await page.getByRole('button', { name: 'Add bus' }).click();
    await page.getByRole('group', { name: 'Delay bus strip', exact: true }).getByRole('button', { name: 'Edit Delay bus' }).click();
    await page.getByRole('region', { name: 'Delay bus detail' }).getByRole('combobox', { name: 'Delay bus delay tempo sync' }).selectOption('1/8');
    await typeInto(page, lead.strip('Keys').getByRole('slider', { name: 'Keys send Delay', exact: true }), '-10');
    await expect.poll(async () => Object.values((await liveMix(page)).tracks.find((t) => t.name === 'Keys')!.strip.sends).some((send) => send.levelDb === -10)).toBe(true);
    await shot(page, 'depth-1-delay-bus.png');
  });

  await test.step('a drum group: the drums routed to it, compressed there', async () => {
    await page.getByRole('combobox', { name: 'Kind of bus to add' }).selectOption('group');
    await page.getByRole('button', { name: 'Add bus' }).click();
    await page.getByRole('group', { name: 'Group bus strip', exact: true }).getByRole('button', { name: 'Edit Group bus' }).click();
    await page.getByRole('button', { name: 'Rename Group bus' }).click();
    await page.getByRole('textbox', { name: 'New name of Group bus' }).fill('Drum group');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    const detail = page.getByRole('region', { name: 'Drum group bus detail' });
    await detail.getByRole('button', { name: 'Drum group bus compressor on' }).click();
    await typeInto(page, detail.getByRole('slider', { name: 'Drum group bus compressor threshold' }), '-24');
    await typeInto(page, detail.getByRole('slider', { name: 'Drum group bus compressor ratio' }), '4');
    await lead.strip('Drums').getByRole('combobox', { name: 'Drums output' }).selectOption({ label: 'Drum group' });
    await expect.poll(async () => {
      const mix = await liveMix(page);
      const group = mix.buses.find((b) => b.name === 'Drum group')!;
      return { output: mix.tracks.find((t) => t.name === 'Drums')!.strip.output === group.id, comp: group.strip.comp };
    }).toMatchObject({ output: true, comp: { on: true, thresholdDb: -24, ratio: 4 } });
    await shot(page, 'depth-2-drum-group.png');
  });

  await test.step('a chorus on the keys', async () => {
    await lead.strip('Keys').getByRole('button', { name: 'Edit Keys EQ' }).click();
    const inserts = page.getByRole('region', { name: 'Keys inserts' });
    await inserts.getByRole('combobox', { name: 'Keys insert to add' }).selectOption('chorus');
    await inserts.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(inserts.getByRole('slider', { name: 'Keys insert 1 Chorus depth' })).toBeVisible();
    await shot(page, 'depth-3-keys-chorus.png');
  });

  await test.step('the pad fades in over 4 s', async () => {
    const fadeIn = page.getByRole('slider', { name: 'Pad clip fade-in', exact: true });
    await fadeIn.focus();
    for (let k = 0; k < 4; k++) await page.keyboard.press('PageUp');
    await expect(fadeIn).toHaveAttribute('aria-valuenow', '4');
    await expect.poll(async () => (await liveMix(page)).tracks.find((t) => t.name === 'Pad')!.clip.fadeIn.durationSec).toBe(4);
    await shot(page, 'depth-4-pad-fade-in.png');
  });

  await test.step('the voice normalised to -18 LUFS and tuned to A minor', async () => {
    await lead.strip('Voice').getByRole('button', { name: 'Edit Voice EQ' }).click();
    const clip = page.getByRole('region', { name: 'Voice clip' });
    await clip.getByRole('combobox', { name: 'Voice normalise to' }).selectOption('loudness');
    await clip.getByRole('textbox', { name: 'Voice normalise target' }).fill('-18');
    await clip.getByRole('button', { name: 'Normalise' }).click();
    await expect(clip.getByRole('status')).toBeVisible();
    await expect.poll(async () => (await liveMix(page)).tracks.find((t) => t.name === 'Voice')!.clip.gainDb).not.toBe(0);
    const inserts = page.getByRole('region', { name: 'Voice inserts' });
    await inserts.getByRole('combobox', { name: 'Voice insert to add' }).selectOption('pitch');
    await inserts.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('progressbar', { name: 'Voice pitch correction' }).first()).toBeVisible();
    await page.getByRole('region', { name: 'Timeline' }).getByRole('img', { name: 'Voice waveform', exact: true }).scrollIntoViewIfNeeded();
    await shot(page, 'depth-5-voice-tuning.png');
    await expect(inserts.getByRole('status', { name: 'Voice pitch correction' })).toHaveText('Tuned to A minor', { timeout: 240_000 });
    await inserts.getByRole('status', { name: 'Voice pitch correction' }).scrollIntoViewIfNeeded();
    await shot(page, 'depth-6-voice-tuned.png');
  });

  await test.step('heard live: the drum group and the delay return carry sound', async () => {
    await page.getByRole('button', { name: 'Return to start' }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => loudest(page, page.getByRole('meter', { name: 'Drum group bus level', exact: true }), 500), { timeout: 30_000 }).toBeGreaterThan(-40);
    await expect.poll(() => loudest(page, page.getByRole('meter', { name: 'Delay bus level', exact: true }), 500), { timeout: 30_000 }).toBeGreaterThan(-60);
    // The drums no longer reach the master on their own: their strip feeds the group.
    await shot(page, 'depth-7-playing.png');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
  });

  await test.step('exported: a WAV of the whole song at the project rate, with sound in it', async () => {
    const download = page.waitForEvent('download', { timeout: 300_000 });
    await page.getByRole('button', { name: 'Export WAV' }).click();
    const file = await (await download).path();
    const wav = readWav(new Uint8Array(fs.readFileSync(file)));
    expect(wav.sampleRate).toBe(48_000);
    expect(wav.channels[0].length).toBeGreaterThanOrEqual(80 * 48_000);
    const meter = new LoudnessMeter({ sampleRate: 48_000, channels: 2 });
    meter.process(wav.channels, wav.channels[0].length);
    expect(meter.integrated).toBeGreaterThan(-40);
    await shot(page, 'depth-8-exported.png');
  });

  await test.step('leave the demo as it was for the other specs', async () => {
    for (const bus of ['Delay', 'Drum group']) {
      await page.getByRole('group', { name: `${bus} bus strip`, exact: true }).getByRole('button', { name: `Edit ${bus} bus` }).click();
      await page.getByRole('region', { name: `${bus} bus detail` }).getByRole('button', { name: `Delete ${bus} bus` }).click();
      await page.getByRole('dialog', { name: `Delete ${bus} bus?` }).getByRole('button', { name: 'Delete' }).click();
    }
    await lead.strip('Keys').getByRole('button', { name: 'Edit Keys EQ' }).click();
    await page.getByRole('region', { name: 'Keys inserts' }).getByRole('button', { name: 'Remove Keys insert 1 Chorus' }).click();
    await lead.strip('Voice').getByRole('button', { name: 'Edit Voice EQ' }).click();
    await page.getByRole('region', { name: 'Voice inserts' }).getByRole('button', { name: 'Remove Voice insert 1 Pitch correction' }).click();
    await typeInto(page, page.getByRole('slider', { name: 'Voice clip gain', exact: true }), '0');
    const fadeIn = page.getByRole('slider', { name: 'Pad clip fade-in', exact: true });
    await fadeIn.focus();
    for (let k = 0; k < 4; k++) await page.keyboard.press('PageDown');
    await expect.poll(async () => {
      const mix = await liveMix(page);
      const voice = mix.tracks.find((t) => t.name === 'Voice')!;
      // Earlier specs may have added tracks to the demo: none of them may keep an insert either.
      const withInserts = mix.tracks.filter((t) => Object.keys(t.strip.inserts).length > 0).map((t) => t.name);
      return { buses: mix.buses.length, withInserts, voiceGain: voice.clip.gainDb, fade: mix.tracks.find((t) => t.name === 'Pad')!.clip.fadeIn.durationSec };
    }).toEqual({ buses: 1, withInserts: [], voiceGain: 0, fade: 0 });
  });
  await context.close();
});
