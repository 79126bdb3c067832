import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, stopApp } from 'src/app.factory.js';
import { loadConfig } from 'src/config/app-config.service.js';
import { createPgDatabase, TEST_REDIS_URL, type TestDatabase } from 'test/support/databases.js';
import { GatewayFactory } from 'test/support/gateway-factory.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

/** A second instance of the same deployment: same app database, same secrets, its own port. */
async function secondInstance(t: TestApp, env: Record<string, string>): Promise<{ app: NestFastifyApplication; url: string }> {
  const config = loadConfig({
    DATABASE_URL: t.db.url,
    APP_SECRET: t.config.appSecret!,
    ENCRYPTION_KEY: t.config.encryptionKey!,
    ADMIN_EMAIL: t.admin.email,
    ADMIN_PASSWORD: t.admin.password,
    LOG_LEVEL: 'error',
    SERVE_DASHBOARD: 'false',
    SEED_SAMPLES: 'false',
    DATABASE_POOL_MAX: '4',
    ...env,
  });
  const { app } = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}` };
}

async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if ((await fetch(url)).status === status) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms`);
}

for (const transport of ['redis', 'postgres'] as const) {
  describe(`two instances sharing one database (${transport === 'redis' ? 'Redis pub/sub and counters' : 'PostgreSQL LISTEN/NOTIFY, in-memory counters'})`, () => {
    const env: Record<string, string> = transport === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {};
    let a: TestApp;
    let b: { app: NestFastifyApplication; url: string };
    let f: GatewayFactory;
    let ext: TestDatabase;
    let ds: string;
    let mod: string;

    beforeAll(async () => {
      ext = await createPgDatabase('qg_gw2_ext');
      a = await startTestApp(env);
      b = await secondInstance(a, env);
      f = GatewayFactory.create(a.app, a.db.url);
      ds = await f.datasource(ext);
      mod = await f.module();
    }, 60_000);

    afterAll(async () => {
      await f?.close();
      if (b) await stopApp(b.app);
      await a?.close();
      await ext?.drop();
    });

    it('a publish on one instance is served by the other within one second', async () => {
      const path = `fresh-${transport}`;
      expect((await fetch(`${b.url}/api/${path}`)).status).toBe(404);
      await f.api({ moduleId: mod, path, datasourceId: ds, content: `SELECT 'new' AS v` });
      await f.refresh(); // publishes 'api.changed' on instance A, as the APIs feature does after a publish
      const elapsed = await waitForStatus(`${b.url}/api/${path}`, 200, 1000);
      expect(elapsed).toBeLessThan(1000);
    });

    if (transport === 'redis') {
      it('a per-client limit of N/min holds across both instances', async () => {
        const api = await f.api({ moduleId: mod, path: 'shared-limit', datasourceId: ds, content: 'SELECT 1 AS x', snapshot: { accessType: 'private' } });
        const client = await f.client({ rateLimitPerMinute: 6, apiIds: [api.id] });
        await f.refresh();
        await waitForStatus(`${b.url}/api/shared-limit`, 401, 1000);
        const token = f.token(client.clientId);
        const statuses: number[] = [];
        for (let i = 0; i < 10; i++) {
          const base = i % 2 === 0 ? a.url : b.url;
          statuses.push((await fetch(`${base}/api/shared-limit`, { headers: { authorization: `Bearer ${token}` } })).status);
        }
        expect(statuses.filter((s) => s === 200)).toHaveLength(6);
        expect(statuses.slice(6)).toEqual([429, 429, 429, 429]);
      });
    }
  });
}
