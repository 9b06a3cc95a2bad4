import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';
import { MixerPage } from './mixer-page';

const run = promisify(execFile);

/** Presses Export WAV and returns the downloaded file's name and bytes. */
async function exportWav(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Export WAV', exact: true }).click();
  const file = await download;
  const saved = path.join(os.tmpdir(), `mixroom-export-${Date.now()}.wav`);
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), bytes: await fs.readFile(saved) };
}

test('automation drawn in the UI changes the export, and the export equals mixroom render --format wav24', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const lead = await MixerPage.open(browser, 'lead');
  const page = lead.page;
  const projectId = new URL(page.url()).pathname.split('/').pop()!;
  await lead.waitForDemoSong();

  const before = await exportWav(page);
  expect(before.name).toBe('Demo song.wav');
  // RIFF/WAVE, 24-bit PCM stereo at 48 kHz.
  expect(before.bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
  expect(before.bytes.readUInt16LE(22)).toBe(2);
  expect(before.bytes.readUInt32LE(24)).toBe(48000);
  expect(before.bytes.readUInt16LE(34)).toBe(24);

  // Draw a fade on the bass fader: two points, high then low.
  await page.getByRole('button', { name: 'Bass automation', exact: true }).click();
  const lane = page.getByRole('group', { name: 'Bass fader automation', exact: true });
  const box = (await lane.boundingBox())!;
  await lane.click({ position: { x: box.width * 0.1, y: box.height * 0.3 } });
  await expect(lane.getByRole('slider')).toHaveCount(1);
  await lane.click({ position: { x: box.width * 0.4, y: box.height * 0.9 } });
  await expect(lane.getByRole('slider')).toHaveCount(2);
  await expect(lead.status()).toHaveText('Saved');

  const after = await exportWav(page);
  expect(after.bytes.length).toBe(before.bytes.length);
  expect(after.bytes.equals(before.bytes)).toBe(false);

  // The command line renders the same live mix through the API: the same bytes.
  const created = await page.request.post('/api/tokens', { data: { name: 'export test' }, headers: { origin: baseURL! } });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  const out = path.join(os.tmpdir(), `mixroom-cli-${Date.now()}.wav`);
  await run(process.execPath, ['dist/mixroom.mjs', 'render', '--url', baseURL!, '--token', token, '--project', projectId, '--out', out, '--format', 'wav24']);
  const cli = await fs.readFile(out);
  expect(cli.length).toBe(after.bytes.length);
  expect(cli.equals(after.bytes)).toBe(true);

  // Leave the demo as it was for the other specs.
  await page.getByRole('button', { name: 'Clear Bass fader automation', exact: true }).click();
  await expect(lane.getByRole('slider')).toHaveCount(0);
  await expect(lead.status()).toHaveText('Saved');
  await page.context().close();
});

test('Cancel stops an export: no file, and Export WAV is offered again', async ({ browser }) => {
  const lead = await MixerPage.open(browser, 'lead');
  const page = lead.page;
  await lead.waitForDemoSong();
  // Hold the export worker's stem downloads until the test has cancelled.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.context().route('**/api/stems/*/audio', async (route) => {
    await held;
    await route.continue().catch(() => {}); // the worker may be gone by now
  });
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Export WAV', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel export', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Export WAV', exact: true })).toBeEnabled();
  await expect(page.getByRole('progressbar', { name: 'Export progress' })).toHaveCount(0);
  release();
  await page.waitForTimeout(500);
  expect(downloads).toBe(0);
  await page.context().close();
});
