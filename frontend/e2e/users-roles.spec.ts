import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/browser';
import { expect as expectPage } from './support/expect';

const baseUrl = inject('baseUrl');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');
const suffix = randomBytes(3).toString('hex');

describe('users and roles administration', () => {
  const browser = useBrowser(baseUrl);

  async function login(email: string, password: string) {
    const { page } = browser;
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
  }

  it('should create a role and a user holding it, whose navigation shows only what the role reads', async () => {
    const { page } = browser;
    const roleName = `Auditors ${suffix}`;
    const userEmail = `auditor-${suffix}@e2e.querygate.test`;
    const userPassword = `Auditor-${randomBytes(9).toString('hex')}`;
    await login(adminEmail, adminPassword);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roles' }).click();
    await page.getByRole('button', { name: 'New role' }).click();
    const roleDialog = page.getByRole('dialog');
    await roleDialog.getByLabel('Name').fill(roleName);
    await roleDialog.getByLabel('Description').fill('Reads access logs and the overview');
    await roleDialog.getByRole('checkbox', { name: 'Access logs: read' }).check();
    await roleDialog.getByRole('checkbox', { name: 'Overview: read' }).check();
    await roleDialog.getByRole('button', { name: 'Create role' }).click();
    await expectPage(page.getByRole('status').filter({ hasText: `Role ${roleName} created` })).toBeVisible();
    await expectPage(page.getByRole('row').filter({ hasText: roleName }).getByRole('cell').nth(1)).toHaveText('2');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'New user' }).click();
    const userDialog = page.getByRole('dialog');
    await userDialog.getByLabel('Name').fill('Audit Person');
    await userDialog.getByLabel('Email').fill(userEmail);
    await userDialog.getByLabel('Password').fill(userPassword);
    await userDialog.getByRole('checkbox', { name: roleName }).check();
    await userDialog.getByRole('button', { name: 'Create user' }).click();
    await expectPage(page.getByRole('row').filter({ hasText: userEmail })).toContainText('Active');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await login(userEmail, userPassword);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).waitFor();
    const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(links).toEqual(['Overview', 'API catalogue', 'Access logs', 'Settings']);
    // A section the user may not read redirects to the overview.
    await page.goto('/users');
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('should deactivate and then delete a user after confirmation', async () => {
    const { page } = browser;
    const email = `temp-${suffix}@e2e.querygate.test`;
    await login(adminEmail, adminPassword);
    await page.goto('/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Temporary');
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByLabel('Password').fill(`Temp-${randomBytes(9).toString('hex')}`);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    const row = page.getByRole('row').filter({ hasText: email });
    await expectPage(row).toContainText('Active');

    await row.getByRole('button', { name: `Deactivate ${email}` }).click();
    await expectPage(row).toContainText('Inactive');

    await row.getByRole('button', { name: `Delete ${email}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete user' }).click();
    await expectPage(page.getByRole('status').filter({ hasText: `${email} deleted` })).toBeVisible();
    await page.getByRole('row').filter({ hasText: email }).waitFor({ state: 'detached' });
  });
});
