import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { startTestApp, userWithRole, type TestApp } from 'test/support/test-app.js';
import { appQuery, commitAndPublish, createApi, createModule, insertDatasource } from 'test/e2e/apis/publishing-fixtures.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('/admin/v1/apis', () => {
  let t: TestApp;
  let ext: TestDatabase;
  let token: string;
  let datasourceId: string;
  let moduleA: string;
  let moduleB: string;
  const sqlApi = (extra: Record<string, unknown>) => ({ moduleId: moduleA, engine: 'sql', datasourceId, method: 'GET', content: 'SELECT 1 AS x', ...extra });

  beforeAll(async () => {
    t = await startTestApp();
    ext = await createPgDatabase('qg_ext');
    token = await t.adminToken();
    datasourceId = await insertDatasource(t, 'postgres', ext);
    moduleA = await createModule(t, token, 'A');
    moduleB = await createModule(t, token, 'B');
  });
  afterAll(async () => {
    await t.close();
    await ext.drop();
  });

  describe('POST /apis', () => {
    it('should create a draft with a normalised path, typed params, groups and warnings for undeclared variables', async () => {
      const [group] = await appQuery<{ id: string }>(t, `INSERT INTO api_group (name) VALUES ('g-create') RETURNING id`);
      const res = await t.request('POST', '/admin/v1/apis', {
        token,
        body: sqlApi({
          name: 'Get user',
          path: ' //Users//{id}/ ',
          content: 'SELECT {{ id }} AS id, {{ nope }} AS n',
          params: [
            { name: 'id', location: 'path', type: 'integer', minimum: 1, description: 'user id', example: 7 },
            { name: 'fields', location: 'query', type: 'array', items: 'string', default: ['a'] },
          ],
          validators: [{ param: 'id', code: 'return value < 1000', message: 'too big' }],
          transform: 'function transform(result) { return result }',
          groupIds: [group.id],
          corsOrigins: ['https://app.example.com'],
        }),
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        path: 'Users/{id}',
        status: 'draft',
        publishedVersionId: null,
        accessType: 'private',
        readOnly: true,
        groupIds: [group.id],
        validators: [{ param: 'id', code: 'return value < 1000', message: 'too big' }],
      });
      expect(res.body.params[0]).toMatchObject({ name: 'id', location: 'path', required: true, minimum: 1 });
      expect(res.body.params[1]).toMatchObject({ name: 'fields', required: false, default: ['a'] });
      expect(res.body.warnings).toEqual([expect.objectContaining({ field: 'content', message: expect.stringContaining('"nope"') })]);
      const detail = await t.request('GET', `/admin/v1/apis/${res.body.id}`, { token });
      expect(detail.body).toMatchObject({ content: 'SELECT {{ id }} AS id, {{ nope }} AS n', groupIds: [group.id] });
      expect(detail.body.warnings).toHaveLength(1);
      const [audit] = await appQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE resource_id = $1`, [res.body.id]);
      expect(audit.action).toBe('api.create');
    });

    it('should answer 400 with one detail per field problem', async () => {
      const empty = await t.request('POST', '/admin/v1/apis', { token, body: {} });
      expect(empty.status).toBe(400);
      expect(empty.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['moduleId', 'name', 'path', 'method', 'engine']));
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ path: 'a/b c' }, 'path', /neither/],
        [{ path: '///' }, 'path', /empty/],
        [{ path: 'p1', params: [{ name: 'x', location: 'query', type: 'string' }, { name: 'x', location: 'query', type: 'string' }] }, 'params[1].name', /twice/],
        [{ path: 'p2', params: [{ name: 'id', location: 'path', type: 'integer' }] }, 'params[0].location', /not a \{id\} segment/],
        [{ path: 'p3/{id}' }, 'params', /\{id\} has no parameter definition/],
        [{ path: 'p4', params: [{ name: 'n', location: 'query', type: 'integer', default: 'x' }] }, 'params[0].default', /type integer/],
        [{ path: 'p5', params: [{ name: 'n', location: 'query', type: 'integer', minimum: 5, maximum: 1 }] }, 'params[0].minimum', /greater/],
        [{ path: 'p6', params: [{ name: 's', location: 'query', type: 'string', pattern: '([a-z' }] }, 'params[0].pattern', /compile/],
        [{ path: 'p7', params: [{ name: 's', location: 'query', type: 'boolean', enum: ['a'] }] }, 'params[0].enum', /enum applies/],
        [{ path: 'p8', params: [{ name: '1bad', location: 'query', type: 'string' }] }, 'params[0].name', /identifier/],
        [{ path: 'p9', validators: [{ param: 'ghost', code: 'return true' }] }, 'validators[0].param', /not a declared/],
        [{ path: 'p10', validators: [{ param: null, code: 'return (' }] }, 'validators[0].code', /Unexpected/],
        [{ path: 'p11', transform: 'function transform( {' }, 'transform', /Unexpected|Unexpected token/],
        [{ path: 'p12', content: 'SELECT 1\nWHERE {{ a | nope }}' }, 'content', /unknown filter/],
        [{ path: 'p13', datasourceId: null }, 'datasourceId', /needs a data source/],
        [{ path: 'p14', datasourceId: MISSING }, 'datasourceId', /no data source/],
        [{ path: 'p15', groupIds: [MISSING] }, 'groupIds', /unknown groups/],
        [{ path: 'p16', engine: 'script', content: 'return [1' }, 'content', /Unexpected|missing/],
        [{ path: 'p17', method: 'HEAD' }, 'method', /method/],
      ];
      for (const [patch, field, message] of cases) {
        const res = await t.request('POST', '/admin/v1/apis', { token, body: sqlApi({ name: `bad ${field}`, ...patch }) });
        expect(res.status, JSON.stringify(patch)).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        const detail = res.body.details.find((d: { field: string }) => d.field === field);
        expect(detail, `${field} in ${JSON.stringify(res.body.details)}`).toBeDefined();
        expect(detail.message).toMatch(message);
      }
      const template = await t.request('POST', '/admin/v1/apis', { token, body: sqlApi({ name: 'tpl', path: 'tpl', content: 'SELECT 1\nWHERE {{ a | nope }}' }) });
      expect(template.body.details[0]).toMatchObject({ field: 'content', line: 2, column: 14 });
      const js = await t.request('POST', '/admin/v1/apis', { token, body: sqlApi({ name: 'js', path: 'js', transform: 'const a = 1;\nconst = 2;' }) });
      expect(js.body.details[0]).toMatchObject({ field: 'transform', line: 2 });
    });

    it('should refuse a duplicate route across modules, a same-shape route and reserved paths with 409 naming the conflict', async () => {
      const first = await createApi(t, token, sqlApi({ name: 'List users', path: 'users/{id}', params: [{ name: 'id', location: 'path', type: 'integer' }] }));
      const sameRoute = await t.request('POST', '/admin/v1/apis', { token, body: sqlApi({ moduleId: moduleB, name: 'dup', path: '/users/{id}/', params: [{ name: 'id', location: 'path', type: 'integer' }] }) });
      expect(sameRoute.status).toBe(409);
      expect(sameRoute.body.code).toBe('API_ROUTE_CONFLICT');
      expect(sameRoute.body.message).toContain('"List users"');
      const shape = await t.request('POST', '/admin/v1/apis', { token, body: sqlApi({ moduleId: moduleB, name: 'uid', path: 'users/{uid}', params: [{ name: 'uid', location: 'path', type: 'string' }] }) });
      expect(shape.status).toBe(409);
      expect(shape.body.details[0].apiId).toBe(first.id);
      const otherMethod = await t.request('POST', '/admin/v1/apis', { token, body: sqlApi({ name: 'del', method: 'DELETE', path: 'users/{uid}', params: [{ name: 'uid', location: 'path', type: 'string' }] }) });
      expect(otherMethod.status).toBe(201);
      const staticBeatsParam = await t.request('POST', '/admin/v1/apis', { token, body: sqlApi({ name: 'me', path: 'users/me' }) });
      expect(staticBeatsParam.status).toBe(201);
      for (const [path, method] of [['token/generate', 'POST'], ['openapi.json', 'GET'], ['token/{x}', 'GET'], ['{slug}', 'GET']]) {
        const params = path.includes('{') ? [{ name: path.match(/\{(\w+)\}/)![1], location: 'path', type: 'string' }] : [];
        const res = await t.request('POST', '/admin/v1/apis', { token, body: sqlApi({ name: `r ${path}`, path, method, params }) });
        expect(res.status, path).toBe(409);
        expect(res.body.code).toBe('API_ROUTE_RESERVED');
      }
    });
  });

  describe('GET /apis', () => {
    it('should list {items,total,page,pageSize} and filter by every filter', async () => {
      const ds2 = await insertDatasource(t, 'postgres', ext, { name: 'second' });
      const a = await createApi(t, token, sqlApi({ name: 'list-me', path: 'list/me' }));
      const b = await createApi(t, token, sqlApi({ moduleId: moduleB, name: 'list-script', path: 'list/script', method: 'POST', engine: 'script', datasourceId: ds2, accessType: 'public', content: 'return [{ a: 1 }]' }));
      await commitAndPublish(t, token, b.id);
      const get = (qs: string) => t.request('GET', `/admin/v1/apis?pageSize=100&${qs}`, { token }).then((r) => r.body.items.map((i: { id: string }) => i.id));
      const q = await t.request('GET', '/admin/v1/apis?q=list-me', { token });
      expect(q.body).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [{ id: a.id, path: 'list/me' }] });
      expect(await get(`moduleId=${moduleB}&q=list-`)).toEqual([b.id]);
      expect(await get('status=published&q=list-')).toEqual([b.id]);
      expect(await get('status=draft&q=list-')).toEqual([a.id]);
      expect(await get('method=POST&q=list-')).toEqual([b.id]);
      expect(await get('engine=script&q=list-')).toEqual([b.id]);
      expect(await get('accessType=public&q=list-')).toEqual([b.id]);
      expect(await get(`datasourceId=${ds2}`)).toEqual([b.id]);
      const published = await t.request('GET', `/admin/v1/apis/${b.id}`, { token });
      expect(published.body).toMatchObject({ status: 'published', publishedVersion: 1 });
      expect((await t.request('GET', '/admin/v1/apis?status=nope', { token })).status).toBe(400);
    });
  });

  describe('PATCH and DELETE /apis/{id}', () => {
    it('should update fields partially, refuse a path change while published, and delete', async () => {
      const api = await createApi(t, token, sqlApi({ name: 'upd', path: 'upd/one', description: 'd1' }));
      const upd = await t.request('PATCH', `/admin/v1/apis/${api.id}`, { token, body: { name: 'upd2', path: 'upd/two', description: 'd2', maxRows: 5 } });
      expect(upd.status).toBe(200);
      expect(upd.body).toMatchObject({ name: 'upd2', path: 'upd/two', description: 'd2', maxRows: 5, content: 'SELECT 1 AS x' });
      await commitAndPublish(t, token, api.id);
      const move = await t.request('PATCH', `/admin/v1/apis/${api.id}`, { token, body: { path: 'upd/three' } });
      expect(move.status).toBe(409);
      expect(move.body.code).toBe('API_PUBLISHED');
      const method = await t.request('PATCH', `/admin/v1/apis/${api.id}`, { token, body: { method: 'POST' } });
      expect(method.status).toBe(409);
      const samePath = await t.request('PATCH', `/admin/v1/apis/${api.id}`, { token, body: { path: '/upd/two/', content: 'SELECT 2 AS x' } });
      expect(samePath.status).toBe(200);
      const del = await t.request('DELETE', `/admin/v1/apis/${api.id}`, { token });
      expect(del.status).toBe(409);
      await t.request('POST', `/admin/v1/apis/${api.id}/unpublish`, { token });
      expect((await t.request('PATCH', `/admin/v1/apis/${api.id}`, { token, body: { path: 'upd/three' } })).body.path).toBe('upd/three');
      expect((await t.request('DELETE', `/admin/v1/apis/${api.id}`, { token })).status).toBe(204);
      const actions = await appQuery<{ action: string }>(t, `SELECT action FROM audit_event WHERE resource_id = $1 ORDER BY id`, [api.id]);
      expect(actions.map((r) => r.action)).toEqual(['api.create', 'api.update', 'api.version.create', 'api.publish', 'api.update', 'api.unpublish', 'api.update', 'api.delete']);
    });

    it('should answer 404 for unknown ids on every route', async () => {
      const routes: [string, string, unknown?][] = [
        ['GET', `/admin/v1/apis/${MISSING}`],
        ['PATCH', `/admin/v1/apis/${MISSING}`, { name: 'x' }],
        ['DELETE', `/admin/v1/apis/${MISSING}`],
        ['GET', `/admin/v1/apis/${MISSING}/versions`],
        ['POST', `/admin/v1/apis/${MISSING}/versions`, {}],
        ['POST', `/admin/v1/apis/${MISSING}/publish`, { versionId: MISSING }],
        ['POST', `/admin/v1/apis/${MISSING}/unpublish`],
        ['GET', `/admin/v1/apis/${MISSING}/diff?from=draft`],
      ];
      for (const [method, path, body] of routes) {
        const res = await t.request(method, path, { token, body });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.code).toBe('API_NOT_FOUND');
      }
      const api = await createApi(t, token, sqlApi({ name: 'v404', path: 'v404' }));
      for (const [method, path, body] of [
        ['GET', `/admin/v1/apis/${api.id}/versions/${MISSING}`],
        ['DELETE', `/admin/v1/apis/${api.id}/versions/${MISSING}`],
        ['POST', `/admin/v1/apis/${api.id}/versions/${MISSING}/restore`],
        ['POST', `/admin/v1/apis/${api.id}/publish`, { versionId: MISSING }],
        ['GET', `/admin/v1/apis/${api.id}/diff?from=${MISSING}&to=draft`],
      ] as [string, string, unknown?][]) {
        const res = await t.request(method, path, { token, body });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.code).toBe('API_VERSION_NOT_FOUND');
      }
    });
  });

  describe('permissions', () => {
    it('should require a session, refuse Viewer writes and Dev deletes', async () => {
      const api = await createApi(t, token, sqlApi({ name: 'perm', path: 'perm' }));
      expect((await t.request('GET', '/admin/v1/apis')).status).toBe(401);
      expect((await t.request('POST', `/admin/v1/apis/${api.id}/versions`, { body: {} })).status).toBe(401);
      const viewer = await userWithRole(t, 'Viewer');
      const dev = await userWithRole(t, 'Dev');
      expect((await t.request('GET', `/admin/v1/apis/${api.id}`, { token: viewer.token })).status).toBe(200);
      expect((await t.request('POST', '/admin/v1/apis', { token: viewer.token, body: sqlApi({ name: 'v', path: 'v' }) })).status).toBe(403);
      expect((await t.request('PATCH', `/admin/v1/apis/${api.id}`, { token: viewer.token, body: { name: 'v' } })).status).toBe(403);
      expect((await t.request('POST', `/admin/v1/apis/${api.id}/versions`, { token: viewer.token, body: {} })).status).toBe(403);
      expect((await t.request('POST', `/admin/v1/apis/${api.id}/publish`, { token: viewer.token, body: { versionId: MISSING } })).status).toBe(403);
      const version = await t.request('POST', `/admin/v1/apis/${api.id}/versions`, { token: dev.token, body: { message: 'by dev' } });
      expect(version.status).toBe(201);
      expect(version.body.authorEmail).toBe(dev.email);
      expect((await t.request('DELETE', `/admin/v1/apis/${api.id}/versions/${version.body.id}`, { token: dev.token })).status).toBe(403);
      expect((await t.request('DELETE', `/admin/v1/apis/${api.id}`, { token: dev.token })).status).toBe(403);
    });

    it('should apply object-level grants on an API and on its module', async () => {
      const inA = await createApi(t, token, sqlApi({ name: 'grant-a', path: 'grant/a' }));
      const inB = await createApi(t, token, sqlApi({ moduleId: moduleB, name: 'grant-b', path: 'grant/b' }));
      const grant = async (resourceType: string, action: string, resourceId: string) =>
        (await t.request('POST', '/admin/v1/permissions', { token, body: { resourceType, action, resourceId } })).body.id as string;
      const perms = [await grant('api', 'read', inA.id), await grant('api', 'update', inA.id), await grant('api_module', 'read', moduleB), await grant('api_module', 'update', moduleB)];
      const role = await t.request('POST', '/admin/v1/roles', { token, body: { name: `scoped-${Date.now()}`, permissionIds: perms } });
      const email = `scoped-${Date.now()}@example.test`;
      await t.request('POST', '/admin/v1/users', { token, body: { email, name: 'Scoped', password: 'Scoped-password-1', roleIds: [role.body.id] } });
      const user = await t.login(email, 'Scoped-password-1');
      const list = await t.request('GET', '/admin/v1/apis?pageSize=100', { token: user });
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { id: string }) => i.id).sort()).toEqual([inA.id, ...list.body.items.filter((i: { moduleId: string }) => i.moduleId === moduleB).map((i: { id: string }) => i.id)].sort());
      expect(list.body.items.some((i: { id: string }) => i.id === inB.id)).toBe(true);
      expect((await t.request('PATCH', `/admin/v1/apis/${inA.id}`, { token: user, body: { description: 'mine' } })).status).toBe(200);
      expect((await t.request('PATCH', `/admin/v1/apis/${inB.id}`, { token: user, body: { description: 'module grant' } })).status).toBe(200);
      const other = await createApi(t, token, sqlApi({ name: 'grant-other', path: 'grant/other' }));
      expect((await t.request('GET', `/admin/v1/apis/${other.id}`, { token: user })).status).toBe(403);
      expect((await t.request('PATCH', `/admin/v1/apis/${other.id}`, { token: user, body: { description: 'no' } })).status).toBe(403);
    });
  });
});
