import { ENV_SCHEMA, type EnvKey } from 'src/config/env.schema.js';

const entries = () => Object.entries(ENV_SCHEMA) as [string, EnvKey][];
const groups = () => [...new Set(entries().map(([, s]) => s.group))];

/** `.env.example`: every key, commented out at its default, with its doc line. */
export function renderEnvExample(): string {
  const out = ['# Querygate configuration. Every key is optional in embedded mode; defaults are shown.', '# Generated from backend/src/config/env.schema.ts (npm run config:docs -w backend).', ''];
  for (const group of groups()) {
    out.push(`# ── ${group} ──`);
    for (const [name, spec] of entries().filter(([, s]) => s.group === group)) {
      out.push(`# ${spec.doc}${spec.values ? ` One of: ${spec.values.join(', ')}.` : ''}`);
      out.push(`# ${name}=${spec.default ?? ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** `docs/configuration.md`: the same table for readers. */
export function renderConfigurationDoc(): string {
  const out = [
    '# Configuration',
    '',
    'Querygate reads only environment variables, validates all of them once at start and exits listing every bad key.',
    'With no `DATABASE_URL` it runs embedded (PGlite app database and demo database under `DATA_DIR`, in-memory counters);',
    'with `DATABASE_URL` (and usually `REDIS_URL`) it runs in production mode, where `APP_SECRET` and `ENCRYPTION_KEY` are required.',
    '',
    '_Generated from `backend/src/config/env.schema.ts` by `npm run config:docs -w backend`; a test fails when it drifts._',
    '',
  ];
  for (const group of groups()) {
    out.push(`## ${group}`, '', '| Key | Default | Description |', '| --- | --- | --- |');
    for (const [name, spec] of entries().filter(([, s]) => s.group === group)) {
      const def = spec.default ? `\`${spec.default}\`` : '—';
      const values = spec.values ? ` One of ${spec.values.map((v) => `\`${v}\``).join(', ')}.` : '';
      out.push(`| \`${name}\` | ${def} | ${spec.doc}${values} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
