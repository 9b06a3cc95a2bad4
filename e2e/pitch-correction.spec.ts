import { expect, type Page, test } from '@playwright/test';
import { PitchDetector } from '../lib/dsp/pitch-detector';
import { MixerPage, newContext, TimelinePage } from './mixer-page';
import { screenshot as shot } from './page-probes';
import { sungWav } from './wav';

const RATE = 48_000;
const DETUNED = 'e2e-detuned';

/**
 * Before any page script: keeps a copy of every pitch-corrected stem the page hands to the engine
 * worklet (`window.__pitchStems`, by copy id), and taps the worklet's mix output (output 0, what
 * goes to the speakers) with a ScriptProcessor that records its left channel while
 * `window.__capture.on` is set.
 */
const CAPTURE = `(() => {
  window.__pitchStems = {};
  window.__capture = { on: false, chunks: [] };
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (message) {
    if (message && message.type === 'stem' && String(message.stemId).includes('#pitch:')) window.__pitchStems[message.stemId] = message.channels[0].slice();
    return post.apply(this, arguments);
  };
  const connect = AudioNode.prototype.connect;
  AudioNode.prototype.connect = function (dest, output) {
    if (this instanceof AudioWorkletNode && (output ?? 0) === 0 && !this.__tapped) {
      this.__tapped = true;
      const tap = this.context.createScriptProcessor(4096, 2, 1);
      tap.onaudioprocess = (e) => { if (window.__capture.on) window.__capture.chunks.push(e.inputBuffer.getChannelData(0).slice()); };
      connect.call(this, tap, 0);
      connect.call(tap, this.context.destination);
    }
    return connect.apply(this, arguments);
  };
})();`;

/** The median detected pitch of `x` in cents from A4 (lib/dsp's YIN), over its voiced estimates. */
function centsFromA4(x: Float32Array): number {
  const track = new PitchDetector({ minHz: 200, maxHz: 1000 }).detect(x, RATE);
  const cents = [...track.hz].filter((hz) => hz > 0).map((hz) => 1200 * Math.log2(hz / 440));
  expect(cents.length).toBeGreaterThan(50);
  cents.sort((a, b) => a - b);
  return cents[Math.floor(cents.length / 2)];
}

/** The middle `seconds` of the sounding part of `x` (above -40 dBFS). */
function middleOfSound(x: Float32Array, seconds: number): Float32Array {
  let first = 0;
  let last = x.length - 1;
  while (first < x.length && Math.abs(x[first]) < 0.01) first++;
  while (last > first && Math.abs(x[last]) < 0.01) last--;
  const length = Math.round(seconds * RATE);
  expect(last - first).toBeGreaterThan(length);
  const from = Math.round((first + last - length) / 2);
  return x.slice(from, from + length);
}

/** Plays the (soloed) timeline from the start for about `seconds` and returns what the worklet put out. */
async function playAndCapture(page: Page, seconds: number): Promise<Float32Array> {
  await page.getByRole('button', { name: 'Return to start' }).click();
  await page.evaluate(() => {
    const w = window as unknown as { __capture: { on: boolean; chunks: Float32Array[] } };
    w.__capture.chunks = [];
    w.__capture.on = true;
  });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => Number(await page.getByTestId('transport-position').getAttribute('data-sec')), { timeout: 30_000 }).toBeGreaterThan(seconds);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const samples = await page.evaluate(() => {
    const w = window as unknown as { __capture: { on: boolean; chunks: Float32Array[] } };
    w.__capture.on = false;
    return w.__capture.chunks.flatMap((c) => Array.from(c));
  });
  return Float32Array.from(samples);
}

test('pitch correction in the browser: a stem sung 40 cents sharp plays within 5 cents of A4; the demo voice tuned to A minor shows its progress and pitch view', async ({ browser }) => {
  test.setTimeout(420_000);
  const context = await newContext(browser);
  await context.addInitScript(CAPTURE);
  const lead = await MixerPage.open(browser, 'lead', context);
  const page = lead.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  await lead.waitForDemoSong();
  const timeline = new TimelinePage(page);

  await test.step('a stem 40 cents sharp, tuned to A minor: the worklet gets the corrected copy and plays it', async () => {
    await timeline.dropFiles([{ name: `${DETUNED}.wav`, buffer: sungWav({ seconds: 4, hz: 440 * 2 ** (40 / 1200) }) }]);
    await expect(timeline.waveform(DETUNED)).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
    await expect(page.getByRole('status', { name: 'Audio status' })).toContainText('Space plays', { timeout: 60_000 });
    await page.getByRole('button', { name: `${DETUNED} solo`, exact: true }).click();

    const sharp = centsFromA4(middleOfSound(await playAndCapture(page, 3.5), 1.5));
    expect(Math.abs(sharp - 40)).toBeLessThan(5);

    await lead.strip(DETUNED).getByRole('button', { name: `Edit ${DETUNED} EQ` }).click();
    const inserts = page.getByRole('region', { name: `${DETUNED} inserts` });
    await inserts.getByRole('combobox', { name: `${DETUNED} insert to add` }).selectOption('pitch');
    await inserts.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(inserts.getByRole('combobox', { name: `${DETUNED} insert 1 Pitch correction key` })).toHaveValue('9');
    await expect(inserts.getByRole('combobox', { name: `${DETUNED} insert 1 Pitch correction scale` })).toHaveValue('minor');
    await expect(inserts.getByRole('status', { name: `${DETUNED} pitch correction` })).toHaveText('Tuned to A minor', { timeout: 60_000 });

    const handed = await page.evaluate(() => {
      const stems = (window as unknown as { __pitchStems: Record<string, Float32Array> }).__pitchStems;
      return Object.entries(stems).map(([id, x]) => ({ id, samples: Array.from(x) }));
    });
    expect(handed).toHaveLength(1);
    expect(handed[0].id).toMatch(/#pitch:9:minor:20:0$/);
    expect(handed[0].samples).toHaveLength(4 * RATE);
    expect(Math.abs(centsFromA4(middleOfSound(Float32Array.from(handed[0].samples), 2)))).toBeLessThan(5);

    const played = centsFromA4(middleOfSound(await playAndCapture(page, 3.5), 1.5));
    expect(Math.abs(played)).toBeLessThan(5);
    await expect(page.getByRole('img', { name: `${DETUNED} pitch, detected (grey) and corrected` })).toBeVisible();
    await timeline.waveform(DETUNED).scrollIntoViewIfNeeded();
    await shot(page, 'pitch-1-detuned-stem-tuned.png');

    // Leave the demo as it was for the other specs.
    await page.getByRole('button', { name: `${DETUNED} solo`, exact: true }).click();
    await lead.strip(DETUNED).getByRole('button', { name: `Delete ${DETUNED}` }).click();
    await page.getByRole('dialog', { name: `Delete ${DETUNED}?` }).getByRole('button', { name: 'Delete' }).click();
    await expect(timeline.waveform(DETUNED)).toHaveCount(0);
  });

  await test.step('the demo voice tuned to A minor: progress while the worker corrects it, then both pitch curves over its waveform', async () => {
    await lead.strip('Voice').getByRole('button', { name: 'Edit Voice EQ' }).click();
    const inserts = page.getByRole('region', { name: 'Voice inserts' });
    await inserts.getByRole('combobox', { name: 'Voice insert to add' }).selectOption('pitch');
    await inserts.getByRole('button', { name: 'Add', exact: true }).click();
    const progress = page.getByRole('progressbar', { name: 'Voice pitch correction' });
    await expect(progress.first()).toBeVisible();
    await timeline.waveform('Voice').scrollIntoViewIfNeeded();
    await inserts.getByRole('combobox', { name: 'Voice insert 1 Pitch correction scale' }).scrollIntoViewIfNeeded();
    await shot(page, 'pitch-2-voice-progress.png');
    await expect(inserts.getByRole('status', { name: 'Voice pitch correction' })).toHaveText('Tuned to A minor', { timeout: 240_000 });
    await expect(progress).toHaveCount(0);

    const view = page.getByRole('img', { name: 'Voice pitch, detected (grey) and corrected' });
    await expect(view).toBeVisible();
    // The voice comes in at bar 17 (40 s); the whole song is on screen, so both curves have points.
    for (const curve of ['pitch-view__detected', 'pitch-view__corrected']) {
      const d = await view.locator(`path.${curve}`).getAttribute('d');
      expect((d ?? '').split(/[ML]/).length).toBeGreaterThan(50);
    }
    await inserts.getByRole('status', { name: 'Voice pitch correction' }).scrollIntoViewIfNeeded();
    await shot(page, 'pitch-3-voice-tuned.png');

    await inserts.getByRole('button', { name: 'Remove Voice insert 1 Pitch correction' }).click();
    await expect(view).toHaveCount(0);
  });
  await context.close();
});
