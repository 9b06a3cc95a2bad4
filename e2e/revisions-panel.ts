import { expect, type Locator, type Page } from '@playwright/test';

/** Page object of the studio's revisions panel (app/(studio)/projects/[projectId]/revisions). */
export class RevisionsPanel {
  constructor(readonly page: Page) {}

  toggle() {
    return this.page.getByRole('button', { name: 'Revisions', exact: true });
  }
  region() {
    return this.page.getByRole('complementary', { name: 'Revisions and activity' });
  }
  list() {
    return this.region().getByRole('list', { name: 'Revisions' });
  }
  /** The revision with this title (titles are unique within a spec run). */
  revision(title: string): Locator {
    return this.list().getByRole('article').filter({ hasText: title });
  }
  status() {
    return this.region().getByRole('status').filter({ hasText: /is ready|Render cancelled|Rendering|Loading the stems|Uploading|measuring|Publishing/ });
  }
  progress() {
    return this.region().getByRole('progressbar', { name: 'Publish progress' });
  }

  async open(): Promise<void> {
    if ((await this.toggle().getAttribute('aria-expanded')) !== 'true') await this.toggle().click();
    await expect(this.region()).toBeVisible();
    await this.region().getByRole('tab', { name: 'Revisions' }).click();
  }

  /** Opens the publish dialog, publishes with this title and waits for the render to start. */
  async startPublish(title: string, kind?: 'Mix' | 'Master'): Promise<void> {
    await this.region().getByRole('button', { name: 'Publish…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Publish a revision' });
    if (kind) await dialog.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByLabel('Notes').fill(`Notes of ${title}`);
    await dialog.getByRole('button', { name: /^Publish (mix|master)$/ }).click();
    await expect(dialog).toBeHidden();
  }

  /** The diff of a revision: opens it, picks what to compare with, and returns its region. */
  async changes(item: Locator, number: number, withWhat = 'the live mix'): Promise<Locator> {
    const toggle = item.getByRole('button', { name: 'Changes', exact: true });
    if (await toggle.isVisible()) await toggle.click();
    await item.getByLabel('Compare with').selectOption({ label: withWhat });
    return item.getByRole('region', { name: new RegExp(`^Changes from revision ${number} to `) });
  }

  async confirm(item: Locator, action: 'Restore' | 'Delete'): Promise<void> {
    await item.getByRole('button', { name: action, exact: true }).click();
    await item.getByRole('group', { name: `Confirm: ${action}` }).getByRole('button', { name: action, exact: true }).click();
  }
}
