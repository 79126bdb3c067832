import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { startTestApp, userWithRole, type TestApp } from 'test/support/test-app.js';
import { appQuery, createApi, createModule, insertDatasource, seedPg } from 'test/e2e/apis/publishing-fixtures.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('/admin/v1/macros', () => {
  let t: TestApp;
  let ext: TestDatabase;
  let token: string;
  let datasourceId: string;
  let moduleId: string;
  const createMacro = async (body: Record<string, unknown>) => {
    const res = await t.request('POST', '/admin/v1/macros', { token, body });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body;
  };
  const commit = async (id: string, message = 'm') => (await t.request('POST', `/admin/v1/macros/${id}/versions`, { token, body: { message } })).body;
  const publish = (id: string, versionId: string) => t.request('POST', `/admin/v1/macros/${id}/publish`, { token, body: { versionId } });

  beforeAll(async () => {
    t = await startTestApp();
    ext = await createPgDatabase('qg_ext');
    await seedPg(ext, `CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, 30) g;`);
    token = await t.adminToken();
    datasourceId = await insertDatasource(t, 'postgres', ext);
    moduleId = await createModule(t, token, 'Macros');
  });
  afterAll(async () => {
    await t.close();
    await ext.drop();
  });

  it('should create SQL, script and module macros, list/filter them and answer 400/404/409', async () => {
    const sql = await createMacro({ name: 'paging', kind: 'sql', content: '{% macro page(n) %}LIMIT {{ n }}{% endmacro %}', description: 'limit' });
    expect(sql).toMatchObject({ name: 'paging', kind: 'sql', moduleId: null, status: 'draft', publishedVersionId: null, publishedVersion: null });
    const script = await createMacro({ name: 'util', kind: 'script', moduleId, content: 'function double(x) { return x * 2 }' });
    expect(script.moduleId).toBe(moduleId);
    const globals = await t.request('GET', '/admin/v1/macros?moduleId=global&pageSize=100', { token });
    expect(globals.body.items.map((m: { id: string }) => m.id)).toContain(sql.id);
    expect(globals.body.items.map((m: { id: string }) => m.id)).not.toContain(script.id);
    expect((await t.request('GET', `/admin/v1/macros?moduleId=${moduleId}`, { token })).body.items.map((m: { id: string }) => m.id)).toEqual([script.id]);
    expect((await t.request('GET', '/admin/v1/macros?kind=script&q=uti', { token })).body).toMatchObject({ total: 1, items: [{ id: script.id }] });
    const upd = await t.request('PATCH', `/admin/v1/macros/${sql.id}`, { token, body: { description: 'paging helper' } });
    expect(upd.body.description).toBe('paging helper');
    expect((await t.request('PATCH', `/admin/v1/macros/${sql.id}`, { token, body: { kind: 'script' } })).status).toBe(400);

    const bad = await t.request('POST', '/admin/v1/macros', { token, body: { name: '1 bad', kind: 'python' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['name', 'kind']));
    const badSql = await t.request('POST', '/admin/v1/macros', { token, body: { name: 'broken', kind: 'sql', content: '{% macro x() %}\n{{ a | nope }}{% endmacro %}' } });
    expect(badSql.body.details[0]).toMatchObject({ field: 'content', line: 2 });
    const badJs = await t.request('POST', '/admin/v1/macros', { token, body: { name: 'broken', kind: 'script', content: 'function (' } });
    expect(badJs.status).toBe(400);
    expect((await t.request('POST', '/admin/v1/macros', { token, body: { name: 'x', kind: 'sql', moduleId: MISSING } })).status).toBe(400);
    const dup = await t.request('POST', '/admin/v1/macros', { token, body: { name: 'PAGING', kind: 'sql' } });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('MACRO_NAME_TAKEN');
    expect((await t.request('POST', '/admin/v1/macros', { token, body: { name: 'paging', kind: 'sql', moduleId } })).status).toBe(201);
    for (const [method, path, body] of [
      ['GET', `/admin/v1/macros/${MISSING}`],
      ['PATCH', `/admin/v1/macros/${MISSING}`, { description: 'x' }],
      ['DELETE', `/admin/v1/macros/${MISSING}`],
      ['GET', `/admin/v1/macros/${MISSING}/versions`],
      ['GET', `/admin/v1/macros/${MISSING}/used-by`],
      ['POST', `/admin/v1/macros/${MISSING}/publish`, { versionId: MISSING }],
    ] as [string, string, unknown?][]) {
      const res = await t.request(method, path, { token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('MACRO_NOT_FOUND');
    }
    expect((await t.request('GET', `/admin/v1/macros/${sql.id}/versions/${MISSING}`, { token })).body.code).toBe('MACRO_VERSION_NOT_FOUND');
  });

  it('should version, diff, restore, publish and unpublish a macro', async () => {
    const m = await createMacro({ name: 'life', kind: 'sql', content: '{% macro lim(n) %}LIMIT {{ n }}{% endmacro %}' });
    const v1 = await commit(m.id, 'first');
    expect(v1).toMatchObject({ version: 1, message: 'first', content: '{% macro lim(n) %}LIMIT {{ n }}{% endmacro %}', isPublished: false });
    await t.request('PATCH', `/admin/v1/macros/${m.id}`, { token, body: { content: '{% macro lim(n) %}LIMIT {{ n }} OFFSET 0{% endmacro %}' } });
    expect((await t.request('GET', `/admin/v1/macros/${m.id}/versions/${v1.id}`, { token })).body.content).not.toContain('OFFSET');
    const diff = await t.request('GET', `/admin/v1/macros/${m.id}/diff?from=${v1.id}&to=draft`, { token });
    expect(diff.body.changes).toHaveLength(1);
    expect(diff.body.changes[0].patch).toContain('+{% macro lim(n) %}LIMIT {{ n }} OFFSET 0{% endmacro %}');
    const v2 = await commit(m.id, 'offset');
    const pub = await publish(m.id, v1.id);
    expect(pub.body).toMatchObject({ status: 'published', publishedVersionId: v1.id, publishedVersion: 1 });
    expect((await t.request('DELETE', `/admin/v1/macros/${m.id}/versions/${v1.id}`, { token })).status).toBe(409);
    const restored = await t.request('POST', `/admin/v1/macros/${m.id}/versions/${v1.id}/restore`, { token });
    expect(restored.body.content).toBe(v1.content);
    expect((await t.request('DELETE', `/admin/v1/macros/${m.id}/versions/${v2.id}`, { token })).status).toBe(204);
    const versions = await t.request('GET', `/admin/v1/macros/${m.id}/versions`, { token });
    expect(versions.body.map((v: { version: number; isPublished: boolean }) => [v.version, v.isPublished])).toEqual([[1, true]]);
    const off = await t.request('POST', `/admin/v1/macros/${m.id}/unpublish`, { token });
    expect(off.body).toMatchObject({ status: 'draft', publishedVersionId: null });
    expect((await t.request('POST', `/admin/v1/macros/${m.id}/publish`, { token, body: {} })).status).toBe(400);
    const actions = await appQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE resource_id = $1 ORDER BY id`, [m.id]);
    expect(actions.map((a) => a.action)).toEqual(['macro.create', 'macro.version.create', 'macro.update', 'macro.version.create', 'macro.publish', 'macro.version.restore', 'macro.version.delete', 'macro.unpublish']);
  });

  it('should refuse to publish an API using an unpublished macro, prepend published macros in the console, and guard deletes', async () => {
    const m = await createMacro({ name: 'top', kind: 'sql', moduleId, content: '{% macro top(n) %}ORDER BY id LIMIT {{ n }}{% endmacro %}' });
    const api = await createApi(t, token, { moduleId, name: 'uses-top', path: 'macros/top', method: 'GET', engine: 'sql', datasourceId, content: 'SELECT id FROM items {{ top(2) }}' });
    const v = (await t.request('POST', `/admin/v1/apis/${api.id}/versions`, { token, body: {} })).body;
    const refused = await t.request('POST', `/admin/v1/apis/${api.id}/publish`, { token, body: { versionId: v.id } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'API_MACRO_UNPUBLISHED', message: expect.stringContaining('"top"') });
    const importing = await createApi(t, token, { moduleId, name: 'imports', path: 'macros/imports', method: 'GET', engine: 'sql', datasourceId, content: '{% import "ghost" as g %}SELECT 1 AS x' });
    const iv = (await t.request('POST', `/admin/v1/apis/${importing.id}/versions`, { token, body: {} })).body;
    expect((await t.request('POST', `/admin/v1/apis/${importing.id}/publish`, { token, body: { versionId: iv.id } })).body.code).toBe('API_MACRO_MISSING');

    const mv = await commit(m.id);
    expect((await publish(m.id, mv.id)).status).toBe(200);
    const run = await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token, body: {} });
    expect(run.body).toMatchObject({ success: true, statements: [{ sql: 'SELECT id FROM items ORDER BY id LIMIT $1', values: [2] }], result: { data: [{ id: 1 }, { id: 2 }] } });
    expect((await t.request('POST', `/admin/v1/apis/${api.id}/publish`, { token, body: { versionId: v.id } })).status).toBe(200);

    const usedBy = await t.request('GET', `/admin/v1/macros/${m.id}/used-by`, { token });
    expect(usedBy.body).toEqual([expect.objectContaining({ id: api.id, inDraft: true, inPublished: true })]);
    const del = await t.request('DELETE', `/admin/v1/macros/${m.id}`, { token });
    expect(del.status).toBe(409);
    expect(del.body).toMatchObject({ code: 'MACRO_IN_USE', message: expect.stringContaining('uses-top') });
    expect((await t.request('POST', `/admin/v1/macros/${m.id}/unpublish`, { token })).body.code).toBe('MACRO_IN_USE');
    await t.request('POST', `/admin/v1/apis/${api.id}/unpublish`, { token });
    expect((await t.request('DELETE', `/admin/v1/macros/${m.id}`, { token })).status).toBe(204);
  });

  it('should give script macros to validators and transforms of any engine', async () => {
    const m = await createMacro({ name: 'helpers', kind: 'script', moduleId, content: 'function isSmall(v) { return v < 10 }\nfunction wrap(rows) { return { data: rows, wrapped: true } }' });
    await publish(m.id, (await commit(m.id)).id);
    const api = await createApi(t, token, {
      moduleId,
      name: 'uses-helpers',
      path: 'macros/helpers',
      method: 'GET',
      engine: 'sql',
      datasourceId,
      content: 'SELECT id FROM items WHERE id = {{ id }}',
      params: [{ name: 'id', location: 'query', type: 'integer' }],
      validators: [{ param: 'id', code: 'return isSmall(value)', message: 'too big' }],
      transform: 'return wrap(result.data[0])',
    });
    const ok = await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token, body: { params: { id: 3 } } });
    expect(ok.body, JSON.stringify(ok.body)).toMatchObject({ success: true, result: { data: [{ id: 3 }], wrapped: true } });
    const no = await t.request('POST', `/admin/v1/apis/${api.id}/test`, { token, body: { params: { id: 20 } } });
    expect(no.body.error).toMatchObject({ code: 'VALIDATION_FAILED', params: [{ param: 'id', message: 'too big' }] });
  });

  it('should keep Viewers read-only and Devs from deleting', async () => {
    const m = await createMacro({ name: 'perm', kind: 'sql', content: '' });
    const viewer = await userWithRole(t, 'Viewer');
    const dev = await userWithRole(t, 'Dev');
    expect((await t.request('GET', '/admin/v1/macros')).status).toBe(401);
    expect((await t.request('GET', `/admin/v1/macros/${m.id}`, { token: viewer.token })).status).toBe(200);
    expect((await t.request('POST', '/admin/v1/macros', { token: viewer.token, body: { name: 'v', kind: 'sql' } })).status).toBe(403);
    expect((await t.request('PATCH', `/admin/v1/macros/${m.id}`, { token: viewer.token, body: { description: 'v' } })).status).toBe(403);
    expect((await t.request('PATCH', `/admin/v1/macros/${m.id}`, { token: dev.token, body: { content: '{% macro p() %}1{% endmacro %}' } })).status).toBe(200);
    const none = await t.request('POST', `/admin/v1/macros/${m.id}/versions`, { token: viewer.token, body: {} });
    expect(none.status).toBe(403);
    expect((await t.request('DELETE', `/admin/v1/macros/${m.id}`, { token: dev.token })).status).toBe(403);
  });
});
