/**
 * Node side of the browser rows: bundles `page.ts` and the engine bundle with esbuild, starts
 * Debian's Chromium through Playwright with networking cut off, and opens a blank page on
 * http://127.0.0.1 (a secure context, which `audioWorklet` needs). A small HTTP server on 127.0.0.1
 * serves the page and the engine bundle: Playwright's `page.route` never sees the request of
 * `audioWorklet.addModule` (Chromium 156, Playwright 1.65), so it cannot fulfil it. Every request
 * to another origin is aborted.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, type BuildOptions } from 'esbuild';
import type { MixSnapshot } from '../../lib/doc/read-mix';
import type { PageRun } from './native-graph';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const ENGINE_PATH = '/engine/mixroom-engine.js';

type Bench = typeof import('./page');
declare const mixroomBench: Bench;

async function bundle(entry: string, options: Pick<BuildOptions, 'globalName' | 'target' | 'minify'>): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'warning', ...options,
  });
  return result.outputFiles[0].text;
}

/** Serves the blank page at `/` and the engine bundle at `ENGINE_PATH` on 127.0.0.1, port 0. */
async function serve(engine: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const body = req.url === '/' ? '<!doctype html><title>render bench</title>' : req.url === ENGINE_PATH ? engine : null;
    if (body === null) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': req.url === '/' ? 'text/html' : 'text/javascript' }).end(body);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export class BenchPage {
  private constructor(private readonly browser: Browser, private readonly page: Page, private readonly server: Server) {}

  static async open(): Promise<BenchPage> {
    const script = await bundle('./page.ts', { globalName: 'mixroomBench', target: 'chrome120' });
    // As `npm run build:engine` builds public/engine/mixroom-engine.js, but from the current source.
    const engine = await bundle('../../lib/audio/engine/engine-bundle.ts', { target: 'es2022', minify: true });
    const { server, origin } = await serve(engine);
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
      const page = await browser.newPage();
      await page.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
      await page.goto(`${origin}/`);
      await page.addScriptTag({ content: script });
      if (!(await page.evaluate(() => mixroomBench.hasAudioWorklet()))) throw new Error(`${origin} is not a secure context with audioWorklet`);
      await page.evaluate(() => mixroomBench.prepare());
      return new BenchPage(browser, page, server);
    } catch (error) {
      await browser?.close();
      server.close();
      throw error;
    }
  }

  get version(): string {
    return this.browser.version();
  }

  native(): Promise<PageRun> {
    return this.page.evaluate(() => mixroomBench.renderNative());
  }

  engine(snapshot: MixSnapshot): Promise<PageRun> {
    return this.page.evaluate((s) => mixroomBench.renderEngine(s), snapshot);
  }

  worklet(snapshot: MixSnapshot): Promise<PageRun> {
    return this.page.evaluate(([url, s]) => mixroomBench.renderWorklet(url, s), [ENGINE_PATH, snapshot] as const);
  }

  /** The last worklet render (left, right), fetched outside any timed section. */
  async workletOutput(): Promise<[Float32Array, Float32Array]> {
    const channel = async (c: number) => {
      const bytes = Buffer.from(await this.page.evaluate((i) => mixroomBench.workletOutput(i), c), 'base64');
      return new Float32Array(Uint8Array.from(bytes).buffer); // copied: a Buffer's offset need not be 4-aligned
    };
    return [await channel(0), await channel(1)];
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
