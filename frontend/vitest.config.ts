import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Component tests only; the browser e2e suite has its own config in e2e/.
export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: { alias: { '@': here('./src') } },
  test: {
    name: 'frontend-unit',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: [here('./src/test/setup.ts')],
    css: false,
    // jsdom + user-event typing is slow when every file runs in parallel on a busy machine.
    testTimeout: 15_000,
  },
});
