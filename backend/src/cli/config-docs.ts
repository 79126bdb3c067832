import { writeFileSync } from 'node:fs';
import { renderConfigurationDoc, renderEnvExample } from 'src/config/config-docs.js';

/** Regenerates `.env.example` and `docs/configuration.md` from the config schema (run from the repo root). */
writeFileSync('.env.example', renderEnvExample());
writeFileSync('docs/configuration.md', renderConfigurationDoc());
console.log('wrote .env.example and docs/configuration.md');
