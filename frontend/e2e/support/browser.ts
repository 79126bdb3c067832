import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, type TestContext } from 'vitest';

const chromiumPath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  /** The page of the current test (a fresh browser profile per spec file, fresh cookies per test). */
  readonly page: Page;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

/** Saves a full-page screenshot to frontend/test-results/<name>.png; returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${slug(name)}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Registers hooks that launch Debian Chromium with a fresh user-data dir for the spec file, give
 * every test a clean page, and screenshot the page when a test fails.
 */
export function useBrowser(baseUrl: string): BrowserSession {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let userDataDir = '';

  beforeAll(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'qg-e2e-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      baseURL: baseUrl,
      viewport: { width: 1280, height: 800 },
    });
  });

  beforeEach(async () => {
    await context!.clearCookies();
    page = await context!.newPage();
  });

  afterEach(async (ctx: TestContext) => {
    if (page && ctx.task.result?.state === 'fail') {
      const path = await saveScreenshot(page, ctx.task.name).catch(() => undefined);
      if (path) console.error(`screenshot: ${path}`);
    }
    await page?.close();
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  return {
    get page() {
      if (!page) throw new Error('The page exists only inside a test.');
      return page;
    },
  };
}
