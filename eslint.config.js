import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import pluginQuery from '@tanstack/eslint-plugin-query';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'frontend/src/api/client/**',
      'frontend/src/routeTree.gen.ts',
      'frontend/test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*'], message: 'Use the src/… (backend) or @/… (frontend) alias.' }] }],
    },
  },
  {
    // STYLE.md §7.7: config/ is the only reader of process.env.
    files: ['backend/src/**/*.ts'],
    ignores: ['backend/src/config/**', 'backend/src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through AppConfigService (backend/src/config/).' },
      ],
    },
  },
  {
    // Tests read loosely typed JSON bodies.
    files: ['backend/test/**/*.ts', '**/*.spec.ts', '**/*.test.ts', '**/*.test.tsx', 'frontend/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['frontend/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { '@tanstack/query': pluginQuery },
    rules: { ...pluginQuery.configs['flat/recommended'][0].rules },
  },
  {
    // STYLE.md §7.9: query keys come only from each feature's api.ts key factory.
    files: ['frontend/src/**/*.{ts,tsx}'],
    ignores: ['frontend/src/features/*/api.ts', 'frontend/src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "Property[key.name='queryKey'][value.type='ArrayExpression']", message: 'Use the feature key factory in features/<x>/api.ts.' }],
    },
  },
);
