import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// SWC keeps Nest's decorator metadata, which esbuild (Vite's default) drops.
const shared = {
  plugins: [swc.vite({ tsconfigFile: false, jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, target: 'es2023', keepClassNames: true } })],
  resolve: {
    alias: [
      { find: /^src\/(.*)$/, replacement: here('./src/$1') },
      { find: /^migrations\/(.*)$/, replacement: here('../migrations/$1') },
      { find: /^test\/(.*)$/, replacement: here('./test/$1') },
    ],
  },
};

export default defineConfig({
  ...shared,
  test: {
    // isolated-vm needs --no-node-snapshot in every worker.
    pool: 'forks',
    execArgv: ['--no-node-snapshot'],
    projects: [
      { ...shared, test: { name: 'unit', include: ['src/**/*.spec.ts'], pool: 'forks', execArgv: ['--no-node-snapshot'] } },
      {
        ...shared,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int-spec.ts'],
          pool: 'forks',
          execArgv: ['--no-node-snapshot'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e-spec.ts'],
          pool: 'forks',
          execArgv: ['--no-node-snapshot'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
