import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { AuthPage, demoLogins } from './fixtures';

export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 } });
}

/** Page object of the live mixer of the demo project, for the presence and offline specs. */
export class MixerPage {
  constructor(readonly page: Page) {}

  /** Signs a demo user in (in a new context unless one is given) and opens "Demo song". */
  static async open(browser: Browser, role: string, context?: BrowserContext): Promise<MixerPage> {
    const page = await (context ?? (await newContext(browser))).newPage();
    await new AuthPage(page).signIn(demoLogins()[role]);
    await page.getByRole('link', { name: 'Demo song' }).click();
    const mixer = new MixerPage(page);
    await expect(mixer.region()).toBeVisible();
    return mixer;
  }

  region() {
    return this.page.getByRole('region', { name: 'Mixer' });
  }
  strip(track: string) {
    return this.page.getByRole('group', { name: `${track} strip` });
  }
  fader(track: string) {
    return this.page.getByRole('slider', { name: `${track} fader` });
  }
  pan(track: string) {
    return this.page.getByRole('slider', { name: `${track} pan` });
  }
  /** Saving… / Saved / Offline / Connecting… */
  status() {
    return this.region().getByRole('status').and(this.page.locator('.mixer-status'));
  }
  peopleHere() {
    return this.page.getByRole('list', { name: 'People here' });
  }
  refusedNotice() {
    return this.page.getByText('Change refused');
  }

  async addTrack(name: string) {
    await this.page.getByLabel('Track name').fill(name);
    await this.page.getByRole('button', { name: 'Add track' }).click();
    await expect(this.fader(name)).toBeVisible();
  }

  async assign(track: string, member: string, on: boolean) {
    await this.page.getByRole('button', { name: `Assign ${track}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Assign ${track}` });
    await dialog.getByRole('checkbox', { name: member }).setChecked(on);
    await dialog.getByRole('button', { name: 'Done' }).click();
  }

  /** Moves a fader by keyboard (PageDown: -6 dB from 0 dB). */
  async pressOnFader(track: string, key: string) {
    await this.fader(track).focus();
    await this.page.keyboard.press(key);
  }
}

/**
 * Stands between a context's pages and the sync server: while blocked, every new sync WebSocket
 * is closed at once (code 3000: not one of the server's codes, so the client keeps retrying), as
 * if the server were unreachable; otherwise sockets pass through to the server untouched.
 * Needed because Chromium's offline emulation (`context.setOffline`) leaves WebSockets alone.
 */
export class SyncGate {
  private blocked = false;

  private constructor() {}

  static async install(context: BrowserContext): Promise<SyncGate> {
    const gate = new SyncGate();
    await context.routeWebSocket(/\/sync\//, (ws) => {
      if (gate.blocked) ws.close({ code: 3000, reason: 'sync server unreachable (simulated)' });
      else ws.connectToServer();
    });
    return gate;
  }

  block(): void {
    this.blocked = true;
  }

  unblock(): void {
    this.blocked = false;
  }
}
