import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';
import { AuthPage, demoLogins } from './fixtures';
import { MixerPage } from './mixer-page';
import { sineWav } from './wav';

const run = promisify(execFile);

/** FFmpeg's ebur128 (an independent BS.1770 meter): integrated loudness and true peak of a file. */
async function ffmpegMeasure(file: string): Promise<{ integrated: number; truePeakDbtp: number }> {
  const { stdout, stderr } = await run('ffmpeg', ['-nostats', '-hide_banner', '-i', file, '-af', 'ebur128=metadata=1:peak=true,ametadata=mode=print', '-f', 'null', '-'], {
    maxBuffer: 256 * 1024 * 1024,
  });
  const text = stdout + stderr;
  const values = [...text.matchAll(/lavfi\.r128\.I=(-?[0-9.]+)/g)];
  const peaks = [...text.matchAll(/lavfi\.r128\.true_peaks_ch\d+=([0-9.]+)/g)].map((m) => Number.parseFloat(m[1]));
  return { integrated: Number.parseFloat(values[values.length - 1][1]), truePeakDbtp: 20 * Math.log10(Math.max(...peaks)) };
}

/** Presses Export master and returns the downloaded file. */
async function exportMaster(page: Page): Promise<{ name: string; file: string; bytes: Buffer }> {
  const download = page.waitForEvent('download', { timeout: 150_000 });
  await page.getByRole('button', { name: 'Export master', exact: true }).click();
  const file = await download;
  const saved = path.join(os.tmpdir(), `mixroom-master-${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), file: saved, bytes: await fs.readFile(saved) };
}

test('the mastering engineer sets Spotify and exports: -14 LUFS, at most -1 dBTP in ffmpeg, the same bytes as mixroom render --master, whatever the monitor plays', async ({ browser, baseURL }) => {
  test.setTimeout(360_000);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const mastering = await MixerPage.open(browser, 'mastering', context);
  const page = mastering.page;
  const projectId = new URL(page.url()).pathname.split('/').pop()!;
  // The mastering engineer lands on the master view.
  await expect(mastering.masterRegion()).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Master', exact: true })).toHaveAttribute('aria-selected', 'true');
  await mastering.waitForDemoSong();

  const targetSelect = page.getByLabel('Target', { exact: true });
  await expect(targetSelect).toBeEnabled();
  await targetSelect.selectOption('spotify');
  await expect(mastering.masterStatus()).toHaveText('Saved');
  // The target's ceiling holds even with the limiter switched off (SPEC L16); the analysis follows the target.
  await expect(page.getByText('holds -1.0 dBTP')).toBeVisible();
  const platforms = page.getByRole('table', { name: 'What each platform does to this master' });
  await expect(platforms).toBeVisible({ timeout: 150_000 });
  await expect(platforms.locator('tr[data-target="spotify"]')).toContainText('holds');

  // Monitoring changes what is heard only: mono, a phone speaker, the mix side of the A/B.
  await page.getByRole('radiogroup', { name: 'Monitor channels' }).getByRole('radio', { name: 'Mono' }).click();
  await page.getByRole('radiogroup', { name: 'Translation check' }).getByRole('radio', { name: 'Phone speaker' }).click();
  await page.getByRole('radiogroup', { name: 'Listen to' }).getByRole('radio', { name: 'Mix' }).click();
  await page.getByLabel('Match loudness').check();

  const exported = await exportMaster(page);
  expect(exported.name).toBe('Demo song (master).wav');
  expect(exported.bytes.readUInt16LE(34)).toBe(24);
  const measured = await ffmpegMeasure(exported.file);
  expect(Math.abs(measured.integrated + 14)).toBeLessThanOrEqual(0.5);
  expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1.0);
  await expect(page.getByText(/QC: /)).toBeVisible();

  // The command line renders the same live master through the API: the same bytes.
  const created = await page.request.post('/api/tokens', { data: { name: 'master export test' }, headers: { origin: baseURL! } });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  const out = path.join(os.tmpdir(), `mixroom-cli-master-${Date.now()}.wav`);
  await run(process.execPath, ['dist/mixroom.mjs', 'render', '--url', baseURL!, '--token', token, '--project', projectId, '--out', out, '--master', '--format', 'wav24']);
  const cli = await fs.readFile(out);
  expect(cli.length).toBe(exported.bytes.length);
  expect(cli.equals(exported.bytes)).toBe(true);

  // Leave the demo as it was for the other specs.
  await targetSelect.selectOption('none');
  await expect(mastering.masterStatus()).toHaveText('Saved');
  await context.close();
});

test('a reviewer and a mixer see the master view change live and cannot change it; the controls say why', async ({ browser }) => {
  test.setTimeout(240_000);
  const mastering = await MixerPage.open(browser, 'mastering');
  const reviewer = await MixerPage.open(browser, 'reviewer');
  const mixer = await MixerPage.open(browser, 'mixer');
  await expect(mastering.masterRegion()).toBeVisible();
  await reviewer.showView('Master');
  await mixer.showView('Master');

  const ceiling = (p: MixerPage) => p.page.getByRole('slider', { name: 'Master limiter ceiling', exact: true });
  await expect(ceiling(mastering)).toBeEnabled();
  await ceiling(mastering).focus();
  await mastering.page.keyboard.press('ArrowDown');
  await mastering.page.keyboard.press('ArrowDown');
  await expect(ceiling(mastering)).toHaveAttribute('aria-valuenow', '-2');
  await mastering.page.getByRole('button', { name: 'Master limiter on' }).click();
  await expect(mastering.masterStatus()).toHaveText('Saved');

  const reasons = {
    reviewer: 'Read-only: reviewers listen and comment, they do not change the mix.',
    mixer: 'Read-only: the lead and mastering edit the master section.',
  } as const;
  for (const [who, other] of [['reviewer', reviewer], ['mixer', mixer]] as const) {
    // Live: the mastering engineer's edits arrive.
    await expect(ceiling(other)).toHaveAttribute('aria-valuenow', '-2');
    await expect(other.page.getByRole('button', { name: 'Master limiter on' })).toHaveAttribute('aria-pressed', 'true');
    // Read-only, and the controls say why (the same rule the server applies).
    await expect(ceiling(other)).toBeDisabled();
    await expect(ceiling(other)).toHaveAccessibleDescription(reasons[who]);
    await expect(other.page.getByLabel('Target', { exact: true })).toBeDisabled();
    await expect(other.page.getByRole('slider', { name: 'Master fader' })).toBeDisabled();
    await expect(other.page.getByRole('slider', { name: 'Master EQ Peak 1 gain' })).toBeDisabled();
    await expect(other.masterRegion().getByText(reasons[who])).toBeVisible();
    // Monitoring is theirs to use: it changes nothing anyone else hears.
    await other.page.getByRole('radiogroup', { name: 'Monitor channels' }).getByRole('radio', { name: 'Mono' }).click();
    await expect(other.page.getByRole('radiogroup', { name: 'Monitor channels' }).getByRole('radio', { name: 'Mono' })).toHaveAttribute('aria-checked', 'true');
  }
  await expect(mastering.page.getByRole('radiogroup', { name: 'Monitor channels' }).getByRole('radio', { name: 'Stereo' })).toHaveAttribute('aria-checked', 'true');

  // Put the master back as it was.
  await mastering.page.getByRole('button', { name: 'Master limiter on' }).click();
  await ceiling(mastering).focus();
  await mastering.page.keyboard.press('ArrowUp');
  await mastering.page.keyboard.press('ArrowUp');
  await expect(mastering.masterStatus()).toHaveText('Saved');
  for (const p of [mastering, reviewer, mixer]) await p.page.context().close();
});

test('the loudness meter shows the master live while playing, and Reset integration starts it over', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const mastering = await MixerPage.open(browser, 'mastering', context);
  const page = mastering.page;
  await mastering.waitForDemoSong();
  const integrated = page.getByRole('meter', { name: 'Master integrated loudness' });
  await expect(integrated).toHaveAttribute('aria-valuetext', 'no reading');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(integrated).toHaveAttribute('aria-valuetext', /LUFS/, { timeout: 20_000 });
  const value = Number(await integrated.getAttribute('aria-valuenow'));
  expect(value).toBeGreaterThan(-40);
  expect(value).toBeLessThan(0);
  await expect(page.getByRole('meter', { name: 'Master true peak' })).toHaveAttribute('aria-valuetext', /dBTP/);
  await expect(page.getByRole('meter', { name: 'Master phase correlation' })).not.toHaveAttribute('aria-valuenow', '0.00');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('button', { name: 'Reset integration' }).click();
  await expect(integrated).toHaveAttribute('aria-valuetext', 'no reading');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(integrated).toHaveAttribute('aria-valuetext', /LUFS/, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await context.close();
});

test('codec and platform preview: the master on the CD target (44.1 kHz in a 48 kHz project) through MP3 at 128 kbps and back, heard in place of the master; a platform gain', async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const mastering = await MixerPage.open(browser, 'mastering', context);
  const page = mastering.page;
  await mastering.waitForDemoSong();
  // The CD target renders at 44.1 kHz: the preview encodes it at that rate and plays it at the project's.
  const targetSelect = page.getByLabel('Target', { exact: true });
  await targetSelect.selectOption('cd');
  await expect(mastering.masterStatus()).toHaveText('Saved');
  // Without a loop region the preview takes 20 s from the playhead.
  await page.getByRole('group', { name: 'Codec preview' }).getByRole('button', { name: 'MP3 128' }).click();
  const status = page.locator('.monitor__codec');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 180_000 });
  await expect(status).toContainText(/true peak -?\d+\.\d dBTP/);
  const listen = page.getByRole('radiogroup', { name: 'Listen to' });
  await expect(listen.getByRole('radio', { name: 'MP3 128' })).toHaveAttribute('aria-checked', 'true');
  await listen.getByRole('radio', { name: 'Master' }).click();
  await expect(listen.getByRole('radio', { name: 'Master' })).toHaveAttribute('aria-checked', 'true');

  // Platform preview: with an analysis, each platform's playback gain is offered.
  const platform = page.getByLabel('Platform preview');
  await expect(platform).toBeEnabled();
  const options = await platform.locator('option').allTextContents();
  expect(options.some((o) => /^Spotify: -?\d+\.\d dB$/.test(o))).toBe(true);
  // Leave the demo as it was for the other specs.
  await targetSelect.selectOption('none');
  await expect(mastering.masterStatus()).toHaveText('Saved');
  await context.close();
});

test('reference tracks: the mastering engineer uploads one, hears it matched, sees its spectrum and applies the match EQ as one undoable edit', async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const mastering = await MixerPage.open(browser, 'mastering', context);
  const page = mastering.page;
  await mastering.waitForDemoSong();
  const panel = page.locator('.references');
  await page.getByLabel('Upload a reference track').setInputFiles({ name: 'Bright master.wav', mimeType: 'audio/wav', buffer: sineWav({ seconds: 12, hz: 6000, amplitude: 0.4 }) });
  const list = page.getByRole('list', { name: 'Reference tracks' });
  await expect(list.getByRole('button', { name: 'Bright master', exact: true })).toBeVisible({ timeout: 60_000 });
  // Kept apart from the stems: no new track appears.
  await expect(page.getByRole('region', { name: 'Timeline' }).getByRole('img', { name: 'Bright master waveform' })).toHaveCount(0);

  await list.getByRole('button', { name: 'Bright master', exact: true }).click();
  const hear = panel.getByRole('button', { name: 'Hear the reference' });
  await expect(hear).toBeEnabled({ timeout: 60_000 });
  await hear.click();
  await expect(page.getByRole('radiogroup', { name: 'Listen to' }).getByRole('radio', { name: 'Reference' })).toHaveAttribute('aria-checked', 'true');
  await expect(panel.getByText(/dB \(matched to the master\)/)).toBeVisible();

  // The master is analysed for its spectrum; then the match EQ is offered.
  const apply = panel.getByRole('button', { name: 'Apply match EQ' });
  await expect(apply).toBeEnabled({ timeout: 180_000 });
  const highShelf = page.getByRole('slider', { name: 'Master EQ high shelf gain', exact: true });
  await expect(highShelf).toHaveAttribute('aria-valuenow', '0');
  await apply.click();
  await expect(highShelf).not.toHaveAttribute('aria-valuenow', '0');
  await expect(page.getByRole('button', { name: 'Master EQ high shelf on' })).toHaveAttribute('aria-pressed', 'true');
  await expect(mastering.masterStatus()).toHaveText('Saved');
  // One edit: one undo takes all of it back.
  await page.keyboard.press('Control+z');
  await expect(highShelf).toHaveAttribute('aria-valuenow', '0');
  await expect(page.getByRole('button', { name: 'Master EQ high shelf on' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: 'Master EQ low shelf on' })).toHaveAttribute('aria-pressed', 'false');
  await expect(mastering.masterStatus()).toHaveText('Saved');

  await list.getByRole('button', { name: 'Delete reference Bright master' }).click();
  await expect(list).toHaveCount(0);
  await context.close();
});

test('a mastering-only project: made from one stereo mix, it opens in the master view and exports a FLAC master on its target', async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await new AuthPage(page).signIn(demoLogins().mastering);
  const name = `Remaster ${Date.now()}`;
  await page.getByLabel('Project name').fill(name);
  // A mono file: refused in words, and no project is made (one request: the project and its mix, or nothing).
  const mixInput = page.getByLabel('Mastering only: start from one stereo mix (optional)');
  await mixInput.setInputFiles({ name: 'Mono bounce.wav', mimeType: 'audio/wav', buffer: sineWav({ seconds: 2, channels: 1 }) });
  await page.getByRole('button', { name: 'Create mastering project' }).click();
  await expect(page.getByText(/No project was created\. A mastering-only project is made from one stereo mix: this file has 1 channel/)).toBeVisible({ timeout: 60_000 });
  expect(((await (await page.request.get('/api/projects')).json()) as { projects: Array<{ name: string }> }).projects.map((p) => p.name)).not.toContain(name);
  await mixInput.setInputFiles({
    name: 'Old record.wav',
    mimeType: 'audio/wav',
    buffer: sineWav({ seconds: 20, hz: 220, amplitude: 0.25 }),
  });
  await page.getByRole('button', { name: 'Create mastering project' }).click();
  const mastering = new MixerPage(page);
  await expect(mastering.masterRegion()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('tab', { name: 'Master', exact: true })).toHaveAttribute('aria-selected', 'true');
  // The mix is the project's only source.
  await expect(page.getByRole('region', { name: 'Timeline' }).getByRole('img', { name: /waveform$/ })).toHaveCount(1);
  await expect(page.getByRole('img', { name: 'Old record waveform' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Audio status' })).toContainText('Space plays', { timeout: 60_000 });

  // Its track list is fixed (SPEC M1): the mixer offers no Add stems and no way to delete the track.
  await expect(page.getByRole('button', { name: /Add stems/ })).toHaveCount(0);

  await page.getByLabel('Target', { exact: true }).selectOption('spotify');
  await expect(mastering.masterStatus()).toHaveText('Saved');
  await page.getByLabel('Master export format').selectOption('flac');
  const exported = await exportMaster(page);
  expect(exported.name).toBe(`${name} (master).flac`);
  const measured = await ffmpegMeasure(exported.file);
  expect(Math.abs(measured.integrated + 14)).toBeLessThanOrEqual(0.5);
  expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1.0);
  await context.close();
});

test('exporting a master that cannot meet its target asks first and says why; the QC findings are listed', async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await new AuthPage(page).signIn(demoLogins().mastering);
  await page.getByLabel('Project name').fill(`Too loud ${Date.now()}`);
  await page.getByLabel('Mastering only: start from one stereo mix (optional)').setInputFiles({
    name: 'Quiet mix.wav',
    mimeType: 'audio/wav',
    buffer: sineWav({ seconds: 12, hz: 330, amplitude: 0.2 }),
  });
  await page.getByRole('button', { name: 'Create mastering project' }).click();
  const mastering = new MixerPage(page);
  await expect(mastering.masterRegion()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('status', { name: 'Audio status' })).toContainText('Space plays', { timeout: 60_000 });
  // A custom target that no limiter can reach: -5 LUFS under a -12 dBTP ceiling.
  await page.getByLabel('Target', { exact: true }).selectOption('custom');
  const lufs = page.getByRole('slider', { name: 'Custom target loudness' });
  await lufs.focus();
  await page.keyboard.press('End');
  const ceiling = page.getByRole('slider', { name: 'Custom target ceiling' });
  await ceiling.focus();
  await page.keyboard.press('Home');
  await expect(mastering.masterStatus()).toHaveText('Saved');
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Export master', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'The master fails its target' });
  await expect(confirm).toBeVisible({ timeout: 150_000 });
  await expect(confirm).toContainText('misses the Custom target of -5 LUFS');
  expect(downloads).toBe(0);
  await confirm.getByRole('button', { name: 'Don’t download' }).click();
  await expect(confirm).toBeHidden();
  expect(downloads).toBe(0);
  await page.getByRole('button', { name: 'Export master', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('alertdialog', { name: 'The master fails its target' }).getByRole('button', { name: 'Download anyway' }).click({ timeout: 150_000 });
  expect((await download).suggestedFilename()).toMatch(/\(master\)\.wav$/);
  await page.getByText(/^QC: \d+ finding/).click();
  await expect(page.getByRole('list', { name: 'Quality report of the export' })).toContainText('misses the Custom target');
  await context.close();
});
