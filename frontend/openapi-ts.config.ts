import { defineConfig } from '@hey-api/openapi-ts';

// QG_CLIENT_OUT lets scripts/check-client.mjs regenerate into a temp folder to detect drift.
export default defineConfig({
  input: '../backend/openapi.json',
  output: { path: process.env.QG_CLIENT_OUT ?? 'src/api/client' },
  plugins: ['@hey-api/typescript', '@hey-api/sdk', '@hey-api/client-fetch'],
});
