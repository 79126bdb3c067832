import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { startTestApp, userWithRole, type TestApp } from 'test/support/test-app.js';
import { appQuery, commitAndPublish, createApi, insertDatasource } from 'test/e2e/apis/publishing-fixtures.js';

describe('/admin/v1/api-modules', () => {
  let t: TestApp;
  let ext: TestDatabase;
  let token: string;
  let datasourceId: string;
  beforeAll(async () => {
    t = await startTestApp();
    ext = await createPgDatabase('qg_ext');
    token = await t.adminToken();
    datasourceId = await insertDatasource(t, 'postgres', ext);
  });
  afterAll(async () => {
    await t.close();
    await ext.drop();
  });

  it('should create, read, update, list by sortOrder and delete a module, with audit events', async () => {
    const b = await t.request('POST', '/admin/v1/api-modules', { token, body: { name: ' Beta ', sortOrder: 2, description: 'second' } });
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({ name: 'Beta', sortOrder: 2, isActive: true, description: 'second', apiCount: 0, publishedApiCount: 0 });
    const a = await t.request('POST', '/admin/v1/api-modules', { token, body: { name: 'Alpha', sortOrder: 1 } });
    const list = await t.request('GET', '/admin/v1/api-modules?pageSize=100', { token });
    expect(list.status).toBe(200);
    const names = list.body.items.map((m: { name: string }) => m.name);
    expect(names.indexOf('Alpha')).toBeLessThan(names.indexOf('Beta'));
    expect(list.body).toMatchObject({ page: 1, pageSize: 100 });
    const got = await t.request('GET', `/admin/v1/api-modules/${a.body.id}`, { token });
    expect(got.body.name).toBe('Alpha');
    const upd = await t.request('PATCH', `/admin/v1/api-modules/${a.body.id}`, { token, body: { isActive: false, description: 'off' } });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ isActive: false, description: 'off', name: 'Alpha' });
    const inactive = await t.request('GET', '/admin/v1/api-modules?isActive=false', { token });
    expect(inactive.body.items.map((m: { id: string }) => m.id)).toEqual([a.body.id]);
    expect((await t.request('DELETE', `/admin/v1/api-modules/${a.body.id}`, { token })).status).toBe(204);
    expect((await t.request('GET', `/admin/v1/api-modules/${a.body.id}`, { token })).status).toBe(404);
    const audit = await appQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE resource_id = $1 ORDER BY created_at`, [a.body.id]);
    expect(audit.map((r) => r.action)).toEqual(['api_module.create', 'api_module.update', 'api_module.delete']);
  });

  it('should answer 400 with field details, 404 for unknown ids and 409 for a taken name', async () => {
    const bad = await t.request('POST', '/admin/v1/api-modules', { token, body: { name: '', sortOrder: 'x', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['name', 'sortOrder', 'extra']));
    expect((await t.request('GET', '/admin/v1/api-modules/not-a-uuid', { token })).status).toBe(400);
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [method, body] of [['GET'], ['PATCH', { name: 'x' }], ['DELETE']] as const) {
      const res = await t.request(method, `/admin/v1/api-modules/${missing}`, { token, body });
      expect(res.status, method).toBe(404);
      expect(res.body.code).toBe('API_MODULE_NOT_FOUND');
    }
    await t.request('POST', '/admin/v1/api-modules', { token, body: { name: 'Sales' } });
    const dup = await t.request('POST', '/admin/v1/api-modules', { token, body: { name: 'sales' } });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'API_MODULE_NAME_TAKEN', details: [{ field: 'name' }] });
  });

  it('should require a session (401), refuse Viewer writes and Dev deletes (403)', async () => {
    expect((await t.request('GET', '/admin/v1/api-modules')).status).toBe(401);
    expect((await t.request('POST', '/admin/v1/api-modules', { body: { name: 'x' } })).status).toBe(401);
    const viewer = await userWithRole(t, 'Viewer');
    const dev = await userWithRole(t, 'Dev');
    expect((await t.request('GET', '/admin/v1/api-modules', { token: viewer.token })).status).toBe(200);
    const denied = await t.request('POST', '/admin/v1/api-modules', { token: viewer.token, body: { name: 'ViewerMod' } });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('AUTH_FORBIDDEN');
    const created = await t.request('POST', '/admin/v1/api-modules', { token: dev.token, body: { name: 'DevMod' } });
    expect(created.status).toBe(201);
    expect((await t.request('PATCH', `/admin/v1/api-modules/${created.body.id}`, { token: viewer.token, body: { sortOrder: 3 } })).status).toBe(403);
    expect((await t.request('DELETE', `/admin/v1/api-modules/${created.body.id}`, { token: dev.token })).status).toBe(403);
  });

  it('should refuse to delete a module holding a published API (409) and delete it with only drafts', async () => {
    const mod = await t.request('POST', '/admin/v1/api-modules', { token, body: { name: 'Holder' } });
    const api = await createApi(t, token, { moduleId: mod.body.id, name: 'one', path: 'holder/one', method: 'GET', engine: 'sql', datasourceId, content: 'SELECT 1 AS x' });
    await createApi(t, token, { moduleId: mod.body.id, name: 'two', path: 'holder/two', method: 'GET', engine: 'sql', datasourceId, content: 'SELECT 2 AS x' });
    await commitAndPublish(t, token, api.id);
    const counts = await t.request('GET', `/admin/v1/api-modules/${mod.body.id}`, { token });
    expect(counts.body).toMatchObject({ apiCount: 2, publishedApiCount: 1 });
    const refused = await t.request('DELETE', `/admin/v1/api-modules/${mod.body.id}`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('API_MODULE_IN_USE');
    expect(refused.body.message).toContain('one');
    expect((await t.request('POST', `/admin/v1/apis/${api.id}/unpublish`, { token })).status).toBe(200);
    expect((await t.request('DELETE', `/admin/v1/api-modules/${mod.body.id}`, { token })).status).toBe(204);
    expect((await t.request('GET', `/admin/v1/apis/${api.id}`, { token })).status).toBe(404);
  });
});
