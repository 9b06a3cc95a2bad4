import { expect, test } from '@playwright/test';
import { AuthPage, uniqueEmail } from './fixtures';

test('a lead signs up, creates a project and invites a second user who joins with the role', async ({ browser }) => {
  const leadContext = await browser.newContext();
  const guestContext = await browser.newContext();
  try {
    const lead = await leadContext.newPage();
    await lead.goto('/sign-up');
    await new AuthPage(lead).signUp('Lena Lead', uniqueEmail('lena'));
    await expect(lead.getByRole('button', { name: 'Sign out' })).toBeVisible();

    await lead.getByLabel('Project name').fill('Night Drive');
    await lead.getByRole('button', { name: 'Create project' }).click();
    await expect(lead.getByRole('heading', { name: 'Night Drive' })).toBeVisible();

    await lead.getByRole('link', { name: 'Settings' }).click();
    const invites = lead.getByRole('region', { name: 'Invite links' });
    await invites.getByLabel('Role', { exact: true }).selectOption('mixer');
    await invites.getByRole('button', { name: 'Create invite link' }).click();
    const url = await invites.getByLabel('Invite URL').inputValue();
    expect(url).toMatch(/\/invite\/inv_/);

    const guest = await guestContext.newPage();
    await guest.goto(url);
    await guest.getByRole('link', { name: 'Create account' }).click();
    await new AuthPage(guest).signUp('Gus Guest', uniqueEmail('gus'));
    await expect(guest.getByText('Night Drive')).toBeVisible();
    await guest.getByRole('button', { name: 'Accept invite' }).click();
    await expect(guest.getByRole('heading', { name: 'Night Drive' })).toBeVisible();
    await expect(guest.locator('.project-header__name-row')).toContainText('Mixer');

    // The lead sees the new member with their role.
    await lead.reload();
    const members = lead.getByRole('table', { name: 'Members' });
    await expect(members.getByRole('row', { name: /Gus Guest/ })).toBeVisible();
    await expect(members.getByLabel('Role for Gus Guest')).toHaveValue('mixer');
  } finally {
    await leadContext.close();
    await guestContext.close();
  }
});
