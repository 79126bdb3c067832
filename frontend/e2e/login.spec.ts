import { expect as expectPage } from './support/expect';
import { useBrowser } from './support/browser';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');

describe('dashboard login', () => {
  const browser = useBrowser(baseUrl);

  it('should log in with the admin account, show the layout and log out', async () => {
    const { page } = browser;
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto('/');
    await page.waitForURL(/\/login/);
    // The theme script and bundles load under the backend's Content-Security-Policy.
    expect(await page.evaluate(() => document.querySelector('script[src="/theme-init.js"]') !== null)).toBe(true);

    await page.getByLabel('Email').fill(adminEmail);
    await page.getByLabel('Password').fill(adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL((url) => url.pathname === '/');
    await expectPage(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expectPage(page.getByTestId('current-user')).toContainText(adminEmail);
    for (const section of ['Overview', 'Data sources', 'Users', 'Roles', 'Settings']) {
      await expectPage(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section })).toBeVisible();
    }

    const loggedOut = page.waitForResponse((r) => r.url().endsWith('/admin/v1/auth/logout'));
    expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect((await loggedOut).status()).toBe(204);
    await page.waitForURL(/\/login/);
    expect(new URL(page.url()).search).toBe('');
    // The session cookie is gone: the dashboard sends us back to the login page.
    await page.goto('/users');
    await page.waitForURL(/\/login\?redirect=/);
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/users');
  });

  it('should return to the page the user asked for after login', async () => {
    const { page } = browser;
    await page.goto('/settings');
    await page.waitForURL(/\/login\?redirect=/);
    await page.getByLabel('Email').fill(adminEmail);
    await page.getByLabel('Password').fill(adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/settings');
    await expectPage(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  });

  it('should show the server error for a wrong password', async () => {
    const { page } = browser;
    await page.goto('/login');
    await page.getByLabel('Email').fill(adminEmail);
    await page.getByLabel('Password').fill('definitely-not-the-password');
    const answer = page.waitForResponse((r) => r.url().endsWith('/admin/v1/auth/login'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    const response = await answer;
    expect(response.status()).toBe(401);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('AUTH_INVALID_CREDENTIALS');

    await expectPage(page.getByRole('alert')).toHaveText(body.message);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
