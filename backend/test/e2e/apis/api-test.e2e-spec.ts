import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlDatabase, createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { startTestApp, userWithRole, type TestApp } from 'test/support/test-app.js';
import { appQuery, createApi, createModule, insertDatasource, seedMysql, seedPg } from 'test/e2e/apis/publishing-fixtures.js';

describe('Test console: POST /apis/{id}/test and POST /apis/test', () => {
  let t: TestApp;
  let pgDb: TestDatabase;
  let myDb: TestDatabase;
  let token: string;
  let pgId: string;
  let myId: string;
  let moduleId: string;
  const params = [
    { name: 'minId', location: 'query', type: 'integer', required: true, minimum: 0 },
    { name: 'names', location: 'query', type: 'array', items: 'string', default: ['alice', 'bob', 'carol'] },
  ];
  const content = 'SELECT id, name FROM items WHERE id >= {{ minId }} AND name IN {{ names | in_list }} ORDER BY id';

  beforeAll(async () => {
    t = await startTestApp();
    [pgDb, myDb] = await Promise.all([createPgDatabase('qg_ext'), createMysqlDatabase('qg_ext')]);
    await seedPg(pgDb, `CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items VALUES (1, 'alice'), (2, 'bob'), (3, 'carol');`);
    await seedMysql(myDb, ['CREATE TABLE items (id int PRIMARY KEY, name varchar(20))', "INSERT INTO items VALUES (1, 'alice'), (2, 'bob'), (3, 'carol')"]);
    token = await t.adminToken();
    pgId = await insertDatasource(t, 'postgres', pgDb);
    myId = await insertDatasource(t, 'mysql', myDb);
    moduleId = await createModule(t, token, 'Console');
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([pgDb.drop(), myDb.drop()]);
  });

  it('should show $n placeholders with the bound values on PostgreSQL', async () => {
    const api = await createApi(t, token, { moduleId, name: 'pg', path: 'console/pg', method: 'GET', engine: 'sql', datasourceId: pgId, content, params });
    const res = await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token, body: { params: { minId: '2', names: 'bob,carol' } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      statements: [{ sql: 'SELECT id, name FROM items WHERE id >= $1 AND name IN ($2, $3) ORDER BY id', values: [2, 'bob', 'carol'] }],
      result: { success: true, message: null, data: [{ id: 2, name: 'bob' }, { id: 3, name: 'carol' }] },
      rowCount: 2,
    });
    expect(Object.keys(res.body.timings).sort()).toEqual(['executeMs', 'queueMs', 'renderMs', 'totalMs', 'transformMs']);
    expect(res.body.timings.totalMs).toBeGreaterThan(0);
    expect(res.body.error).toBeUndefined();
    const [audit] = await appQuery<{ action: string; summary: Record<string, unknown> }>(t, `SELECT action, summary FROM audit_event WHERE resource_id = $1 AND action = 'api.test'`, [api.id]);
    expect(audit.summary).toMatchObject({ version: 'draft', success: true, rowCount: 2, paramNames: ['minId', 'names'] });
    const logs = await appQuery(t, `SELECT 1 FROM access_log WHERE api_id = $1`, [api.id]);
    expect(logs).toHaveLength(0);
  });

  it('should show ? placeholders with the bound values on MariaDB, and apply the transform', async () => {
    const api = await createApi(t, token, {
      moduleId,
      name: 'my',
      path: 'console/my',
      method: 'GET',
      engine: 'sql',
      datasourceId: myId,
      content,
      params,
      transform: 'function transform(result, params) { return { data: result.data[0].map((r) => ({ ...r, tag: params.minId })), total: result.data[0].length } }',
    });
    const res = await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token, body: { params: { minId: 1 } } });
    expect(res.body, JSON.stringify(res.body)).toMatchObject({
      success: true,
      statements: [{ sql: 'SELECT id, name FROM items WHERE id >= ? AND name IN (?, ?, ?) ORDER BY id', values: [1, 'alice', 'bob', 'carol'] }],
      result: { success: true, data: [{ id: 1, name: 'alice', tag: 1 }, { id: 2 }, { id: 3 }], total: 3 },
      rowCount: 3,
    });
    expect(res.body.timings.transformMs).toBeGreaterThan(0);
  });

  it('should answer parameter and validator errors inside the shape (200, VALIDATION_FAILED, one entry per param)', async () => {
    const api = await createApi(t, token, {
      moduleId,
      name: 'bad-params',
      path: 'console/bad',
      method: 'GET',
      engine: 'sql',
      datasourceId: pgId,
      content,
      params: [...params, { name: 'flag', location: 'query', type: 'boolean' }],
      validators: [{ param: 'minId', code: 'return value !== 3', message: 'minId 3 is not allowed' }],
    });
    const bad = await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token, body: { params: { minId: 'abc', flag: 'maybe' } } });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ success: false, statements: [], rowCount: 0, error: { code: 'VALIDATION_FAILED' }, result: { success: false, code: 'VALIDATION_FAILED' } });
    expect(bad.body.error.params.map((e: { param: string }) => e.param).sort()).toEqual(['flag', 'minId']);
    const missing = await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token, body: {} });
    expect(missing.body.error.params).toEqual([expect.objectContaining({ param: 'minId' })]);
    const refused = await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token, body: { params: { minId: 3 } } });
    expect(refused.body).toMatchObject({ success: false, error: { code: 'VALIDATION_FAILED', params: [{ param: 'minId', message: 'minId 3 is not allowed' }] } });
  });

  it('should report execution errors with their code and keep the statements', async () => {
    const api = await createApi(t, token, { moduleId, name: 'broken', path: 'console/broken', method: 'GET', engine: 'sql', datasourceId: pgId, content: 'SELECT nope FROM items WHERE id = {{ id }}', params: [{ name: 'id', location: 'query', type: 'integer' }] });
    const res = await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token, body: { params: { id: 1 } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: false, statements: [{ sql: 'SELECT nope FROM items WHERE id = $1', values: [1] }], error: { code: 'QUERY_FAILED', message: expect.stringContaining('nope') } });
  });

  it('should run inline definitions, and refuse an inline SQL run without a data source (400)', async () => {
    const sql = await t.request('POST', '/admin/v1/apis/test', { token, body: { engine: 'sql', datasourceId: myId, content: 'SELECT name FROM items WHERE id = {{ id }}', params: [{ name: 'id', location: 'query', type: 'integer', required: true }], values: { id: 2 } } });
    expect(sql.body).toMatchObject({ success: true, statements: [{ sql: 'SELECT name FROM items WHERE id = ?', values: [2] }], result: { data: [{ name: 'bob' }] } });
    const script = await t.request('POST', '/admin/v1/apis/test', { token, body: { engine: 'script', datasourceId: pgId, content: 'const rows = await db.query("SELECT count(*)::int AS n FROM items WHERE id > $1", [params.gt]); return rows', params: [{ name: 'gt', location: 'body', type: 'integer' }], values: { gt: 1 } } });
    expect(script.body, JSON.stringify(script.body)).toMatchObject({ success: true, result: { data: [{ n: 2 }] } });
    const syntax = await t.request('POST', '/admin/v1/apis/test', { token, body: { engine: 'sql', datasourceId: pgId, content: 'SELECT 1\n{% if %}' } });
    expect(syntax.body).toMatchObject({ success: false, error: { code: 'SQL_TEMPLATE_ERROR', line: 2 } });
    const noDs = await t.request('POST', '/admin/v1/apis/test', { token, body: { engine: 'sql', content: 'SELECT 1' } });
    expect(noDs.status).toBe(400);
    expect(noDs.body.details[0]).toMatchObject({ field: 'datasourceId', message: expect.stringContaining('datasourceId') });
    expect((await t.request('POST', '/admin/v1/apis/test', { token, body: { content: 'SELECT 1' } })).status).toBe(400);
  });

  it('should need api:execute (Viewer 403, Dev 200), a session (401) and a known API (404)', async () => {
    const api = await createApi(t, token, { moduleId, name: 'perm', path: 'console/perm', method: 'GET', engine: 'sql', datasourceId: pgId, content: 'SELECT 1 AS x' });
    const viewer = await userWithRole(t, 'Viewer');
    const dev = await userWithRole(t, 'Dev');
    expect((await t.request('POST', `/admin/v1/apis/${api.id}/test`, { body: {} })).status).toBe(401);
    expect((await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token: viewer.token, body: {} })).status).toBe(403);
    expect((await t.request('POST', '/admin/v1/apis/test', { token: viewer.token, body: { engine: 'sql', datasourceId: pgId, content: 'SELECT 1' } })).status).toBe(403);
    const ok = await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token: dev.token, body: {} });
    expect(ok.body).toMatchObject({ success: true, result: { data: [{ x: 1 }] } });
    const unknown = await t.request('POST', '/admin/v1/apis/00000000-0000-4000-8000-000000000000/test', { token, body: {} });
    expect(unknown.status).toBe(404);
    const badVersion = await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token, body: { versionId: '00000000-0000-4000-8000-000000000000' } });
    expect(badVersion.body.code).toBe('API_VERSION_NOT_FOUND');
  });
});
