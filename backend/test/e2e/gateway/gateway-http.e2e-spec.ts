import { request as httpRequest } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogWriter } from 'src/access-logs/access-log.writer.js';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { GatewayFactory } from 'test/support/gateway-factory.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

// The gateway is served straight from the HTTP server, before Fastify: these are the parts of a request
// Fastify used to read for it (body, query, headers) and the routes under /api/ that stay Fastify's.
let t: TestApp;
let f: GatewayFactory;
let ext: TestDatabase;
let mod: string;
let ds: string;

beforeAll(async () => {
  ext = await createPgDatabase('qg_gw_http');
  t = await startTestApp({ BODY_LIMIT_BYTES: '1024' });
  f = GatewayFactory.create(t.app, t.db.url);
  ds = await f.datasource(ext);
  mod = await f.module();
  await f.api({ moduleId: mod, path: 'echo', method: 'POST', datasourceId: ds, content: 'SELECT {{ name }}::text AS name, {{ n }}::int AS n', params: [{ name: 'name', location: 'body' }, { name: 'n', location: 'body', type: 'integer' }] });
  await f.api({ moduleId: mod, path: 'many', datasourceId: ds, content: 'SELECT array_agg(g ORDER BY g) AS ids FROM generate_series(1, 10) g WHERE g IN {{ ids | in_list }}', params: [{ name: 'ids', type: 'array', items: 'integer' }] });
  await f.refresh();
}, 60_000);

afterAll(async () => {
  await f?.close();
  await t?.close();
  await ext?.drop();
});

/** A raw request (fetch cannot send a chunked body of a chosen size or a bad content-length). */
function raw(method: string, path: string, headers: Record<string, string>, chunks: string[]): Promise<{ status: number; headers: Record<string, unknown>; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${t.url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('gateway HTTP entry', () => {
  it('binds a JSON body and a form body', async () => {
    const json = await t.request('POST', '/api/echo', { body: { name: 'ada', n: '7' } });
    expect(json.status).toBe(200);
    expect(json.body.data).toEqual([{ name: 'ada', n: 7 }]);
    const form = await fetch(`${t.url}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=b%C3%A9a&n=3' });
    expect(await form.json()).toMatchObject({ success: true, data: [{ name: 'béa', n: 3 }] });
  });

  it('refuses malformed JSON and prototype poisoning with 400 BODY_INVALID; an empty body carries no parameters', async () => {
    for (const body of ['{"name": ', '{"__proto__": {"admin": true}, "name": "x"}', '{"constructor": {"prototype": {"admin": true}}}']) {
      const res = await fetch(`${t.url}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body });
      expect(res.status, body).toBe(400);
      expect(await res.json()).toMatchObject({ success: false, code: 'BODY_INVALID', data: [] });
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const empty = await fetch(`${t.url}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
    expect(await empty.json()).toMatchObject({ success: true, data: [{ name: null, n: null }] });
  });

  it('answers 413 for a chunked body that grows over the limit, and ignores bodies of other content types', async () => {
    const big = await raw('POST', '/api/echo', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, ['{"name": "', 'x'.repeat(800), 'x'.repeat(800), '"}']);
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ success: false, code: 'PAYLOAD_TOO_LARGE' });
    const text = await fetch(`${t.url}/api/echo?name=q`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'name=ignored' });
    expect(await text.json()).toMatchObject({ data: [{ name: null, n: null }] });
  });

  it('a caller that goes away mid-call cancels its query, frees its slot and is logged as 499', async () => {
    const sleepy = await f.api({ moduleId: mod, path: 'sleepy', datasourceId: ds, content: 'SELECT pg_sleep(30) IS NULL AS qg_gone_marker', snapshot: { accessType: 'private' } });
    const quick = await f.api({ moduleId: mod, path: 'quick', datasourceId: ds, content: 'SELECT 1 AS one', snapshot: { accessType: 'private' } });
    const client = await f.client({ maxConcurrent: 1, apiIds: [sleepy.id, quick.id] });
    await f.refresh();
    const authorization = `Bearer ${f.token(client.clientId)}`;
    const probe = new pg.Client({ connectionString: ext.url });
    await probe.connect();
    const running = async () =>
      (await probe.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%qg_gone_marker%' AND state = 'active' AND pid <> pg_backend_pid()`)).rows[0].n as number;
    try {
      const req = httpRequest(`${t.url}/api/sleepy`, { headers: { authorization, 'x-request-id': 'gone-caller' } });
      req.on('error', () => undefined);
      req.end();
      await expect.poll(running, { timeout: 5_000 }).toBe(1);
      req.destroy();
      await expect.poll(running, { timeout: 5_000 }).toBe(0);
      // The client's single slot is free again (a leaked one would answer 503 for two minutes).
      await expect.poll(async () => (await fetch(`${t.url}/api/quick`, { headers: { authorization } })).status, { timeout: 3_000 }).toBe(200);
      await t.app.get(AccessLogWriter).flush();
      const { rows } = await f.db.query(`SELECT status, error_code FROM access_log WHERE request_id = 'gone-caller'`);
      expect(rows).toEqual([{ status: 499, error_code: 'QUERY_CANCELLED' }]);
    } finally {
      await probe.end();
    }
  });

  it('reads repeated query keys as a list and echoes a sane X-Request-Id', async () => {
    const res = await fetch(`${t.url}/api/many?ids=1&ids=2&ids=3`, { headers: { 'x-request-id': 'trace-42' } });
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.json()).toMatchObject({ success: true, data: [{ ids: [1, 2, 3] }] });
    const bad = await fetch(`${t.url}/api/many`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leaves the static routes other features register under /api/ to Fastify', async () => {
    const openapi = await t.request('GET', '/api/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toMatch(/^3\.1/);
    const token = await t.request('POST', '/api/token/generate', { body: { client_id: 'qg_nobody', client_secret: 'x' } });
    expect(token.status).toBe(401);
  });

  it('writes the access-log row of a refused body', async () => {
    await raw('POST', '/api/echo?tag=http-413', { 'content-type': 'application/json', 'content-length': '5000' }, []).catch(() => undefined);
    const db = new pg.Client({ connectionString: t.db.url });
    await db.connect();
    try {
      let rows: { status: number; error_code: string }[] = [];
      for (let i = 0; i < 40 && !rows.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
        rows = (await db.query(`SELECT status, error_code FROM access_log WHERE path = '/api/echo' AND status = 413`)).rows;
      }
      expect(rows[0]).toEqual({ status: 413, error_code: 'PAYLOAD_TOO_LARGE' });
    } finally {
      await db.end();
    }
  });
});
