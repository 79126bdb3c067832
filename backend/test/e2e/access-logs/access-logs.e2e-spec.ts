import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogRetentionService } from 'src/access-logs/access-log-retention.service.js';
import { AccessLogWriter } from 'src/access-logs/access-log.writer.js';
import { accessLogRecord } from 'test/support/access-log-factory.js';
import { startTestApp, userWithRole, type TestApp } from 'test/support/test-app.js';

describe('GET /admin/v1/access-logs', () => {
  let t: TestApp;
  let token: string;
  const apiId = randomUUID();
  const moduleId = randomUUID();
  const groupId = randomUUID();
  const clientId = randomUUID();
  const base = Date.now() - 3600_000;

  beforeAll(async () => {
    t = await startTestApp({ ACCESS_LOG_RETENTION_DAYS: '7' });
    token = await t.adminToken();
    const ds = t.app.get(DataSource);
    await ds.query(`INSERT INTO api_module (id, name) VALUES ($1, 'Sales')`, [moduleId]);
    await ds.query(`INSERT INTO api (id, module_id, name, path, path_shape, method, engine) VALUES ($1, $2, 'Orders', 'orders/{id}', 'orders/{}', 'GET', 'sql')`, [apiId, moduleId]);
    await ds.query(`INSERT INTO api_group (id, name) VALUES ($1, 'Partners')`, [groupId]);
    await ds.query(`INSERT INTO api_group_api (group_id, api_id) VALUES ($1, $2)`, [groupId, apiId]);
    await ds.query(`INSERT INTO app_client (id, client_id, name, secret_hash) VALUES ($1, 'qg_acme', 'Acme', 'x')`, [clientId]);
    const writer = t.app.get(AccessLogWriter);
    const rows = [
      accessLogRecord({ apiId, moduleId, clientId, clientKey: 'qg_acme', path: 'orders/1', createdAt: new Date(base), durationMs: 4 }),
      accessLogRecord({ apiId, moduleId, clientId, clientKey: 'qg_acme', path: 'orders/2', createdAt: new Date(base + 1000), durationMs: 40 }),
      accessLogRecord({ apiId, moduleId, clientId, path: 'orders/3', status: 429, errorCode: 'RATE_LIMITED', createdAt: new Date(base + 2000), durationMs: 1 }),
      accessLogRecord({ path: 'nope', status: 404, errorCode: 'API_NOT_FOUND', method: 'POST', ip: '10.1.2.3', createdAt: new Date(base + 3000), params: null }),
      accessLogRecord({ path: '=cmd|calc', status: 500, errorCode: 'INTERNAL_ERROR', createdAt: new Date(base + 4000), apiId, moduleId }),
      accessLogRecord({ path: 'old', createdAt: new Date(Date.now() - 10 * 86_400_000) }),
    ];
    for (const r of rows) writer.write(r);
    await writer.flush();
  });
  afterAll(() => t.close());

  it('should list newest first with filters', async () => {
    const all = await t.request('GET', '/admin/v1/access-logs?pageSize=100', { token });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(6);
    expect(all.body.items[0].path).toBe('=cmd|calc');
    expect(all.body.items[0].apiDisplay).toBe('GET /orders/{id}');
    const q = (s: string) => t.request('GET', `/admin/v1/access-logs?${s}`, { token }).then((r) => r.body.items.map((i: { path: string }) => i.path));
    expect(await q(`apiId=${apiId}`)).toEqual(['=cmd|calc', 'orders/3', 'orders/2', 'orders/1']);
    expect(await q(`groupId=${groupId}&status=success`)).toEqual(['orders/2', 'orders/1']);
    expect(await q(`clientId=${clientId}&status=fail`)).toEqual(['orders/3']);
    expect(await q('status=404')).toEqual(['nope']);
    expect(await q('method=POST&ip=10.1.2.3')).toEqual(['nope']);
    expect(await q('path=RDERS/1')).toEqual(['orders/1']);
    expect(await q('path=%25')).toEqual([]);
    expect(await q(`from=${new Date(base + 500).toISOString()}&to=${new Date(base + 2500).toISOString()}`)).toEqual(['orders/3', 'orders/2']);
  });

  it('should answer bad filters with 400 naming the field', async () => {
    const res = await t.request('GET', '/admin/v1/access-logs?status=maybe&apiId=nope&from=yesterday', { token });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['apiId', 'from', 'status']);
  });

  it('should return one entry with its client name, and 404 for an unknown id', async () => {
    const list = await t.request('GET', `/admin/v1/access-logs?clientId=${clientId}&pageSize=1`, { token });
    const one = await t.request('GET', `/admin/v1/access-logs/${list.body.items[0].id}`, { token });
    expect(one.body).toMatchObject({ clientName: 'Acme', clientKey: null, status: 429, errorCode: 'RATE_LIMITED' });
    expect((await t.request('GET', '/admin/v1/access-logs/999999999', { token })).status).toBe(404);
    expect((await t.request('GET', '/admin/v1/access-logs/abc', { token })).status).toBe(404);
  });

  it('should export the filtered range as CSV with formula cells neutralised', async () => {
    const res = await fetch(`${t.url}/admin/v1/access-logs/export?apiId=${apiId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^createdAt,requestId,method,path,status/);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(",'=cmd|calc,");
    expect(lines[1]).not.toContain(',=cmd');
  });

  it('should refuse users without access_log:read', async () => {
    const viewer = await userWithRole(t, 'Viewer');
    expect((await t.request('GET', '/admin/v1/access-logs', { token: viewer.token })).status).toBe(200);
    expect((await t.request('GET', '/admin/v1/access-logs')).status).toBe(401);
  });

  it('should summarise traffic, statuses, top APIs and latency from the roll-up', async () => {
    const stats = await t.request('GET', '/admin/v1/overview/stats', { token });
    expect(stats.body).toMatchObject({ modules: 1, apisTotal: 1, apisPublished: 0, clients: 1, groups: 1, requests24h: 5 });
    expect(stats.body.errorRate24h).toBeCloseTo(3 / 5);
    const breakdown = await t.request('GET', '/admin/v1/overview/status-breakdown?days=30', { token });
    expect(breakdown.body.byStatusClass).toEqual([
      { key: '2xx', count: 3 },
      { key: '4xx', count: 2 },
      { key: '5xx', count: 1 },
    ]);
    expect(breakdown.body.byMethod).toEqual([
      { key: 'GET', count: 5 },
      { key: 'POST', count: 1 },
    ]);
    const top = await t.request('GET', '/admin/v1/overview/top-apis?days=1', { token });
    expect(top.body[0]).toMatchObject({ apiId, apiDisplay: 'GET /orders/{id}', count: 4, errors: 2, errorRate: 0.5 });
    expect(top.body[0].p50).toBeLessThanOrEqual(top.body[0].p99);
    expect(top.body[0].p99).toBe(50);
    const latency = await t.request('GET', '/admin/v1/overview/latency?days=1&by=client', { token });
    expect(latency.body.find((r: { id: string }) => r.id === clientId)).toMatchObject({ label: 'Acme', count: 3 });
    const traffic = await t.request('GET', '/admin/v1/overview/traffic?days=1', { token });
    expect(traffic.body.reduce((n: number, p: { count: number }) => n + p.count, 0)).toBe(5);
    const recent = await t.request('GET', '/admin/v1/overview/recent-access?limit=2', { token });
    expect(recent.body).toHaveLength(2);
    expect((await t.request('GET', '/admin/v1/overview/recent-commits', { token })).body).toEqual([]);
  });

  it('should purge rows older than the retention period', async () => {
    const purged = await t.app.get(AccessLogRetentionService).purge();
    expect(purged).toBe(1);
    const all = await t.request('GET', '/admin/v1/access-logs', { token });
    expect(all.body.total).toBe(5);
  });
});
