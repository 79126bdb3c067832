import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from 'src/app.factory.js';
import { loadConfig } from 'src/config/app-config.service.js';
import { SigningKeysService } from 'src/tokens/signing-keys.service.js';
import { TokenService } from 'src/tokens/token.service.js';
import { createClient, decodePart } from 'test/e2e/tokens/token-helpers.js';
import { TEST_REDIS_URL } from 'test/support/databases.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

/** Polls `probe` until it returns true; returns the elapsed milliseconds. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < ms) {
    if (await probe()) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`not within ${ms} ms`);
}

for (const transport of ['redis', 'postgres'] as const) {
  describe(`token changes reach a second instance (${transport} notifications)`, () => {
    const env: Record<string, string> = transport === 'redis' ? { REDIS_URL: `${TEST_REDIS_URL}/7`, TOKEN_MAX_FAILURES_PER_IP: '1000' } : { TOKEN_MAX_FAILURES_PER_IP: '1000' };
    let a: TestApp;
    let b: NestFastifyApplication;
    let bUrl: string;
    beforeAll(async () => {
      a = await startTestApp(env);
      const config = loadConfig({
        DATABASE_URL: a.db.url,
        APP_SECRET: a.config.appSecret!,
        ENCRYPTION_KEY: a.config.encryptionKey!,
        LOG_LEVEL: 'error',
        SERVE_DASHBOARD: 'false',
        SEED_SAMPLES: 'false',
        DATABASE_POOL_MAX: '4',
        ...env,
      });
      b = (await createApp(config)).app;
      await b.listen({ port: 0, host: '127.0.0.1' });
      bUrl = `http://127.0.0.1:${(b.getHttpServer().address() as { port: number }).port}`;
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    const tokenOnB = (clientId: string, secret: string) =>
      fetch(`${bUrl}/token/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: clientId, client_secret: secret }) });

    it('should share one signing key and refuse a rotated secret or a deactivated client on the other instance within a second', async () => {
      const c = await createClient(a);
      const fromB = (await (await tokenOnB(c.clientId, c.clientSecret)).json()) as { access_token: string };
      expect((await a.app.get(TokenService).verify(fromB.access_token)).sub).toBe(c.clientId);
      expect((await tokenOnB(c.clientId, c.clientSecret)).status).toBe(200); // now cached on B

      const token = await a.adminToken();
      const rotated = await a.request('POST', `/admin/v1/clients/${c.id}/secret`, { token, body: { graceSeconds: 0 } });
      expect(await within(1000, async () => (await tokenOnB(c.clientId, c.clientSecret)).status === 401)).toBeLessThan(1000);
      expect((await tokenOnB(c.clientId, rotated.body.clientSecret)).status).toBe(200);

      await a.request('PATCH', `/admin/v1/clients/${c.id}`, { token, body: { isActive: false } });
      expect(await within(1000, async () => (await tokenOnB(c.clientId, rotated.body.clientSecret)).status === 401)).toBeLessThan(1000);
    });

    it('should sign with a key rotated on the other instance and list it in its JWKS within a second', async () => {
      const c = await createClient(a);
      const newKid = await a.app.get(SigningKeysService).rotate();
      await within(1000, async () => {
        const res = await tokenOnB(c.clientId, c.clientSecret);
        return decodePart(((await res.json()) as { access_token: string }).access_token.split('.')[0]).kid === newKid;
      });
      const jwks = (await (await fetch(`${bUrl}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      expect(jwks.keys.map((k) => k.kid)).toContain(newKid);
      expect(jwks.keys).toHaveLength(2);
    });
  });
}
