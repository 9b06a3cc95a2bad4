/**
 * Node side of the browser rows: bundles `page.ts` with esbuild, starts Debian's Chromium
 * through Playwright with networking cut off, and loads the bundle into a blank page.
 */
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import type { MixSnapshot } from '../../lib/doc/read-mix';
import type { PageRun } from './native-graph';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

type Bench = typeof import('./page');
declare const mixroomBench: Bench;

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./page.ts', import.meta.url))],
    bundle: true, format: 'iife', globalName: 'mixroomBench', platform: 'browser', target: 'chrome120',
    write: false, logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

export class BenchPage {
  private constructor(private readonly browser: Browser, private readonly page: Page) {}

  static async open(): Promise<BenchPage> {
    const script = await bundle();
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.route('**/*', (route) => route.abort()); // no network
      await page.setContent('<!doctype html><title>render bench</title>');
      await page.addScriptTag({ content: script });
      await page.evaluate(() => mixroomBench.prepare());
      return new BenchPage(browser, page);
    } catch (error) {
      await browser.close();
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

  close(): Promise<void> {
    return this.browser.close();
  }
}
