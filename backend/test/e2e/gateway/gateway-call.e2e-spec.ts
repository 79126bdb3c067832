import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlDatabase, createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { GatewayFactory } from 'test/support/gateway-factory.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

let t: TestApp;
let f: GatewayFactory;
let ext: TestDatabase;
let maria: TestDatabase;
let ds: string;
let mod: string;

beforeAll(async () => {
  ext = await createPgDatabase('qg_gw_ext');
  maria = await createMysqlDatabase('qg_gw_maria');
  const c = new pg.Client({ connectionString: ext.url });
  await c.connect();
  await c.query(`CREATE TABLE item (id int PRIMARY KEY, item_name text, created_on date)`);
  await c.query(`INSERT INTO item SELECT g, 'item ' || g, date '2024-01-01' + g FROM generate_series(1, 200) g`);
  await c.end();
  t = await startTestApp({ BODY_LIMIT_BYTES: '2048', GATEWAY_COMPRESS_MIN_BYTES: '1024', ACCESS_LOG_BODY: 'true' });
  f = GatewayFactory.create(t.app, t.db.url);
  ds = await f.datasource(ext);
  mod = await f.module();
}, 60_000);

afterAll(async () => {
  await f?.close();
  await t?.close();
  await ext?.drop();
  await maria?.drop();
});

const call = (method: string, path: string, options: Parameters<TestApp['request']>[2] = {}) => t.request(method, path, options);

describe('gateway: pyDBAPI e2e cases', () => {
  it('serves a published public SQL API in the envelope with a request id; unknown paths are 404', async () => {
    await f.api({ moduleId: mod, path: 'hello', datasourceId: ds, content: `SELECT 1 AS ok, 'hello' AS greeting` });
    await f.refresh();
    const res = await call('GET', '/api/hello');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: null, data: [{ ok: 1, greeting: 'hello' }] });
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const missing = await call('GET', '/api/no-such-api');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ success: false, data: [], code: 'NOT_FOUND' });
  });

  it('binds query, body and path parameters with types, defaults and required checks', async () => {
    await f.api({ moduleId: mod, path: 'num', datasourceId: ds, content: `SELECT {{ n }}::int AS n`, params: [{ name: 'n', type: 'integer', required: true, default: 99 }] });
    await f.api({ moduleId: mod, path: 'need', datasourceId: ds, content: `SELECT {{ n }}::int AS n`, params: [{ name: 'n', type: 'integer', required: true }] });
    await f.api({ moduleId: mod, path: 'greet', method: 'POST', datasourceId: ds, content: `SELECT {{ greeting | sql_string }} AS greeting`, params: [{ name: 'greeting', location: 'body' }] });
    await f.api({ moduleId: mod, path: 'prefix/{id}', datasourceId: ds, content: `SELECT {{ id }}::int AS user_id`, params: [{ name: 'id', location: 'path', type: 'integer' }] });
    await f.refresh();
    expect((await call('GET', '/api/num?n=42')).body.data[0].n).toBe(42);
    expect((await call('GET', '/api/num')).body.data[0].n).toBe(99);
    const bad = await call('GET', '/api/need');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ success: false, code: 'PARAMS_INVALID', errors: [{ param: 'n', message: 'is required' }] });
    expect((await call('GET', '/api/need?n=abc')).status).toBe(400);
    expect((await call('POST', '/api/greet', { body: { greeting: 'xin chao' } })).body.data[0].greeting).toBe('xin chao');
    expect((await call('GET', '/api/prefix/7')).body.data[0].user_id).toBe(7);
    expect((await call('GET', '/api/prefix/7/')).body.data[0].user_id).toBe(7);
  });

  it('answers 404 for an unpublished API, an inactive module and the wrong method', async () => {
    await f.api({ moduleId: mod, path: 'draft-only', datasourceId: ds, content: 'SELECT 1', publish: false });
    const off = await f.module(false);
    await f.api({ moduleId: off, path: 'in-inactive-module', datasourceId: ds, content: 'SELECT 1' });
    await f.refresh();
    expect((await call('GET', '/api/draft-only')).status).toBe(404);
    expect((await call('GET', '/api/in-inactive-module')).status).toBe(404);
    expect((await call('POST', '/api/hello')).status).toBe(404);
    expect((await call('DELETE', '/api/hello')).status).toBe(404);
  });

  it('runs scripts, transforms and validators', async () => {
    await f.api({ moduleId: mod, path: 'script', engine: 'script', content: `return { data: [{ msg: 'from-script' }], total: 1 };` });
    await f.api({ moduleId: mod, path: 'transformed', datasourceId: ds, content: 'SELECT 1 AS x', snapshot: { transform: `function transform(result) { result.transformed = true; return result; }` } });
    await f.api({
      moduleId: mod,
      path: 'validated',
      datasourceId: ds,
      content: 'SELECT {{ n }}::int AS n',
      params: [{ name: 'n', type: 'integer' }],
      snapshot: { validators: [{ param: 'n', code: 'function validate(value) { return value > 10; }', message: 'n must be above 10' }] },
    });
    await f.refresh();
    const script = await call('GET', '/api/script');
    expect(script.body).toEqual({ success: true, message: null, data: [{ msg: 'from-script' }], total: 1 });
    const tr = await call('GET', '/api/transformed');
    expect(tr.body).toMatchObject({ success: true, transformed: true, data: [{ x: 1 }] });
    const low = await call('GET', '/api/validated?n=5');
    expect(low.status).toBe(400);
    expect(low.body.errors).toEqual([{ param: 'n', message: 'n must be above 10' }]);
    expect((await call('GET', '/api/validated?n=15')).body.data[0].n).toBe(15);
  });

  it('serves the new version after a publish', async () => {
    const api = await f.api({ moduleId: mod, path: 'versioned', datasourceId: ds, content: `SELECT 'v1' AS v` });
    await f.refresh();
    expect((await call('GET', '/api/versioned')).body.data[0].v).toBe('v1');
    await f.publish(api.id, { ...(await snapshotOf(api.versionId!)), content: `SELECT 'v2' AS v` });
    await f.refresh();
    expect((await call('GET', '/api/versioned')).body.data[0].v).toBe('v2');
  });

  it('writes an access-log row for successes and rejections', async () => {
    await call('GET', '/api/hello');
    await call('GET', '/api/no-such-thing');
    await expect.poll(async () => (await f.db.query(`SELECT path, method, status FROM access_log WHERE path IN ('/api/hello', '/api/no-such-thing')`)).rows, { timeout: 5000 }).toEqual(
      expect.arrayContaining([
        { path: '/api/hello', method: 'GET', status: 200 },
        { path: '/api/no-such-thing', method: 'GET', status: 404 },
      ]),
    );
  });
});

describe('gateway: access log detail', () => {
  it('masks sensitive parameters in params and in the stored body', async () => {
    await f.api({
      moduleId: mod,
      path: 'login-like',
      method: 'POST',
      datasourceId: ds,
      content: `SELECT {{ user | sql_string }} AS u`,
      params: [{ name: 'user', location: 'body' }, { name: 'pin', location: 'body', sensitive: true }],
    });
    await f.refresh();
    expect((await call('POST', '/api/login-like', { body: { user: 'ana', pin: '4321' } })).status).toBe(200);
    await expect
      .poll(async () => (await f.db.query(`SELECT params, request_body FROM access_log WHERE path = '/api/login-like'`)).rows[0], { timeout: 5000 })
      .toEqual({ params: { user: 'ana', pin: '***' }, request_body: JSON.stringify({ user: 'ana', pin: '***' }) });
  });
});

describe('gateway: private APIs', () => {
  let secret: { id: string; versionId: string | null };
  beforeAll(async () => {
    secret = await f.api({ moduleId: mod, path: 'secret', datasourceId: ds, content: `SELECT 'secret' AS s`, snapshot: { accessType: 'private' } });
  });

  it('accepts a linked client with Bearer or raw token; refuses missing, expired, tampered, alg:none, wrong-key and dashboard tokens', async () => {
    const client = await f.client({ apiIds: [secret.id] });
    await f.refresh();
    const token = f.token(client.clientId);
    expect((await call('GET', '/api/secret')).status).toBe(401);
    const ok = await call('GET', '/api/secret', { token });
    expect(ok.status).toBe(200);
    expect(ok.body.data[0].s).toBe('secret');
    expect((await call('GET', '/api/secret', { headers: { authorization: token } })).status).toBe(200);
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: 'someone-else' })).toString('base64url')}.${s}`;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    for (const bad of [f.token(client.clientId, -120), tampered, none, f.forgedToken(client.clientId), await t.adminToken()]) {
      const res = await call('GET', '/api/secret', { token: bad });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ success: false, message: 'Unauthorized', code: 'UNAUTHORIZED' });
    }
  });

  it('refuses a client that is not linked, only in an inactive group, or outside its IP allow-list; accepts an active group', async () => {
    const stranger = await f.client();
    const inactive = await f.client();
    await f.group({ apiIds: [secret.id], clientIds: [inactive.id], isActive: false });
    const member = await f.client();
    await f.group({ apiIds: [secret.id], clientIds: [member.id] });
    const fenced = await f.client({ apiIds: [secret.id], allowedIps: ['10.1.2.0/24'] });
    const local = await f.client({ apiIds: [secret.id], allowedIps: ['127.0.0.1'] });
    await f.refresh();
    for (const c of [stranger, inactive, fenced]) expect((await call('GET', '/api/secret', { token: f.token(c.clientId) })).status).toBe(403);
    expect((await call('GET', '/api/secret', { token: f.token(member.clientId) })).status).toBe(200);
    expect((await call('GET', '/api/secret', { token: f.token(local.clientId) })).status).toBe(200);
  });

  it('gives exactly N successes then 429 with Retry-After and RateLimit headers', async () => {
    const api = await f.api({ moduleId: mod, path: 'limited', datasourceId: ds, content: 'SELECT 1 AS x', snapshot: { rateLimitPerMinute: 3 } });
    const client = await f.client({ rateLimitPerMinute: 5, apiIds: [api.id] });
    await f.refresh();
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await call('GET', '/api/limited', { token: f.token(client.clientId) });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('ratelimit-limit')).toBe('3');
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    expect(last!.body).toMatchObject({ success: false, code: 'RATE_LIMITED', message: 'Too Many Requests' });
  });

  it('max_concurrent 1: two slow parallel calls give one 200 and one 503', async () => {
    const api = await f.api({ moduleId: mod, path: 'slow', datasourceId: ds, content: 'SELECT pg_sleep(0.8) IS NULL AS slept', snapshot: { accessType: 'private' } });
    const client = await f.client({ maxConcurrent: 1, apiIds: [api.id] });
    await f.refresh();
    const token = f.token(client.clientId);
    const results = await Promise.all([call('GET', '/api/slow', { token }), call('GET', '/api/slow', { token })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 503]);
    expect((await call('GET', '/api/slow', { token })).status).toBe(200);
  });
});

describe('gateway: responses', () => {
  it('camel-cases keys on ?naming=camel or X-Response-Naming', async () => {
    await f.api({ moduleId: mod, path: 'items', datasourceId: ds, content: 'SELECT id, item_name FROM item ORDER BY id LIMIT 2' });
    await f.refresh();
    expect((await call('GET', '/api/items')).body.data[0]).toEqual({ id: 1, item_name: 'item 1' });
    expect((await call('GET', '/api/items?naming=camel')).body.data[0]).toEqual({ id: 1, itemName: 'item 1' });
    expect((await call('GET', '/api/items', { headers: { 'x-response-naming': 'camel' } })).body.data[0]).toEqual({ id: 1, itemName: 'item 1' });
  });

  it('streams CSV and NDJSON, answers HEAD without a body, compresses large JSON', async () => {
    await f.api({ moduleId: mod, path: 'all-items', datasourceId: ds, content: 'SELECT id, item_name FROM item ORDER BY id' });
    await f.refresh();
    const csv = await fetch(`${t.url}/api/all-items`, { headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,item_name');
    expect(lines).toHaveLength(201);
    const nd = await fetch(`${t.url}/api/all-items`, { headers: { accept: 'application/x-ndjson' } });
    expect(JSON.parse((await nd.text()).split('\n')[1])).toEqual({ id: 2, item_name: 'item 2' });
    const head = await fetch(`${t.url}/api/all-items`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const gz = await fetch(`${t.url}/api/all-items`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(((await gz.json()) as { data: unknown[] }).data).toHaveLength(200);
  });

  it('413 for a body over the limit, 504 on statement timeout, 500 without internal detail', async () => {
    await f.api({ moduleId: mod, path: 'post-it', method: 'POST', datasourceId: ds, content: 'SELECT 1 AS x' });
    await f.api({ moduleId: mod, path: 'too-slow', datasourceId: ds, content: 'SELECT pg_sleep(2) IS NULL AS x', snapshot: { timeoutMs: 200 } });
    await f.api({ moduleId: mod, path: 'broken', datasourceId: ds, content: 'SELECT * FROM no_such_table' });
    await f.refresh();
    const big = await call('POST', '/api/post-it', { body: { blob: 'x'.repeat(5000) } });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ success: false, code: 'PAYLOAD_TOO_LARGE' });
    const slow = await call('GET', '/api/too-slow');
    expect(slow.status).toBe(504);
    expect(slow.body).toMatchObject({ success: false, code: 'STATEMENT_TIMEOUT', message: 'Gateway Timeout' });
    const broken = await call('GET', '/api/broken');
    expect(broken.status).toBe(500);
    expect(JSON.stringify(broken.body)).not.toContain('no_such_table');
  });

  it('answers CORS preflights and responses for the API’s allowed origins only', async () => {
    await f.api({ moduleId: mod, path: 'cors', datasourceId: ds, content: 'SELECT 1 AS x', snapshot: { corsOrigins: ['https://app.example'] } });
    await f.refresh();
    const pre = await fetch(`${t.url}/api/cors`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await fetch(`${t.url}/api/cors`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await fetch(`${t.url}/api/cors`, { headers: { origin: 'https://app.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });

  it('caches a response per version and params, running concurrent misses once', async () => {
    const api = await f.api({ moduleId: mod, path: 'cached', datasourceId: ds, content: `SELECT {{ k }} AS k, clock_timestamp()::text AS at`, params: [{ name: 'k' }], snapshot: { cacheTtlSeconds: 60 } });
    await f.refresh();
    const burst = await Promise.all([1, 2, 3, 4].map(() => call('GET', '/api/cached?k=a')));
    expect(new Set(burst.map((r) => r.body.data[0].at)).size).toBe(1);
    const other = await call('GET', '/api/cached?k=b');
    expect(other.body.data[0].at).not.toBe(burst[0].body.data[0].at);
    await f.publish(api.id, { ...(await snapshotOf(api.versionId!)) });
    await f.refresh();
    expect((await call('GET', '/api/cached?k=a')).body.data[0].at).not.toBe(burst[0].body.data[0].at);
  });

  it('serves MariaDB data sources', async () => {
    const mds = await f.datasource(maria, 'mysql');
    await f.api({ moduleId: mod, path: 'maria', datasourceId: mds, content: 'SELECT {{ n }} + 1 AS n', params: [{ name: 'n', type: 'integer' }] });
    await f.refresh();
    expect((await call('GET', '/api/maria?n=41')).body.data[0].n).toBe(42);
  });
});

async function snapshotOf(versionId: string) {
  const { rows } = await f.db.query('SELECT snapshot FROM api_version WHERE id = $1', [versionId]);
  return rows[0].snapshot;
}
