import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseEncryptionKeys } from 'src/config/app-config.service.js';
import { renderConfigurationDoc, renderEnvExample } from 'src/config/config-docs.js';

const key = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('should apply defaults in embedded mode', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '0.0.0.0', databaseUrl: null, redisUrl: null, corsOrigins: [], seedSamples: true });
  });

  it('should list every bad key at once', () => {
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', SERVE_DASHBOARD: 'maybe', DATABASE_URL: 'postgres://x/y' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'LOG_LEVEL', 'SERVE_DASHBOARD', 'APP_SECRET', 'ENCRYPTION_KEY']) expect(problems).toContain(name);
    }
  });

  it('should refuse short secrets and passwords', () => {
    expect(() => loadConfig({ APP_SECRET: 'short' })).toThrow(/APP_SECRET/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
    expect(() => loadConfig({ ENCRYPTION_KEY: 'AAAA' })).toThrow(/ENCRYPTION_KEY/);
  });

  it('should accept production settings', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', APP_SECRET: 's'.repeat(40), ENCRYPTION_KEY: `new:${key},old:${key}`, CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(parseEncryptionKeys(c.encryptionKey!).map((k) => k.id)).toEqual(['new', 'old']);
  });
});

describe('configuration docs', () => {
  it('should match .env.example and docs/configuration.md (run `npm run config:docs -w backend`)', () => {
    const root = new URL('../../../', import.meta.url);
    expect(readFileSync(new URL('.env.example', root), 'utf8')).toBe(renderEnvExample());
    expect(readFileSync(new URL('docs/configuration.md', root), 'utf8')).toBe(renderConfigurationDoc());
  });
});
