import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { GatewayFactory } from 'test/support/gateway-factory.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

let t: TestApp;
let f: GatewayFactory;
let ext: TestDatabase;

beforeAll(async () => {
  ext = await createPgDatabase('qg_gw_stream');
  t = await startTestApp();
  f = GatewayFactory.create(t.app, t.db.url);
  const ds = await f.datasource(ext, 'postgres', { statementTimeoutMs: 120_000 });
  const mod = await f.module();
  await f.api({ moduleId: mod, path: 'million', datasourceId: ds, content: `SELECT g AS id, md5(g::text) AS hash, g % 7 = 0 AS lucky FROM generate_series(1, 1000000) g` });
  await f.api({ moduleId: mod, path: 'endless', datasourceId: ds, content: `SELECT a * 1000 + b AS qg_abort_marker, repeat('x', 200) AS pad FROM generate_series(1, 2000000) a, generate_series(1, 1000) b` });
  await f.refresh();
}, 60_000);

afterAll(async () => {
  await f?.close();
  await t?.close();
  await ext?.drop();
});

describe('gateway streaming', () => {
  it('streams 1,000,000 rows as CSV with flat memory', async () => {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const res = await fetch(`${t.url}/api/million`, { headers: { accept: 'text/csv' } });
    expect(res.status).toBe(200);
    let lines = 0;
    let tail = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body!) {
      const text = tail + decoder.decode(chunk as Uint8Array, { stream: true });
      const parts = text.split('\r\n');
      tail = parts.pop()!;
      lines += parts.length;
    }
    clearInterval(sampler);
    expect(lines).toBe(1_000_001);
    // The full answer is ~45 MB of text and ~1M row objects; streaming keeps the heap far below that.
    expect(peak - before).toBeLessThan(80 * 1024 * 1024);
  }, 120_000);

  it('a client that disconnects cancels the database query', async () => {
    // A real disconnect: the socket is destroyed after the first bytes arrive.
    const req = http.get(`${t.url}/api/endless`, { headers: { accept: 'application/x-ndjson' }, agent: false });
    await new Promise<void>((resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res) => res.once('data', () => resolve()));
    });
    const probe = new pg.Client({ connectionString: ext.url });
    probe.on('error', () => undefined);
    await probe.connect();
    const running = async () =>
      (await probe.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%qg_abort_marker%' AND state <> 'idle' AND pid <> pg_backend_pid()`)).rows[0].n;
    expect(await running()).toBe(1);
    req.on('error', () => undefined);
    req.destroy();
    await expect.poll(running, { timeout: 5000, interval: 100 }).toBe(0);
    await probe.end();
  }, 30_000);
});
