import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/browser';
import { expect as expectPage } from './support/expect';

const baseUrl = inject('baseUrl');
const email = `settings-${randomBytes(3).toString('hex')}@e2e.querygate.test`;
const password = `Settings-${randomBytes(9).toString('hex')}`;

/** A user of its own, so changing the password does not disturb other specs. */
beforeAll(async () => {
  const login = await fetch(`${baseUrl}/admin/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: inject('adminEmail'), password: inject('adminPassword') }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const created = await fetch(`${baseUrl}/admin/v1/users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ email, name: 'Settings Person', password, isActive: true, isSuperuser: false, roleIds: [] }),
  });
  expect(created.status).toBe(201);
});

describe('settings', () => {
  const browser = useBrowser(baseUrl);

  async function login(withPassword: string) {
    const { page } = browser;
    await page.goto('/settings');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(withPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/settings');
  }

  it('should rename the user and keep the dark theme after a reload', async () => {
    const { page } = browser;
    await login(password);
    await page.getByLabel('Name').fill('Renamed Person');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expectPage(page.getByTestId('current-user')).toContainText('Renamed Person');

    await page.getByLabel('Dark').check();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await page.getByLabel('Light').check();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(false);
  });

  it('should show the server error for a wrong current password, then change it', async () => {
    const { page } = browser;
    const next = `Changed-${randomBytes(9).toString('hex')}`;
    await login(password);
    await page.getByLabel('Current password').fill('not-my-password-at-all');
    await page.getByLabel('New password', { exact: true }).fill(next);
    await page.getByLabel('Confirm new password').fill(next);
    const answer = page.waitForResponse((r) => r.url().endsWith('/admin/v1/auth/password'));
    await page.getByRole('button', { name: 'Change password' }).click();
    const response = await answer;
    expect(response.status()).toBe(400);
    const { message } = (await response.json()) as { message: string };
    await expectPage(page.getByRole('alert').filter({ hasText: message })).toBeVisible();

    await page.getByLabel('Current password').fill(password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectPage(page.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await login(next);
  });
});
