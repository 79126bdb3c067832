import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPeopleDatabase, type ThrowawayDatabase } from './support/analyst-db';
import { useBrowser } from './support/browser';
import { expect as expectPage } from './support/expect';

const baseUrl = inject('baseUrl');
const adminEmail = inject('adminEmail');
const adminPassword = inject('adminPassword');
const suffix = randomBytes(3).toString('hex');
const apiPath = `e2e/people-${suffix}`;

const sqlV1 = "SELECT 'v1' AS answer, name, age FROM people\nWHERE age >= {{ min_age }} AND city = {{ city }}\nORDER BY name";
const sqlV2 = "SELECT 'v2' AS answer, name, age FROM people\nWHERE age >= {{ min_age }} AND city = {{ city }}\nORDER BY name";

async function replaceEditorText(page: Page, text: string) {
  const editor = page.getByRole('textbox', { name: 'SQL template' });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function callApi(token: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/api/${apiPath}?min_age=30&city=Hanoi`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

/** Publishes are visible within a second on every instance; poll the gateway until the answer changes. */
async function waitForAnswer(token: string, answer: string) {
  const deadline = Date.now() + 10_000;
  let last: unknown;
  while (Date.now() < deadline) {
    const { status, body } = await callApi(token);
    last = { status, body };
    if (status === 200 && body.data?.[0]?.answer === answer) return body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The gateway did not answer "${answer}"; last answer ${JSON.stringify(last)}`);
}

describe('analyst journey', () => {
  const browser = useBrowser(baseUrl);
  let db: ThrowawayDatabase;

  beforeAll(async () => {
    db = await createPeopleDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('should go from a data source to a published, versioned, rolled-back API that a client calls', { timeout: 240_000 }, async () => {
    const { page } = browser;
    const nav = page.getByRole('navigation', { name: 'Main' });
    await page.goto('/login');
    await page.getByLabel('Email').fill(adminEmail);
    await page.getByLabel('Password').fill(adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // Data source: test, then save.
    await nav.getByRole('link', { name: 'Data sources' }).click();
    await page.getByRole('button', { name: 'New data source' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(`People ${suffix}`);
    await dialog.getByLabel('Host', { exact: true }).fill(db.host);
    await dialog.getByLabel('Port', { exact: true }).fill(String(db.port));
    await dialog.getByLabel('Database', { exact: true }).fill(db.name);
    await dialog.getByLabel('Username', { exact: true }).fill(db.user);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expectPage(dialog.getByRole('status')).toContainText('Connection successful');
    await expectPage(dialog.getByRole('status')).toContainText('PostgreSQL');
    await dialog.getByRole('button', { name: 'Create data source' }).click();
    await expectPage(page.getByRole('row').filter({ hasText: `People ${suffix}` })).toContainText('Active');
    await page.getByRole('button', { name: `Test People ${suffix}` }).click();
    await expectPage(page.getByRole('row').filter({ hasText: `People ${suffix}` })).toContainText('OK ·');

    // Module.
    await nav.getByRole('link', { name: 'Modules' }).click();
    await page.getByRole('button', { name: 'New module' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(`Analytics ${suffix}`);
    await dialog.getByRole('button', { name: 'Create module' }).click();
    await expectPage(page.getByRole('row').filter({ hasText: `Analytics ${suffix}` })).toContainText('0 APIs');

    // API with two typed parameters.
    await nav.getByRole('link', { name: 'APIs' }).click();
    await page.getByRole('button', { name: 'New API' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Module', { exact: true }).selectOption({ label: `Analytics ${suffix}` });
    await dialog.getByLabel('Name', { exact: true }).fill(`People by age ${suffix}`);
    await dialog.getByLabel('Path', { exact: true }).fill(apiPath);
    await dialog.getByLabel('Data source', { exact: true }).selectOption({ label: `People ${suffix}` });
    await dialog.getByRole('button', { name: 'Create API' }).click();
    await page.waitForURL(/\/apis\/[0-9a-f-]{36}$/);
    await replaceEditorText(page, sqlV1);

    await page.getByRole('tab', { name: /Parameters/ }).click();
    await page.getByRole('button', { name: 'Add from template' }).click();
    await page.getByLabel('min_age type').selectOption('integer');
    await page.getByLabel('min_age required').check();
    await page.getByLabel('city required').check();

    // Console: bound SQL and rows.
    await page.getByRole('tab', { name: 'Content & test' }).click();
    await page.getByLabel(/^min_age/).fill('30');
    await page.getByLabel(/^city/).fill('Hanoi');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const rows = page.getByRole('table', { name: 'Result rows' });
    await expectPage(rows).toContainText('Binh');
    expect(await rows.getByRole('row').count()).toBe(3);
    await page.getByRole('tab', { name: 'Statements (1)' }).click();
    await expectPage(page.getByLabel('Statement 1')).toContainText('age >= $1 AND city = $2');
    await expectPage(page.getByLabel('Bound values of statement 1')).toContainText('$130$2"Hanoi"');

    // Save, commit v1, publish.
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expectPage(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByLabel('Commit message').fill('First version');
    await page.getByRole('button', { name: 'Commit version' }).click();
    await expectPage(page.getByRole('status').filter({ hasText: 'Committed v1' })).toBeVisible();
    await page.getByRole('button', { name: 'Publish v1' }).click();
    await expectPage(page.getByRole('status').filter({ hasText: 'Published v1' })).toBeVisible();
    const apiUrl = page.url();

    // Client with the API linked directly; read its secret from the one-time dialog.
    await nav.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'New client' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(`Reporting app ${suffix}`);
    await dialog.getByRole('checkbox', { name: new RegExp(`GET /${apiPath}`) }).check();
    await dialog.getByRole('button', { name: 'Create client' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Client secret' });
    const clientId = (await secretDialog.getByLabel('Client id', { exact: true }).textContent())!.trim();
    const clientSecret = (await secretDialog.getByLabel('Client secret', { exact: true }).textContent())!.trim();
    await expectPage(secretDialog.getByLabel('Token request (curl)')).toContainText(`-u '${clientId}:${clientSecret}'`);
    await secretDialog.getByRole('button', { name: 'I have stored the secret' }).click();

    // Token, then the published API.
    const tokenRes = await fetch(`${baseUrl}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(tokenRes.status).toBe(200);
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const v1 = await waitForAnswer(token, 'v1');
    expect(v1.data.map((r: { name: string }) => r.name)).toEqual(['An', 'Binh']);

    // The call shows up in the access logs.
    await nav.getByRole('link', { name: 'Access logs' }).click();
    await page.getByLabel('Path contains').fill(`people-${suffix}`);
    await page.getByRole('button', { name: 'Apply' }).click();
    const logs = page.getByRole('table', { name: 'Access logs' });
    for (let i = 0; i < 30 && !(await logs.isVisible()); i++) {
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: 'Refresh' }).click();
    }
    await expectPage(logs).toContainText(`/api/${apiPath}`);
    await expectPage(logs).toContainText('200');
    await logs.getByRole('button', { name: `GET /api/${apiPath}` }).first().click();
    const detail = page.getByRole('dialog', { name: 'Call detail' });
    await expectPage(detail.getByLabel('Parameters')).toContainText('min_age');
    await expectPage(detail.getByLabel('Parameters')).toContainText('Hanoi');
    await detail.getByRole('button', { name: 'Close' }).click();

    // v2: edit, commit, publish; diff v1 ↔ v2; roll back to v1.
    await page.goto(apiUrl);
    await replaceEditorText(page, sqlV2);
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByLabel('Commit message').fill('Second version');
    await page.getByRole('button', { name: 'Save and commit' }).click();
    await expectPage(page.getByRole('status').filter({ hasText: 'Committed v2' })).toBeVisible();
    await page.getByRole('button', { name: 'Publish v2' }).click();
    await expectPage(page.getByRole('status').filter({ hasText: 'Published v2' })).toBeVisible();
    await waitForAnswer(token, 'v2');

    await page.getByLabel('Diff from').selectOption({ label: 'v1' });
    await page.getByLabel('Diff to').selectOption({ label: 'v2' });
    const contentDiff = page.getByRole('region', { name: 'content diff' });
    await expectPage(contentDiff).toContainText("removed: SELECT 'v1' AS answer");
    await expectPage(contentDiff).toContainText("added: SELECT 'v2' AS answer");

    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    await expectPage(page.getByRole('status').filter({ hasText: 'Rolled back to v1' })).toBeVisible();
    const back = await waitForAnswer(token, 'v1');
    expect(back.data).toHaveLength(2);
  });
});
