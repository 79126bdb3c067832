import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPeopleDatabase, type ThrowawayDatabase } from './support/analyst-db';
import { useBrowser } from './support/browser';
import { expect as expectPage } from './support/expect';

const baseUrl = inject('baseUrl');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');
const outDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const suffix = randomBytes(2).toString('hex');

/** A management call with the page's session cookie. */
async function admin<T = any>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ method, url, body }) => {
      const res = await fetch(url, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    },
    { method, url, body },
  );
  if (answer.status >= 400) throw new Error(`${method} ${url} → ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

async function shot(page: Page, name: string) {
  await page.getByRole('status', { name: /Loading/ }).waitFor({ state: 'detached' }).catch(() => undefined);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${outDir}${name}.png`, fullPage: false });
}

describe('dashboard screenshots', () => {
  const browser = useBrowser(baseUrl);
  let db: ThrowawayDatabase;

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    db = await createPeopleDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('should capture the main pages with sample data, light and dark', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 1200 });
    await page.goto('/login');
    await page.getByLabel('Email').fill(adminEmail);
    await page.getByLabel('Password').fill(adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    const ds = await admin(page, 'POST', '/admin/v1/datasources', { name: 'Warehouse', type: 'postgres', host: db.host, port: db.port, database: db.name, username: db.user, description: 'Sales and people data' });
    const mod = await admin(page, 'POST', '/admin/v1/api-modules', { name: 'Analytics', description: 'Reporting endpoints' });
    await admin(page, 'POST', '/admin/v1/api-modules', { name: 'Operations', description: 'Back-office tools' });
    const content = "SELECT name, age, city FROM people\nWHERE age >= {{ min_age }}\n{% if city %}  AND city = {{ city }}{% endif %}\nORDER BY name";
    const api = await admin(page, 'POST', '/admin/v1/apis', {
      moduleId: mod.id,
      name: 'People by age',
      path: `people/by-age-${suffix}`,
      method: 'GET',
      engine: 'sql',
      datasourceId: ds.id,
      accessType: 'private',
      content: content.replace('name, age, city', 'name, age'),
      params: [
        { name: 'min_age', location: 'query', type: 'integer', required: true, minimum: 0, maximum: 150 },
        { name: 'city', location: 'query', type: 'string', required: false, maxLength: 50 },
      ],
    });
    const v1 = await admin(page, 'POST', `/admin/v1/apis/${api.id}/versions`, { message: 'First version' });
    await admin(page, 'PATCH', `/admin/v1/apis/${api.id}`, { content });
    const v2 = await admin(page, 'POST', `/admin/v1/apis/${api.id}/versions`, { message: 'Return the city too' });
    await admin(page, 'POST', `/admin/v1/apis/${api.id}/publish`, { versionId: v2.id });
    const group = await admin(page, 'POST', '/admin/v1/groups', { name: 'Reporting', description: 'Read-only reporting APIs', apiIds: [api.id] });
    const client = await admin(page, 'POST', '/admin/v1/clients', { name: 'BI dashboard', description: 'Nightly reporting job', groupIds: [group.id], rateLimitPerMinute: 600 });

    const tokenRes = await fetch(`${baseUrl}/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${client.clientSecret}` });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    for (const query of ['min_age=30', 'min_age=20&city=Hanoi', 'min_age=40', 'min_age=abc', 'city=Hue']) {
      await fetch(`${baseUrl}/api/people/by-age-${suffix}?${query}`, { headers: { Authorization: `Bearer ${token}` } });
    }
    await fetch(`${baseUrl}/api/people/by-age-${suffix}?min_age=1`);
    await page.waitForTimeout(2500);

    await page.goto('/');
    await expectPage(page.getByRole('table', { name: 'Recent calls' }), 15_000).toBeVisible();
    await shot(page, 'overview');
    await page.goto('/datasources');
    await page.getByRole('button', { name: 'Test Warehouse' }).click();
    await expectPage(page.getByRole('row').filter({ hasText: 'Warehouse' })).toContainText('OK ·');
    await shot(page, 'datasources');
    await page.goto('/apis');
    await shot(page, 'apis');
    await page.goto(`/apis/${api.id}`);
    await page.getByLabel(/^min_age/).fill('25');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expectPage(page.getByRole('table', { name: 'Result rows' })).toBeVisible();
    await shot(page, 'api-editor-console');
    await page.getByRole('tab', { name: /Parameters/ }).click();
    await shot(page, 'api-parameters');
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByLabel('Diff from').selectOption({ label: `v${v1.version}` });
    await page.getByLabel('Diff to').selectOption({ label: `v${v2.version}` });
    await expectPage(page.getByRole('region', { name: 'content diff' })).toBeVisible();
    await shot(page, 'api-versions-diff');
    await page.goto('/clients');
    await shot(page, 'clients');
    await page.goto('/access-logs');
    await shot(page, 'access-logs');
    await page.goto('/roles');
    await shot(page, 'roles');
    await page.goto('/catalogue');
    await page.getByLabel('min_age').fill('30');
    await page.getByLabel('Client id').fill(client.clientId);
    await page.getByLabel('Client secret').fill(client.clientSecret);
    await page.getByRole('button', { name: 'Get token' }).click();
    await page.getByRole('button', { name: 'Send request' }).click();
    await expectPage(page.getByLabel('Response')).toContainText('"success": true');
    await shot(page, 'catalogue');

    await page.evaluate(() => localStorage.setItem('qg-theme', 'dark'));
    await page.goto('/');
    await expectPage(page.getByRole('table', { name: 'Recent calls' }), 15_000).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await shot(page, 'overview-dark');
    await page.goto(`/apis/${api.id}`);
    await shot(page, 'api-editor-dark');
    await page.evaluate(() => localStorage.removeItem('qg-theme'));
  });
});
