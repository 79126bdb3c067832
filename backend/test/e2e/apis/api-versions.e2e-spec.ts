import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';
import { appQuery, createApi, createModule, insertDatasource, seedPg } from 'test/e2e/apis/publishing-fixtures.js';

describe('API drafts, versions, diff, publish and rollback', () => {
  let t: TestApp;
  let ext: TestDatabase;
  let token: string;
  let datasourceId: string;
  let moduleId: string;
  const base = (extra: Record<string, unknown>) => ({
    moduleId,
    engine: 'sql',
    datasourceId,
    method: 'GET',
    params: [{ name: 'id', location: 'query', type: 'integer', required: true }],
    ...extra,
  });
  const version = async (apiId: string, message: string) => (await t.request('POST', `/admin/v1/apis/${apiId}/versions`, { token, body: { message } })).body;
  const runName = async (apiId: string, versionId?: string) => {
    const res = await t.request('POST', `/admin/v1/apis/${apiId}/test`, { token, body: { params: { id: 1 }, versionId } });
    expect(res.status).toBe(200);
    expect(res.body.success, JSON.stringify(res.body)).toBe(true);
    return res.body.result.data[0].name as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    ext = await createPgDatabase('qg_ext');
    await seedPg(ext, `CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items VALUES (1, 'alice'), (2, 'bob');`);
    token = await t.adminToken();
    datasourceId = await insertDatasource(t, 'postgres', ext);
    moduleId = await createModule(t, token, 'Versions');
  });
  afterAll(async () => {
    await t.close();
    await ext.drop();
  });

  it('should freeze a version, diff exactly what changed, and roll back by publishing an older version', async () => {
    const api = await createApi(t, token, base({ name: 'item', path: 'items/by-id', content: 'SELECT name FROM items WHERE id = {{ id }}' }));
    const v1 = await version(api.id, 'first');
    expect(v1).toMatchObject({ version: 1, message: 'first', isPublished: false, authorEmail: t.admin.email });
    expect(v1.snapshot).toMatchObject({ engine: 'sql', datasourceId, content: 'SELECT name FROM items WHERE id = {{ id }}', accessType: 'private', readOnly: true, maxRows: null });

    await t.request('PATCH', `/admin/v1/apis/${api.id}`, { token, body: { content: 'SELECT upper(name) AS name FROM items WHERE id = {{ id }}', maxRows: 10, description: 'not versioned' } });
    const frozen = await t.request('GET', `/admin/v1/apis/${api.id}/versions/${v1.id}`, { token });
    expect(frozen.body.snapshot.content).toBe('SELECT name FROM items WHERE id = {{ id }}');
    expect(frozen.body.snapshot.maxRows).toBeNull();

    const v2 = await version(api.id, 'upper');
    expect(v2.version).toBe(2);
    const diff = await t.request('GET', `/admin/v1/apis/${api.id}/diff?from=${v1.id}&to=${v2.id}`, { token });
    expect(diff.status).toBe(200);
    expect(diff.body.from).toEqual({ id: v1.id, version: 1, label: 'v1' });
    expect(diff.body.changes.map((c: { field: string }) => c.field)).toEqual(['content', 'maxRows']);
    expect(diff.body.changes[1]).toEqual({ field: 'maxRows', from: null, to: 10 });
    expect(diff.body.changes[0].patch).toContain('-SELECT name FROM items');
    expect(diff.body.changes[0].patch).toContain('+SELECT upper(name) AS name FROM items');
    expect((await t.request('GET', `/admin/v1/apis/${api.id}/diff?from=${v2.id}&to=draft`, { token })).body.changes).toEqual([]);
    await t.request('PATCH', `/admin/v1/apis/${api.id}`, { token, body: { transform: 'return result', accessType: 'public' } });
    const toDraft = await t.request('GET', `/admin/v1/apis/${api.id}/diff?from=${v2.id}`, { token });
    expect(toDraft.body.to.label).toBe('draft');
    expect(toDraft.body.changes.map((c: { field: string }) => c.field)).toEqual(['transform', 'accessType']);
    expect(toDraft.body.changes[0].patch).toContain('+return result');
    expect((await t.request('GET', `/admin/v1/apis/${api.id}/diff?from=nope`, { token })).status).toBe(400);

    const published = await t.request('POST', `/admin/v1/apis/${api.id}/publish`, { token, body: { versionId: v2.id } });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedVersionId: v2.id, publishedVersion: 2 });
    expect(published.body.publishedAt).toBeTruthy();
    expect(await runName(api.id, v2.id)).toBe('ALICE');
    expect(await runName(api.id, v1.id)).toBe('alice');

    const rolledBack = await t.request('POST', `/admin/v1/apis/${api.id}/publish`, { token, body: { versionId: v1.id } });
    expect(rolledBack.body).toMatchObject({ publishedVersionId: v1.id, publishedVersion: 1 });
    expect(await runName(api.id, rolledBack.body.publishedVersionId)).toBe('alice');
    const list = await t.request('GET', `/admin/v1/apis/${api.id}/versions`, { token });
    expect(list.body.map((v: { version: number; isPublished: boolean }) => [v.version, v.isPublished])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(list.body[0].snapshot).toBeUndefined();

    const restored = await t.request('POST', `/admin/v1/apis/${api.id}/versions/${v1.id}/restore`, { token });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ content: 'SELECT name FROM items WHERE id = {{ id }}', maxRows: null, transform: null, accessType: 'private', description: 'not versioned', status: 'published' });
    expect((await t.request('GET', `/admin/v1/apis/${api.id}/diff?from=${v1.id}&to=draft`, { token })).body.changes).toEqual([]);

    const delPublished = await t.request('DELETE', `/admin/v1/apis/${api.id}/versions/${v1.id}`, { token });
    expect(delPublished.status).toBe(409);
    expect(delPublished.body.code).toBe('API_VERSION_PUBLISHED');
    expect((await t.request('DELETE', `/admin/v1/apis/${api.id}/versions/${v2.id}`, { token })).status).toBe(204);
    expect((await t.request('GET', `/admin/v1/apis/${api.id}/versions/${v2.id}`, { token })).status).toBe(404);

    const off = await t.request('POST', `/admin/v1/apis/${api.id}/unpublish`, { token });
    expect(off.body).toMatchObject({ status: 'draft', publishedVersionId: null, publishedAt: null });
    const actions = await appQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE resource_id = $1 AND action LIKE 'api.%' AND action <> 'api.test' ORDER BY id`, [api.id]);
    expect(actions.map((a) => a.action)).toEqual([
      'api.create', 'api.version.create', 'api.update', 'api.version.create', 'api.update', 'api.publish', 'api.publish', 'api.version.restore', 'api.version.delete', 'api.unpublish',
    ]);
  });

  it('should number concurrent commits without gaps or duplicates', async () => {
    const api = await createApi(t, token, base({ name: 'race', path: 'race', content: 'SELECT 1 AS name' }));
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => t.request('POST', `/admin/v1/apis/${api.id}/versions`, { token, body: { message: `c${i}` } })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(results.map((r) => r.body.version).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('should refuse an empty draft commit, a publish without versionId or of another API\'s version, and an inactive data source', async () => {
    const empty = await createApi(t, token, base({ name: 'empty', path: 'empty', content: '' }));
    const none = await t.request('POST', `/admin/v1/apis/${empty.id}/versions`, { token, body: {} });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('API_NO_CONTENT');
    const noVersion = await t.request('POST', `/admin/v1/apis/${empty.id}/publish`, { token, body: {} });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.details[0].field).toBe('versionId');

    const other = await createApi(t, token, base({ name: 'other', path: 'other', content: 'SELECT 1 AS name' }));
    const otherVersion = await version(other.id, 'x');
    expect((await t.request('POST', `/admin/v1/apis/${empty.id}/publish`, { token, body: { versionId: otherVersion.id } })).status).toBe(404);

    const ds = await insertDatasource(t, 'postgres', ext, { name: 'soon-off' });
    const api = await createApi(t, token, base({ name: 'ds-off', path: 'ds-off', datasourceId: ds, content: 'SELECT 1 AS name' }));
    const v = await version(api.id, 'x');
    await appQuery(t, `UPDATE datasource SET is_active = false WHERE id = $1`, [ds]);
    const refused = await t.request('POST', `/admin/v1/apis/${api.id}/publish`, { token, body: { versionId: v.id } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'API_DATASOURCE_INACTIVE', message: expect.stringContaining('soon-off') });
  });
});
