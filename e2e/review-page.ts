import { type Browser, type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import { AuthPage, demoLogins } from './fixtures';
import { newContext } from './mixer-page';

/** Page object of a revision's page (app/(studio)/projects/[projectId]/review). */
export class ReviewPage {
  constructor(readonly page: Page) {}

  /** Signs a demo user in (in a new context unless one is given) and opens a revision page by its path. */
  static async open(browser: Browser, role: string, path: string, context?: BrowserContext): Promise<ReviewPage> {
    const page = await (context ?? (await newContext(browser))).newPage();
    await new AuthPage(page).signIn(demoLogins()[role]);
    await page.goto(path);
    const review = new ReviewPage(page);
    await expect(review.seek()).toBeVisible();
    return review;
  }

  main() {
    return this.page.getByRole('region', { name: /^Revision \d+$/ });
  }
  /** The page's own player's seek bar (the Compare section may show a second revision's). */
  seek() {
    return this.page.locator('.review__player').getByRole('slider', { name: /^Seek revision \d+$/ });
  }
  async playheadSec(): Promise<number> {
    return Number(await this.seek().inputValue());
  }
  threads() {
    return this.page.getByRole('list', { name: 'Threads' });
  }
  /** The thread whose first comment has this text. */
  thread(text: string | RegExp): Locator {
    return this.threads().getByRole('listitem').filter({ has: this.page.locator('.comment--root', { hasText: text }) });
  }
  /** The pins under the waveform, named "Comment by <who> at <time>[ on <track>]: <text>". */
  pin(name: string | RegExp): Locator {
    return this.main().getByRole('button', { name });
  }
  composer() {
    return this.page.getByRole('form', { name: 'New comment' });
  }
  workflow() {
    return this.page.getByRole('complementary', { name: 'Review' }).getByRole('region', { name: 'Workflow' });
  }

  /** Presses C (comment at the playhead), picks the track and posts the text. */
  async commentAtPlayhead(body: string, track?: string): Promise<void> {
    await this.seek().focus();
    await this.page.keyboard.press('c');
    await expect(this.composer()).toBeVisible();
    if (track) await this.composer().getByLabel('On').selectOption({ label: track });
    await this.composer().getByLabel('Comment').fill(body);
    await this.composer().getByRole('button', { name: 'Post comment' }).click();
    await expect(this.composer()).toBeHidden();
  }
}
