import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// `npm run screenshots`: the e2e harness (built backend + dashboard, Debian Chromium) driving screenshots.ts.
export default defineConfig({
  root: here('..'),
  test: {
    name: 'frontend-screenshots',
    include: ['e2e/screenshots.ts'],
    environment: 'node',
    globalSetup: [here('./support/global-setup.ts')],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
