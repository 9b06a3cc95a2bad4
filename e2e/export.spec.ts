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

/** The provenance hash a WAV carries in its `mxpv` chunk. */
function wavProvenance(wav: Buffer): string {
  const at = wav.indexOf('mxpv', 12, 'latin1');
  expect(at).toBeGreaterThan(0);
  const size = wav.readUInt32LE(at + 4);
  return (JSON.parse(wav.subarray(at + 8, at + 8 + size).toString('utf8').replace(/[\0\s]+$/, '')) as { sha256: string }).sha256;
}

/** FFmpeg's reading of a file: its duration in seconds and channel count (throws when it does not decode). */
async function ffprobe(file: string): Promise<{ durationSec: number; channels: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=channels', '-of', 'json', file]);
  const info = JSON.parse(stdout) as { format: { duration: string }; streams: Array<{ channels: number }> };
  // Decode the whole file too: a header alone could parse.
  await run('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
  return { durationSec: Number(info.format.duration), channels: info.streams[0].channels };
}

test('stems from the export dialog: a zip of one file per track that all decode at the mix length, each with its provenance, the same bytes as mixroom render --stems', async ({ browser, baseURL }) => {
  test.setTimeout(420_000);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const lead = await MixerPage.open(browser, 'lead', context);
  const page = lead.page;
  const projectId = new URL(page.url()).pathname.split('/').pop()!;
  await lead.waitForDemoSong();
  await lead.showView('Master');
  await page.getByLabel('Export what').selectOption('stems');
  const download = page.waitForEvent('download', { timeout: 300_000 });
  await page.getByRole('button', { name: 'Export stems', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Master export progress' })).toBeVisible();
  await expect(page.getByText(/Rendering stem .+ \(\d of 6\)…/)).toBeVisible({ timeout: 120_000 });
  const file = await download;
  expect(file.suggestedFilename()).toBe('Demo song (stems).zip');
  const zipPath = path.join(os.tmpdir(), `mixroom-stems-${Date.now()}.zip`);
  await file.saveAs(zipPath);
  await page.getByText('6 stems', { exact: true }).click();
  await expect(page.getByRole('list', { name: 'Stems in the zip' }).getByRole('listitem')).toHaveCount(6);

  const browserDir = `${zipPath}.d`;
  await run('unzip', ['-q', zipPath, '-d', browserDir]);
  const names = (await fs.readdir(browserDir)).sort();
  const { mix } = (await (await page.request.get(`/api/projects/${projectId}/mix`)).json()) as { mix: { tracks: Array<{ name: string }> } };
  expect(names).toEqual(mix.tracks.map((t, i) => `${String(i + 1).padStart(2, '0')} ${t.name}.wav`));

  const hashes = new Set<string>();
  const durations: number[] = [];
  for (const name of names) {
    const bytes = await fs.readFile(path.join(browserDir, name));
    hashes.add(wavProvenance(bytes));
    const probed = await ffprobe(path.join(browserDir, name));
    expect(probed.channels).toBe(2);
    durations.push(probed.durationSec);
  }
  // Each stem carries its own provenance (its track is among the options), and all are as long as the mix.
  expect(hashes.size).toBe(names.length);
  expect(Math.max(...durations) - Math.min(...durations)).toBe(0);
  expect(durations[0]).toBeGreaterThan(79);

  // The command line renders the same stems through the API: the same files, byte for byte.
  const created = await page.request.post('/api/tokens', { data: { name: 'stems export test' }, headers: { origin: baseURL! } });
  const { token } = (await created.json()) as { token: string };
  const cliDir = path.join(os.tmpdir(), `mixroom-cli-stems-${Date.now()}`);
  await run(process.execPath, ['dist/mixroom.mjs', 'render', '--url', baseURL!, '--token', token, '--project', projectId, '--out', cliDir, '--stems', '--format', 'wav24']);
  expect((await fs.readdir(cliDir)).sort()).toEqual(names);
  for (const name of names) {
    const [ours, cli] = await Promise.all([fs.readFile(path.join(browserDir, name)), fs.readFile(path.join(cliDir, name))]);
    expect(cli.equals(ours), name).toBe(true);
  }
  await context.close();
});
