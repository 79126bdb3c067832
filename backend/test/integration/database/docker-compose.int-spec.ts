import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const compose = (env: Record<string, string>) =>
  execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { cwd: root, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', stdio: 'pipe' });

describe('docker-compose.yml', () => {
  it('should validate with Debian docker-compose and wire the app to PostgreSQL and Redis with health checks', () => {
    const out = compose({ POSTGRES_PASSWORD: 'pw', APP_SECRET: 's'.repeat(40), ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') });
    expect(out).toContain('DATABASE_URL: postgres://querygate:pw@postgres:5432/querygate');
    expect(out).toContain('REDIS_URL: redis://redis:6379');
    expect(out.match(/healthcheck:/g)).toHaveLength(4);
    expect(out).toContain('dockerfile: docker/Dockerfile');
    expect(out).toContain('image: trinodb/trino');
  });

  it('should refuse to render without the required secrets (no default passwords)', () => {
    expect(() => compose({})).toThrow(/POSTGRES_PASSWORD|APP_SECRET/);
  });
});
