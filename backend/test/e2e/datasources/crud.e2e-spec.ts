import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptionService } from 'src/common/crypto/encryption.service.js';
import { createPgDatabase, uniqueName, type TestDatabase } from 'test/support/databases.js';
import { startTestApp, userWithRole, type TestApp } from 'test/support/test-app.js';

const BASE = '/admin/v1/datasources';
const SECRET = `S3cret-${randomUUID()}`;

describe('Data sources CRUD', () => {
  let t: TestApp;
  let target: TestDatabase;
  let token: string;
  const body = (overrides: Record<string, unknown> = {}) => ({
    name: uniqueName('Sales'),
    type: 'postgres',
    host: target.host,
    port: target.port,
    database: target.name,
    username: target.user,
    password: SECRET,
    ...overrides,
  });
  const rawRow = async (id: string) => (await t.app.get(DataSource).query(`SELECT password_encrypted, revision FROM datasource WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    [t, target] = await Promise.all([startTestApp(), createPgDatabase('qg_ds_target')]);
    token = await t.adminToken();
  });
  afterAll(async () => {
    await t.close();
    await target.drop();
  });

  describe('POST /datasources', () => {
    it('should create a source, answer 201 without the password and store it encrypted with the key id', async () => {
      const res = await t.request('POST', BASE, { token, body: body({ options: { statementTimeoutMs: 5000, schema: 'public', sslMode: 'disable' }, description: 'sales db' }) });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ type: 'postgres', host: target.host, port: target.port, database: target.name, hasPassword: true, poolMax: 5, isActive: true, revision: 1 });
      expect(res.body.options).toEqual({ statementTimeoutMs: 5000, schema: 'public', sslMode: 'disable' });
      expect(res.body).not.toHaveProperty('password');
      expect(res.body).not.toHaveProperty('passwordEncrypted');
      expect(JSON.stringify(res.body)).not.toContain(SECRET);

      const row = await rawRow(res.body.id);
      expect(row.password_encrypted).toMatch(/^v1:k1:[^:]+:[^:]+:[^:]+$/);
      expect(row.password_encrypted).not.toContain(SECRET);
      expect(t.app.get(EncryptionService).decrypt(row.password_encrypted)).toBe(SECRET);
    });

    it('should answer 400 naming the field for a bad type, a port out of range and unknown or wrong options', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ type: 'oracle' }, 'type'],
        [{ port: 70000 }, 'port'],
        [{ port: 0 }, 'port'],
        [{ options: { foo: 1 } }, 'options.foo'],
        [{ options: { tinyint1AsBoolean: true } }, 'options.tinyint1AsBoolean'],
        [{ type: 'mysql', options: { schema: 'x' } }, 'options.schema'],
        [{ options: { statementTimeoutMs: 'soon' } }, 'options.statementTimeoutMs'],
        [{ options: { sslMode: 'maybe' } }, 'options.sslMode'],
        [{ name: '  ' }, 'name'],
        [{ host: 'bad host; drop' }, 'host'],
        [{ unknownField: 1 }, 'unknownField'],
      ];
      for (const [overrides, field] of cases) {
        const res = await t.request('POST', BASE, { token, body: body(overrides) });
        expect(res.status, JSON.stringify(overrides)).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details.map((d: { field: string }) => d.field), JSON.stringify(overrides)).toContain(field);
      }
    });

    it('should accept the options of each type', async () => {
      const mysql = await t.request('POST', BASE, { token, body: body({ type: 'mysql', port: 3306, options: { tinyint1AsBoolean: false, bigNumbersAsNumbers: true, queueMax: 10 } }) });
      expect(mysql.status).toBe(201);
      const trino = await t.request('POST', BASE, { token, body: body({ type: 'trino', port: 8080, options: { catalog: 'hive', schema: 'web', readOnly: true } }) });
      expect(trino.status).toBe(201);
      expect(trino.body.options).toEqual({ catalog: 'hive', schema: 'web', readOnly: true });
    });

    it('should refuse a duplicate name (case-insensitive) with 409', async () => {
      const name = uniqueName('Dup');
      expect((await t.request('POST', BASE, { token, body: body({ name }) })).status).toBe(201);
      const dup = await t.request('POST', BASE, { token, body: body({ name: name.toUpperCase() }) });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ code: 'DATASOURCE_NAME_TAKEN', details: [{ field: 'name' }] });
    });
  });

  describe('GET /datasources', () => {
    it('should list with filters, search, sort and pagination', async () => {
      const tag = uniqueName('lst').toLowerCase();
      await t.request('POST', BASE, { token, body: body({ name: `${tag}-b`, type: 'mysql', port: 3306 }) });
      await t.request('POST', BASE, { token, body: body({ name: `${tag}-a`, isActive: false }) });
      await t.request('POST', BASE, { token, body: body({ name: `${tag}-c` }) });
      const all = await t.request('GET', `${BASE}?q=${tag}&sort=-name`, { token });
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
      expect(all.body.items.map((d: { name: string }) => d.name)).toEqual([`${tag}-c`, `${tag}-b`, `${tag}-a`]);
      expect(JSON.stringify(all.body)).not.toContain(SECRET);
      expect((await t.request('GET', `${BASE}?q=${tag}&type=mysql`, { token })).body.items.map((d: { name: string }) => d.name)).toEqual([`${tag}-b`]);
      expect((await t.request('GET', `${BASE}?q=${tag}&isActive=false`, { token })).body.items.map((d: { name: string }) => d.name)).toEqual([`${tag}-a`]);
      const page2 = await t.request('GET', `${BASE}?q=${tag}&pageSize=2&page=2`, { token });
      expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page2.body.items).toHaveLength(1);
      expect((await t.request('GET', `${BASE}?type=oracle`, { token })).status).toBe(400);
    });

    it('should show a user with object-level grants only the sources granted', async () => {
      const [a, b] = await Promise.all([t.request('POST', BASE, { token, body: body() }), t.request('POST', BASE, { token, body: body() })]);
      const grant = await t.request('POST', '/admin/v1/permissions', { token, body: { resourceType: 'datasource', action: 'read', resourceId: a.body.id } });
      const role = await t.request('POST', '/admin/v1/roles', { token, body: { name: uniqueName('OneSource'), permissionIds: [grant.body.id] } });
      const email = `${uniqueName('scoped')}@example.test`;
      await t.request('POST', '/admin/v1/users', { token, body: { email, name: 'Scoped', password: 'Scoped-password-1', roleIds: [role.body.id] } });
      const scoped = await t.login(email, 'Scoped-password-1');
      const list = await t.request('GET', BASE, { token: scoped });
      expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([a.body.id]);
      expect((await t.request('GET', `${BASE}/${a.body.id}`, { token: scoped })).status).toBe(200);
      expect((await t.request('GET', `${BASE}/${b.body.id}`, { token: scoped })).status).toBe(403);
    });

    it('should answer 404 for an unknown id, 400 for a malformed one and 401 without a session', async () => {
      expect((await t.request('GET', `${BASE}/${randomUUID()}`, { token })).body.code).toBe('DATASOURCE_NOT_FOUND');
      expect((await t.request('GET', `${BASE}/${randomUUID()}`, { token })).status).toBe(404);
      expect((await t.request('GET', `${BASE}/nope`, { token })).status).toBe(400);
      expect((await t.request('GET', BASE)).status).toBe(401);
      expect((await t.request('POST', BASE, { body: body() })).status).toBe(401);
    });
  });

  describe('PATCH /datasources/:id', () => {
    it('should bump the revision only on connection changes and keep, replace or clear the password', async () => {
      const created = (await t.request('POST', BASE, { token, body: body() })).body;
      const stored = (await rawRow(created.id)).password_encrypted;

      const renamed = await t.request('PATCH', `${BASE}/${created.id}`, { token, body: { name: uniqueName('Renamed'), description: 'x', password: '' } });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ revision: 1, hasPassword: true, description: 'x' });
      expect((await rawRow(created.id)).password_encrypted).toBe(stored);

      const moved = await t.request('PATCH', `${BASE}/${created.id}`, { token, body: { port: target.port, host: '127.0.0.2' } });
      expect(moved.body).toMatchObject({ revision: 2, host: '127.0.0.2' });

      const newPassword = `New-${randomUUID()}`;
      const changed = await t.request('PATCH', `${BASE}/${created.id}`, { token, body: { password: newPassword } });
      expect(changed.body).toMatchObject({ revision: 3, hasPassword: true });
      expect(JSON.stringify(changed.body)).not.toContain(newPassword);
      expect(t.app.get(EncryptionService).decrypt((await rawRow(created.id)).password_encrypted)).toBe(newPassword);

      const cleared = await t.request('PATCH', `${BASE}/${created.id}`, { token, body: { password: null } });
      expect(cleared.body).toMatchObject({ revision: 4, hasPassword: false });
      expect((await rawRow(created.id)).password_encrypted).toBeNull();

      const opts = await t.request('PATCH', `${BASE}/${created.id}`, { token, body: { options: { readOnly: true } } });
      expect(opts.body).toMatchObject({ revision: 5, options: { readOnly: true } });
      const badOpt = await t.request('PATCH', `${BASE}/${created.id}`, { token, body: { options: { catalog: 'x' } } });
      expect(badOpt.status).toBe(400);
      expect(badOpt.body.details[0].field).toBe('options.catalog');
      // A type change re-checks the stored options against the new type.
      expect((await t.request('PATCH', `${BASE}/${created.id}`, { token, body: { type: 'mysql', port: 3306 } })).body.revision).toBe(6);
    });

    it('should answer 404 for an unknown id and 409 for a name taken by another source', async () => {
      const [a, b] = await Promise.all([t.request('POST', BASE, { token, body: body() }), t.request('POST', BASE, { token, body: body() })]);
      expect((await t.request('PATCH', `${BASE}/${randomUUID()}`, { token, body: { description: 'x' } })).status).toBe(404);
      for (const field of ['host', 'name', 'port', 'options', 'isActive']) {
        const res = await t.request('PATCH', `${BASE}/${a.body.id}`, { token, body: { [field]: null } });
        expect(res.status, field).toBe(400);
        expect(res.body.details[0].field).toBe(field);
      }
      const clash = await t.request('PATCH', `${BASE}/${a.body.id}`, { token, body: { name: b.body.name } });
      expect(clash.status).toBe(409);
      expect(clash.body.code).toBe('DATASOURCE_NAME_TAKEN');
      expect((await t.request('PATCH', `${BASE}/${a.body.id}`, { token, body: { name: a.body.name.toUpperCase() } })).status).toBe(200);
    });
  });

  describe('DELETE /datasources/:id', () => {
    it('should refuse to delete a source an API uses, naming the API, then delete it once unused', async () => {
      const ds = (await t.request('POST', BASE, { token, body: body() })).body;
      const db = t.app.get(DataSource);
      const [mod] = await db.query(`INSERT INTO api_module (name) VALUES ($1) RETURNING id`, [uniqueName('mod')]);
      const path = uniqueName('orders');
      const [api] = await db.query(
        `INSERT INTO api (module_id, name, path, path_shape, method, engine, datasource_id) VALUES ($1, 'List orders', $2, $2, 'GET', 'sql', $3) RETURNING id`,
        [mod.id, path, ds.id],
      );
      const refused = await t.request('DELETE', `${BASE}/${ds.id}`, { token });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('DATASOURCE_IN_USE');
      expect(refused.body.message).toContain('List orders');
      expect(refused.body.details[0].apis).toEqual([{ id: api.id, name: 'List orders', method: 'GET', path }]);
      // The foreign key protects it too, whatever the service checks.
      await expect(db.query(`DELETE FROM datasource WHERE id = $1`, [ds.id])).rejects.toThrow(/foreign key/);

      // Moving the draft elsewhere is not enough while the published version still runs on the source.
      const [version] = await db.query(`INSERT INTO api_version (api_id, version, snapshot) VALUES ($1, 1, $2) RETURNING id`, [api.id, JSON.stringify({ datasourceId: ds.id })]);
      await db.query(`UPDATE api SET datasource_id = NULL, published_version_id = $1 WHERE id = $2`, [version.id, api.id]);
      const published = await t.request('DELETE', `${BASE}/${ds.id}`, { token });
      expect(published.status).toBe(409);
      expect(published.body.details[0].apis.map((a: { id: string }) => a.id)).toEqual([api.id]);

      await db.query(`DELETE FROM api WHERE id = $1`, [api.id]);
      expect((await t.request('DELETE', `${BASE}/${ds.id}`, { token })).status).toBe(204);
      expect((await t.request('GET', `${BASE}/${ds.id}`, { token })).status).toBe(404);
      expect((await t.request('DELETE', `${BASE}/${ds.id}`, { token })).status).toBe(404);
    });
  });

  describe('permissions and audit', () => {
    it('should keep a Viewer from creating and a Dev from deleting', async () => {
      const [viewer, dev] = await Promise.all([userWithRole(t, 'Viewer'), userWithRole(t, 'Dev')]);
      expect((await t.request('GET', BASE, { token: viewer.token })).status).toBe(200);
      const create = await t.request('POST', BASE, { token: viewer.token, body: body() });
      expect(create.status).toBe(403);
      expect(create.body.message).toBe('Missing permission datasource:create');
      const mine = await t.request('POST', BASE, { token: dev.token, body: body() });
      expect(mine.status).toBe(201);
      expect((await t.request('PATCH', `${BASE}/${mine.body.id}`, { token: dev.token, body: { description: 'dev edit' } })).status).toBe(200);
      expect((await t.request('DELETE', `${BASE}/${mine.body.id}`, { token: dev.token })).status).toBe(403);
      expect((await t.request('POST', `${BASE}/${mine.body.id}/test`, { token: viewer.token })).status).toBe(403);
    });

    it('should audit every write without the password', async () => {
      const created = (await t.request('POST', BASE, { token, body: body() })).body;
      await t.request('PATCH', `${BASE}/${created.id}`, { token, body: { password: `${SECRET}-2`, port: 5433 } });
      await t.request('DELETE', `${BASE}/${created.id}`, { token });
      const events: { action: string; summary: Record<string, unknown>; actor_email: string }[] = await t.app
        .get(DataSource)
        .query(`SELECT action, summary, actor_email FROM audit_event WHERE resource_id = $1 ORDER BY id`, [created.id]);
      expect(events.map((e) => e.action)).toEqual(['datasource.create', 'datasource.update', 'datasource.delete']);
      expect(events[0].summary).toMatchObject({ name: created.name, credential: 'password' });
      expect(events[1].summary).toMatchObject({ port: { from: target.port, to: 5433 }, credential: 'password changed', revision: { from: 1, to: 2 } });
      expect(events.every((e) => e.actor_email === t.admin.email)).toBe(true);
      expect(JSON.stringify(events)).not.toContain(SECRET);
    });
  });
});
