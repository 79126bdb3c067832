import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';
import { commitAndPublish, createApi, createModule, insertDatasource, seedPg } from 'test/e2e/apis/publishing-fixtures.js';

async function expectValidOpenApi31(doc: unknown) {
  const validator = new Validator();
  const res = await validator.validate(doc as Parameters<Validator['validate']>[0]);
  expect(res.errors ?? []).toEqual([]);
  expect(res.valid).toBe(true);
  expect(validator.version).toBe('3.1');
}

describe('GET /api/openapi.json', () => {
  let t: TestApp;
  let ext: TestDatabase;
  let token: string;
  let datasourceId: string;
  let moduleId: string;
  let inactiveModule: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    ext = await createPgDatabase('qg_ext');
    await seedPg(ext, `CREATE TABLE users (id int PRIMARY KEY, name text, score numeric, active boolean); INSERT INTO users VALUES (1, 'ann', 1.5, true);`);
    token = await t.adminToken();
    datasourceId = await insertDatasource(t, 'postgres', ext);
    moduleId = await createModule(t, token, 'People');
    inactiveModule = await createModule(t, token, 'Hidden');
    const base = { moduleId, engine: 'sql', datasourceId, method: 'GET' };
    const user = await createApi(t, token, {
      ...base,
      name: 'Get user',
      description: 'One user by id',
      path: 'users/{id}',
      content: 'SELECT id, name, active FROM users WHERE id = {{ id }}',
      params: [
        { name: 'id', location: 'path', type: 'integer', minimum: 1, description: 'User id', example: 1 },
        { name: 'fields', location: 'query', type: 'array', items: 'string', maxLength: 5, enum: undefined },
        { name: 'X-Tenant', location: 'header', type: 'uuid' },
        { name: 'since', location: 'query', type: 'date', default: '2024-01-01' },
        { name: 'kind', location: 'query', type: 'string', enum: ['a', 'b'], pattern: '^[ab]$' },
      ],
    });
    ids.user = user.id;
    const search = await createApi(t, token, {
      ...base,
      name: 'Search users',
      path: 'users/search',
      method: 'POST',
      accessType: 'public',
      content: 'SELECT id FROM users WHERE name = {{ q }}',
      params: [
        { name: 'q', location: 'body', type: 'string', required: true, minLength: 1 },
        { name: 'limit', location: 'body', type: 'integer', default: 10, maximum: 100 },
      ],
    });
    ids.search = search.id;
    ids.other = (await createApi(t, token, { ...base, name: 'Other', path: 'other', content: 'SELECT 1 AS x' })).id;
    ids.draft = (await createApi(t, token, { ...base, name: 'Draft only', path: 'draft-only', content: 'SELECT 1 AS x' })).id;
    ids.hidden = (await createApi(t, token, { ...base, moduleId: inactiveModule, name: 'Hidden', path: 'hidden', content: 'SELECT 1 AS x' })).id;
    for (const key of ['user', 'search', 'other', 'hidden']) await commitAndPublish(t, token, ids[key]);
    await t.request('PATCH', `/admin/v1/api-modules/${inactiveModule}`, { token, body: { isActive: false } });
    // A successful console run of the published version gives the row schema.
    const run = await t.request('POST', `/admin/v1/apis/${user.id}/test`, { token, body: { params: { id: 1 } } });
    expect(run.body.success).toBe(true);
  });
  afterAll(async () => {
    await t.close();
    await ext.drop();
  });

  it('should describe every published API of active modules as a valid OpenAPI 3.1 document without authentication', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    await expectValidOpenApi31(doc);
    expect(Object.keys(doc.paths).sort()).toEqual(['/other', '/users/search', '/users/{id}']);
    expect(doc.servers).toEqual([{ url: `${t.url}/api` }]);
    const get = doc.paths['/users/{id}'].get;
    expect(get).toMatchObject({ summary: 'Get user', description: 'One user by id', tags: ['People'], security: [{ clientCredentials: [] }, { bearerToken: [] }], 'x-querygate-api-id': ids.user, 'x-querygate-version': 1 });
    expect(get.parameters).toEqual([
      { name: 'id', in: 'path', required: true, description: 'User id', schema: { type: 'integer', minimum: 1, examples: [1], description: 'User id' }, example: 1 },
      { name: 'fields', in: 'query', required: false, schema: { type: 'array', items: { type: 'string' }, maxItems: 5 } },
      { name: 'X-Tenant', in: 'header', required: false, schema: { type: 'string', format: 'uuid' } },
      { name: 'since', in: 'query', required: false, schema: { type: 'string', format: 'date', default: '2024-01-01' } },
      { name: 'kind', in: 'query', required: false, schema: { type: 'string', enum: ['a', 'b'], pattern: '^[ab]$' } },
    ]);
    expect(get.responses['200'].content['application/json'].schema.allOf[1].properties.data.items).toEqual({
      type: 'object',
      properties: { id: { type: ['integer', 'null'] }, name: { type: ['string', 'null'] }, active: { type: ['boolean', 'null'] } },
    });
    expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '429', '500', '503', '504']));
    const post = doc.paths['/users/search'].post;
    expect(post.security).toEqual([]);
    expect(post.responses['401']).toBeUndefined();
    expect(post.requestBody.content['application/json'].schema).toEqual({
      type: 'object',
      properties: { q: { type: 'string', minLength: 1 }, limit: { type: 'integer', maximum: 100, default: 10 } },
      required: ['q'],
    });
    expect(doc.paths['/other'].get.responses['200'].content['application/json'].schema.allOf[1].properties.data.items.additionalProperties).toBe(true);
    expect(doc.components.securitySchemes.clientCredentials.flows.clientCredentials.tokenUrl).toBe(`${t.url}/token`);
    expect(doc.components.schemas.Envelope.required).toEqual(['success', 'message', 'data']);
  });

  it('should filter to the caller\'s APIs (direct ∪ active groups, plus public) with a client token, and refuse a bad token', async () => {
    const group = await t.request('POST', '/admin/v1/groups', { token, body: { name: 'g-openapi', apiIds: [ids.other] } });
    expect(group.status).toBe(201);
    const client = await t.request('POST', '/admin/v1/clients', { token, body: { name: 'openapi-client', apiIds: [ids.user] } });
    expect(client.status).toBe(201);
    const tok = await t.request('POST', '/token/generate', { body: { client_id: client.body.clientId, client_secret: client.body.clientSecret } });
    expect(tok.status).toBe(200);
    const bearer = `Bearer ${tok.body.access_token}`;
    const direct = await t.request('GET', '/api/openapi.json', { headers: { authorization: bearer } });
    expect(direct.status).toBe(200);
    await expectValidOpenApi31(direct.body);
    expect(Object.keys(direct.body.paths).sort()).toEqual(['/users/search', '/users/{id}']);
    await t.request('PATCH', `/admin/v1/clients/${client.body.id}`, { token, body: { groupIds: [group.body.id] } });
    const withGroup = await t.request('GET', '/api/openapi.json', { headers: { authorization: tok.body.access_token } });
    expect(Object.keys(withGroup.body.paths).sort()).toEqual(['/other', '/users/search', '/users/{id}']);
    await t.request('PATCH', `/admin/v1/groups/${group.body.id}`, { token, body: { isActive: false } });
    const inactiveGroup = await t.request('GET', '/api/openapi.json', { headers: { authorization: bearer } });
    expect(Object.keys(inactiveGroup.body.paths).sort()).toEqual(['/users/search', '/users/{id}']);
    const bad = await t.request('GET', '/api/openapi.json', { headers: { authorization: 'Bearer not.a.token' } });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ success: false, data: [], code: 'UNAUTHORIZED' });
  });

  it('should reflect unpublish and rollback', async () => {
    await t.request('POST', `/admin/v1/apis/${ids.other}/unpublish`, { token });
    const doc = (await t.request('GET', '/api/openapi.json')).body;
    expect(doc.paths['/other']).toBeUndefined();
    await expectValidOpenApi31(doc);
  });
});
