import { type Browser, type BrowserContext, expect, type Locator, type Page, type WebSocketRoute } from '@playwright/test';
import { AuthPage, demoLogins } from './fixtures';

export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 } });
}

/** The demo song's tracks (server/demo/demo-song.ts), in the order it adds them. */
export const DEMO_TRACKS = ['Drums', 'Bass', 'Keys', 'Pad', 'Lead', 'Voice'] as const;

/** Page object of the live mixer of the demo project, for the presence and offline specs. */
export class MixerPage {
  constructor(readonly page: Page) {}

  /** Signs a demo user in (in a new context unless one is given) and opens "Demo song". */
  static async open(browser: Browser, role: string, context?: BrowserContext): Promise<MixerPage> {
    const page = await (context ?? (await newContext(browser))).newPage();
    await new AuthPage(page).signIn(demoLogins()[role]);
    await page.getByRole('link', { name: 'Demo song' }).click();
    const mixer = new MixerPage(page);
    // The mastering engineer lands on the master view, everyone else on the mixer.
    await expect(mixer.region().or(mixer.masterRegion())).toBeVisible();
    return mixer;
  }

  region() {
    return this.page.getByRole('region', { name: 'Mixer' });
  }
  /** The master view, in place of the console (the View tabs switch between them). */
  masterRegion() {
    return this.page.getByRole('region', { name: 'Master section' });
  }
  /** Saving… / Saved / ... in the master view's head. */
  masterStatus() {
    return this.masterRegion().getByRole('status').and(this.page.locator('.mixer-status'));
  }
  async showView(view: 'Mixer' | 'Master') {
    await this.page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: view, exact: true }).click();
    await expect(view === 'Mixer' ? this.region() : this.masterRegion()).toBeVisible();
  }
  strip(track: string) {
    return this.page.getByRole('group', { name: `${track} strip`, exact: true });
  }
  fader(track: string) {
    return this.page.getByRole('slider', { name: `${track} fader`, exact: true });
  }
  pan(track: string) {
    return this.page.getByRole('slider', { name: `${track} pan`, exact: true });
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

  /**
   * Waits until the whole demo song is there and every stem of it is in the audio engine. On a
   * fresh server the song is still being ingested for a while: its tracks appear one by one.
   */
  async waitForDemoSong() {
    // Each track has a waveform on the timeline (the console's strips are hidden in the master view).
    const waveform = (track: string) => this.page.getByRole('region', { name: 'Timeline' }).getByRole('img', { name: `${track} waveform`, exact: true });
    for (const track of DEMO_TRACKS) await expect(waveform(track)).toBeAttached({ timeout: 60_000 });
    await expect(this.page.getByRole('status', { name: 'Audio status' })).toContainText('Space plays', { timeout: 60_000 });
  }

  /** Moves a fader by keyboard (PageDown: -6 dB from 0 dB). */
  async pressOnFader(track: string, key: string) {
    await this.fader(track).focus();
    await this.page.keyboard.press(key);
  }
}

export interface DroppedFile {
  name: string;
  buffer: Buffer;
  /** @default 'audio/wav' */
  mimeType?: string;
}

/** Page object of the timeline above the console: lanes, waveforms, uploads. */
export class TimelinePage {
  constructor(readonly page: Page) {}

  region() {
    return this.page.getByRole('region', { name: 'Timeline' });
  }
  lanes() {
    return this.region().getByRole('group', { name: 'Lanes' });
  }
  waveform(track: string) {
    return this.region().getByRole('img', { name: `${track} waveform`, exact: true });
  }
  progress(fileName: string) {
    return this.page.getByRole('progressbar', { name: `Upload ${fileName}`, exact: true });
  }
  cancelButton(fileName: string) {
    return this.page.getByRole('button', { name: `Cancel ${fileName}`, exact: true });
  }
  dropZone() {
    return this.region().getByText('Drop to add new tracks');
  }

  /** Drags files over the timeline (or `target` inside it) and drops them, as a file manager would. */
  async dropFiles(files: DroppedFile[], target: Locator = this.lanes()): Promise<void> {
    const specs = files.map((f) => ({ name: f.name, base64: f.buffer.toString('base64'), type: f.mimeType ?? 'audio/wav' }));
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      return dt;
    }, specs);
    await target.dispatchEvent('dragenter', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await expect(this.dropZone()).toBeVisible();
    await target.dispatchEvent('drop', { dataTransfer });
    await expect(this.dropZone()).toBeHidden();
    await dataTransfer.dispose();
  }

  /** The "Add stems…" file picker's input, filled directly. */
  async pickFiles(files: DroppedFile[]): Promise<void> {
    await this.region()
      .getByLabel('Stem files')
      .setInputFiles(files.map((f) => ({ name: f.name, mimeType: f.mimeType ?? 'audio/wav', buffer: f.buffer })));
  }
}

/**
 * Stands between a context's pages and the sync server: while blocked, every new sync WebSocket
 * is closed at once (code 3000: not one of the server's codes, so the client keeps retrying), as
 * if the server were unreachable; otherwise sockets pass through to the server untouched.
 * Needed because Chromium's offline emulation (`context.setOffline`) leaves WebSockets alone.
 */
export class SyncGate {
  private refusal: { code: number; reason: string } | null = null;
  private readonly open = new Set<WebSocketRoute>();

  private constructor() {}

  static async install(context: BrowserContext): Promise<SyncGate> {
    const gate = new SyncGate();
    await context.routeWebSocket(/\/sync\//, (ws) => {
      if (gate.refusal) return ws.close(gate.refusal);
      ws.connectToServer();
      gate.open.add(ws);
      ws.onClose(() => gate.open.delete(ws));
    });
    return gate;
  }

  /** Closes every new sync socket at once, as an unreachable server (or with the server's `code`). */
  block(code = 3000, reason = 'sync server unreachable (simulated)'): void {
    this.refusal = { code, reason };
  }

  /** Closes the open sync sockets from the server's side, with `code`. */
  async closeOpen(code: number, reason: string): Promise<void> {
    await Promise.all([...this.open].map((ws) => ws.close({ code, reason })));
  }

  unblock(): void {
    this.refusal = null;
  }
}
