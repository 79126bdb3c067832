import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopApp } from 'src/app.factory.js';
import { createPgDatabase, TEST_REDIS_URL, type TestDatabase } from 'test/support/databases.js';
import { GatewayFactory } from 'test/support/gateway-factory.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

let t: TestApp;
let f: GatewayFactory;
let ext: TestDatabase;
const redis = new Redis(TEST_REDIS_URL);

beforeAll(async () => {
  ext = await createPgDatabase('qg_gw_stop_ext');
  t = await startTestApp({ REDIS_URL: TEST_REDIS_URL });
  f = GatewayFactory.create(t.app, t.db.url);
}, 60_000);

afterAll(async () => {
  await f?.close();
  await t?.db.drop();
  await ext?.drop();
  await redis.quit();
});

describe('gateway shutdown (Redis limits)', () => {
  it('frees the slot of a call that finishes while the instance stops', async () => {
    const mod = await f.module();
    const ds = await f.datasource(ext);
    const api = await f.api({ moduleId: mod, path: 'slow-stop', datasourceId: ds, content: 'SELECT true AS slept FROM pg_sleep(0.5)', snapshot: { accessType: 'private' } });
    const client = await f.client({ maxConcurrent: 2, apiIds: [api.id] });
    await f.refresh();
    const slots = `qg:cc:c:${client.id}`;
    const call = t.request('GET', '/api/slow-stop', { token: f.token(client.clientId) });
    const started = Date.now();
    while ((await redis.zcard(slots)) === 0 && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 10));
    expect(await redis.zcard(slots)).toBe(1);
    const closing = stopApp(t.app);
    // The call in flight finishes normally: the pools close only after the HTTP server has drained.
    const res = await call;
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([{ slept: true }]);
    await closing;
    // The lease (120 s) was removed, not left to expire.
    expect(await redis.zcard(slots)).toBe(0);
  });
});
