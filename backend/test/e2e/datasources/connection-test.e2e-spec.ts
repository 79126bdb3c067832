import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlDatabase, createPgDatabase, TEST_MYSQL_URL, uniqueName, type TestDatabase } from 'test/support/databases.js';
import { startTestApp, userWithRole, type TestApp } from 'test/support/test-app.js';

const BASE = '/admin/v1/datasources';

describe('Data source connection tests', () => {
  let t: TestApp;
  let pgDb: TestDatabase;
  let myDb: TestDatabase;
  let token: string;
  // A MariaDB account with a real password (the local root has none), so a wrong password can fail.
  const myUser = `qg_${randomBytes(4).toString('hex')}`;
  const myPassword = `Pw-${randomBytes(9).toString('base64url')}`;

  const mysqlAdmin = async <T>(fn: (c: mysql.Connection) => Promise<T>) => {
    const c = await mysql.createConnection(TEST_MYSQL_URL);
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    [t, pgDb, myDb] = await Promise.all([startTestApp(), createPgDatabase('qg_ds_pg'), createMysqlDatabase('qg_ds_my')]);
    await mysqlAdmin(async (c) => {
      await c.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [myUser, myPassword]);
      await c.query(`CREATE USER ?@'localhost' IDENTIFIED BY ?`, [myUser, myPassword]);
      await c.query(`GRANT SELECT ON \`${myDb.name}\`.* TO ?@'%'`, [myUser]);
      await c.query(`GRANT SELECT ON \`${myDb.name}\`.* TO ?@'localhost'`, [myUser]);
    });
    token = await t.adminToken();
  });
  afterAll(async () => {
    await t.close();
    await mysqlAdmin(async (c) => {
      await c.query(`DROP USER IF EXISTS ?@'%'`, [myUser]);
      await c.query(`DROP USER IF EXISTS ?@'localhost'`, [myUser]);
    });
    await Promise.all([pgDb.drop(), myDb.drop()]);
  });

  const pgBody = () => ({ name: uniqueName('pg'), type: 'postgres', host: pgDb.host, port: pgDb.port, database: pgDb.name, username: pgDb.user });
  const myBody = (password = myPassword) => ({ name: uniqueName('my'), type: 'mysql', host: myDb.host, port: myDb.port, database: myDb.name, username: myUser, password });

  describe('POST /datasources/:id/test', () => {
    it('should report ok with the server version for a saved PostgreSQL source', async () => {
      const ds = (await t.request('POST', BASE, { token, body: pgBody() })).body;
      const res = await t.request('POST', `${BASE}/${ds.id}/test`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true, message: 'Connection successful' });
      expect(res.body.serverVersion).toMatch(/PostgreSQL \d+/);
      expect(res.body.latencyMs).toBeGreaterThanOrEqual(0);
    });

    it('should report ok with the server version for a saved MariaDB source (stored password decrypted)', async () => {
      const ds = (await t.request('POST', BASE, { token, body: myBody() })).body;
      const res = await t.request('POST', `${BASE}/${ds.id}/test`, { token });
      expect(res.body).toMatchObject({ ok: true });
      expect(res.body.serverVersion).toMatch(/MariaDB|^\d+\.\d+/);
      expect(JSON.stringify(res.body)).not.toContain(myPassword);
    });

    it('should say so when the stored password was encrypted with a key that is no longer configured', async () => {
      const ds = (await t.request('POST', BASE, { token, body: myBody() })).body;
      const { DataSource } = await import('typeorm');
      await t.app.get(DataSource).query(`UPDATE datasource SET password_encrypted = 'v1:retired:AAAA:AAAA:AAAA' WHERE id = $1`, [ds.id]);
      const res = await t.request('POST', `${BASE}/${ds.id}/test`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: false, serverVersion: null });
      expect(res.body.message).toMatch(/cannot be decrypted.*"retired"/);
    });

    it('should answer 404 for an unknown source', async () => {
      const res = await t.request('POST', `${BASE}/00000000-0000-4000-8000-00000000abcd/test`, { token });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('DATASOURCE_NOT_FOUND');
    });
  });

  describe('POST /datasources/test', () => {
    it('should say the password is wrong', async () => {
      const res = await t.request('POST', `${BASE}/test`, { token, body: myBody('not-the-password') });
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.message).toMatch(/authentication failed/i);
      expect(res.body.serverVersion).toBeNull();
      expect(res.body.message).not.toContain('not-the-password');
    });

    it('should say the host is unknown', async () => {
      const res = await t.request('POST', `${BASE}/test`, { token, body: { ...pgBody(), host: 'no-such-host.invalid' } });
      expect(res.body).toMatchObject({ ok: false });
      expect(res.body.message).toMatch(/unknown host/i);
    });

    it('should say the connection was refused on a closed port', async () => {
      for (const body of [{ ...pgBody(), host: '127.0.0.1', port: 1 }, { ...myBody(), host: '127.0.0.1', port: 1 }]) {
        const res = await t.request('POST', `${BASE}/test`, { token, body });
        expect(res.body).toMatchObject({ ok: false });
        expect(res.body.message).toMatch(/refused/i);
      }
    });

    it('should report ok for correct unsaved settings of both types', async () => {
      expect((await t.request('POST', `${BASE}/test`, { token, body: pgBody() })).body.ok).toBe(true);
      expect((await t.request('POST', `${BASE}/test`, { token, body: myBody() })).body.ok).toBe(true);
    });

    it('should reuse the stored password from an edit form when the password field is empty', async () => {
      const ds = (await t.request('POST', BASE, { token, body: myBody() })).body;
      const form = { ...myBody(''), name: ds.name };
      expect((await t.request('POST', `${BASE}/test`, { token, body: form })).body.ok).toBe(false);
      const reused = await t.request('POST', `${BASE}/test`, { token, body: { ...form, id: ds.id } });
      expect(reused.body).toMatchObject({ ok: true });
      // A typed password wins over the stored one.
      expect((await t.request('POST', `${BASE}/test`, { token, body: { ...form, id: ds.id, password: 'wrong' } })).body.ok).toBe(false);
    });

    it('should validate the body like create and need datasource:execute', async () => {
      const bad = await t.request('POST', `${BASE}/test`, { token, body: { ...pgBody(), options: { nope: true } } });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('options.nope');
      const viewer = await userWithRole(t, 'Viewer');
      expect((await t.request('POST', `${BASE}/test`, { token: viewer.token, body: pgBody() })).status).toBe(403);
      const dev = await userWithRole(t, 'Dev');
      expect((await t.request('POST', `${BASE}/test`, { token: dev.token, body: pgBody() })).body.ok).toBe(true);
      expect((await t.request('POST', `${BASE}/test`, { body: pgBody() })).status).toBe(401);
    });
  });
});
