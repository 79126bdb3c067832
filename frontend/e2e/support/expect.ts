import type { Locator } from 'playwright-core';

const defaultTimeout = 10_000;

async function poll(describe: () => Promise<string>, check: () => Promise<boolean>, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(await describe());
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Retrying assertions on a locator (playwright-core has no `expect`): each waits up to `timeout`
 * for the condition and fails with what the page showed instead.
 */
export function expect(locator: Locator, timeout = defaultTimeout) {
  const text = async () => (await locator.first().textContent({ timeout: 500 }).catch(() => null)) ?? '<no element>';
  return {
    async toBeVisible(): Promise<void> {
      await locator.first().waitFor({ state: 'visible', timeout }).catch(() => {
        throw new Error(`Expected ${locator} to be visible within ${timeout} ms`);
      });
    },
    async toContainText(expected: string): Promise<void> {
      await poll(async () => `Expected ${locator} to contain "${expected}", got "${await text()}"`, async () => (await text()).includes(expected), timeout);
    },
    async toHaveText(expected: string): Promise<void> {
      await poll(async () => `Expected ${locator} to have text "${expected}", got "${await text()}"`, async () => (await text()).trim() === expected.trim(), timeout);
    },
  };
}
