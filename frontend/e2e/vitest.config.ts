import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Browser e2e: Debian Chromium driven by playwright-core against the real backend (see support/global-setup.ts).
export default defineConfig({
  root: here('..'),
  test: {
    name: 'frontend-e2e',
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    globalSetup: [here('./support/global-setup.ts')],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // One backend serves every spec; files run one after another so login throttling and timing stay predictable.
    fileParallelism: false,
  },
});
