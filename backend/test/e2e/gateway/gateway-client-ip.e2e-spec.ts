import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { GatewayFactory } from 'test/support/gateway-factory.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

describe.each([
  ['trusted proxy (TRUSTED_PROXIES=127.0.0.1/32)', '127.0.0.1/32', 200],
  ['untrusted peer (no TRUSTED_PROXIES)', '', 403],
])('client IP behind a %s', (_name, proxies, expected) => {
  let t: TestApp;
  let f: GatewayFactory;
  let ext: TestDatabase;
  let token: string;

  beforeAll(async () => {
    ext = await createPgDatabase('qg_gw_ip');
    t = await startTestApp({ TRUSTED_PROXIES: proxies });
    f = GatewayFactory.create(t.app, t.db.url);
    const api = await f.api({ moduleId: await f.module(), path: 'fenced', datasourceId: await f.datasource(ext), content: 'SELECT 1 AS x', snapshot: { accessType: 'private' } });
    const client = await f.client({ apiIds: [api.id], allowedIps: ['203.0.113.0/24'] });
    await f.refresh();
    token = f.token(client.clientId);
  }, 60_000);

  afterAll(async () => {
    await f?.close();
    await t?.close();
    await ext?.drop();
  });

  it('uses X-Forwarded-For only from a trusted proxy for the IP allow-list', async () => {
    const res = await t.request('GET', '/api/fenced', { token, headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(expected);
  });
});
