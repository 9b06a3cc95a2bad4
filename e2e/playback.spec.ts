import { expect, test } from '@playwright/test';
import { MixerPage, newContext } from './mixer-page';
import { loudest } from './page-probes';

/**
 * Records the Web Audio graph the page builds: every node-to-node connection (AudioParam
 * connections carry no audio to the speakers and are left out), the kind of each node, and every
 * AudioContext with its rate. Disconnections are not removed, so the edges are a superset.
 */
const RECORD_GRAPH = `(() => {
  const ids = new WeakMap(); const kinds = {}; const edges = []; const contexts = []; let next = 0;
  const id = (node) => { if (!ids.has(node)) { ids.set(node, ++next); kinds[next] = node.constructor.name; } return ids.get(node); };
  const connect = AudioNode.prototype.connect;
  AudioNode.prototype.connect = function (dest, output, input) {
    if (dest instanceof AudioNode) edges.push([id(this), id(dest), output ?? 0]);
    return connect.apply(this, arguments);
  };
  const Native = window.AudioContext;
  window.AudioContext = class extends Native { constructor(...args) { super(...args); contexts.push(this); } };
  window.__audioGraph = () => ({ kinds, edges, destinations: contexts.map((c) => id(c.destination)), rates: contexts.map((c) => c.sampleRate), states: contexts.map((c) => c.state) });
})();`;

interface AudioGraph {
  kinds: Record<number, string>;
  edges: Array<[from: number, to: number, output: number]>;
  destinations: number[];
  rates: number[];
  states: AudioContextState[];
}

/** The nodes with no input among everything upstream of the open contexts' destinations, with the outputs used. */
function sourcesFeeding(graph: AudioGraph): Array<{ kind: string; outputs: number[] }> {
  const upstream = new Set<number>(graph.destinations.filter((_, k) => graph.states[k] !== 'closed'));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [from, to] of graph.edges) if (upstream.has(to) && !upstream.has(from)) grew = upstream.add(from).size > 0;
  }
  const hasInput = new Set(graph.edges.map(([, to]) => to));
  return [...upstream]
    .filter((node) => !hasInput.has(node))
    .map((node) => ({
      kind: graph.kinds[node],
      outputs: [...new Set(graph.edges.filter(([from, to]) => from === node && upstream.has(to)).map(([, , output]) => output))],
    }));
}

test('plays the demo through the engine worklet; meters follow the fader, mute and a collaborator', async ({ browser }) => {
  test.setTimeout(180_000); // two people, six stems each, on a 2-core machine
  const context = await newContext(browser);
  await context.addInitScript(RECORD_GRAPH);
  const lead = await MixerPage.open(browser, 'lead', context);
  const page = lead.page;
  await lead.waitForDemoSong();

  const bassMeter = page.getByRole('meter', { name: 'Bass level', exact: true });
  const masterMeter = page.getByRole('meter', { name: 'Master level', exact: true });
  await expect(bassMeter).toHaveAttribute('data-level-db', '-inf');

  await page.locator('body').press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('transport-position').getAttribute('data-sec'))).toBeGreaterThan(0.3);
  await expect.poll(() => loudest(page, bassMeter, 500)).toBeGreaterThan(-40);
  // The demo's melodic stems send to its Reverb bus: the return strip's meter moves too.
  await expect.poll(() => loudest(page, page.getByRole('meter', { name: 'Reverb bus level', exact: true }), 500)).toBeGreaterThan(-60);

  // Only the engine's worklet feeds the speakers, from its mix output; the context runs at the project rate.
  const graph = (await page.evaluate('window.__audioGraph()')) as AudioGraph;
  // Importing Tone.js makes its default context (at the device rate), which setContext closes at once.
  expect(graph.rates.filter((_, k) => graph.states[k] !== 'closed')).toEqual([48000]);
  expect(sourcesFeeding(graph)).toEqual([{ kind: 'AudioWorkletNode', outputs: [0] }]);

  // Solo the bass: the master then carries the bass alone, and both meters follow its fader.
  await page.getByRole('button', { name: 'Bass solo', exact: true }).click();
  const bassBefore = await loudest(page, bassMeter);
  const masterBefore = await loudest(page, masterMeter);
  expect(masterBefore).toBeGreaterThan(-40);
  await lead.pressOnFader('Bass', 'PageDown');
  await lead.pressOnFader('Bass', 'PageDown');
  await page.waitForTimeout(1000); // the meters fall at 20 dB/s
  expect(await loudest(page, bassMeter)).toBeLessThan(bassBefore - 8);
  expect(await loudest(page, masterMeter)).toBeLessThan(masterBefore - 8);

  // A collaborator (the demo mixer is assigned the bass) raises it again: the lead hears it.
  const mixer = await MixerPage.open(browser, 'mixer');
  await mixer.pressOnFader('Bass', 'PageUp');
  await mixer.pressOnFader('Bass', 'PageUp');
  await expect.poll(() => loudest(page, bassMeter, 800), { timeout: 15_000 }).toBeGreaterThan(bassBefore - 3);
  await mixer.page.context().close();

  // Muted, the strip's meter falls to silence. With the bass soloed the master then carries only
  // what is left of the reverb's tail (buses stay audible under a track solo): off the scale.
  await page.getByRole('button', { name: 'Bass mute', exact: true }).click();
  await expect(bassMeter).toHaveAttribute('data-level-db', '-inf', { timeout: 10_000 });
  await expect(masterMeter).toHaveAttribute('aria-valuenow', '-60', { timeout: 10_000 });

  // Leave the demo as it was for the other specs.
  await page.getByRole('button', { name: 'Bass mute', exact: true }).click();
  await page.getByRole('button', { name: 'Bass solo', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await context.close();
});

test('a stem that cannot be loaded is named with the reason, and Retry loads it', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await newContext(browser);
  // The first request for stem audio fails; the others pass.
  let failed = false;
  await context.route('**/api/stems/*/audio', async (route) => {
    if (failed) return route.continue();
    failed = true;
    await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'disk on fire' } }) });
  });
  const lead = await MixerPage.open(browser, 'lead', context);
  const status = lead.page.getByRole('status', { name: 'Audio status' });
  await expect(status).toContainText('1 stem could not be loaded: the server answered 500: disk on fire', { timeout: 60_000 });
  await lead.page.getByRole('button', { name: 'Retry', exact: true }).click();
  await lead.waitForDemoSong();
  await context.close();
});
