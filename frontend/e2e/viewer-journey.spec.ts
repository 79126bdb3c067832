import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from './support/browser';
import { expect as expectPage } from './support/expect';

const baseUrl = inject('baseUrl');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');
const suffix = randomBytes(3).toString('hex');

describe('viewer journey', () => {
  const browser = useBrowser(baseUrl);

  async function login(email: string, password: string) {
    const { page } = browser;
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
  }

  it('should show a Viewer every section without write actions, and the server should refuse writes', { timeout: 120_000 }, async () => {
    const { page } = browser;
    const email = `viewer-${suffix}@e2e.querygate.test`;
    const password = `Viewer-${randomBytes(9).toString('hex')}`;

    await login(adminEmail, adminPassword);
    const moduleName = `Viewer sees ${suffix}`;
    const created = await page.evaluate(async (name) => (await fetch('/admin/v1/api-modules', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) })).status, moduleName);
    expect(created).toBe(201);
    await page.goto('/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Read Only');
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByLabel('Password').fill(password);
    await dialog.getByRole('checkbox', { name: /^Viewer/ }).check();
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expectPage(page.getByRole('row').filter({ hasText: email })).toContainText('Active');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);

    await login(email, password);
    await expectPage(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(links).toEqual(expect.arrayContaining(['Overview', 'Data sources', 'Modules', 'APIs', 'Groups', 'Clients', 'Access logs']));

    const writeButtons: [string, string, string][] = [
      ['/datasources', 'Data sources', 'New data source'],
      ['/api-modules', 'Modules', 'New module'],
      ['/apis', 'APIs', 'New API'],
      ['/groups', 'Groups', 'New group'],
      ['/clients', 'Clients', 'New client'],
    ];
    for (const [path, heading, button] of writeButtons) {
      await page.goto(path);
      await expectPage(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
      await page.getByRole('status', { name: /Loading/ }).waitFor({ state: 'detached' });
      if (path === '/api-modules') await expectPage(page.getByRole('row').filter({ hasText: moduleName })).toBeVisible();
      expect(await page.getByRole('button', { name: button }).count(), `${button} on ${path}`).toBe(0);
      expect(await page.getByRole('button', { name: /^(Edit|Delete) / }).count(), `row actions on ${path}`).toBe(0);
    }

    // The server enforces it too: a write with the viewer's session is refused.
    const refused = await page.evaluate(async () => {
      const res = await fetch('/admin/v1/api-modules', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Not allowed' }) });
      return { status: res.status, body: await res.json() };
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toMatch(/FORBIDDEN/);
  });
});
