import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { DatasourceConnectors } from 'src/datasources/datasource-connectors.service.js';
import { createPgDatabase, uniqueName, type TestDatabase } from 'test/support/databases.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

const BASE = '/admin/v1/datasources';
const readOnly = { readOnly: true };

describe(DatasourceConnectors.name, () => {
  let t: TestApp;
  let first: TestDatabase;
  let second: TestDatabase;
  let token: string;
  let connectors: DatasourceConnectors;

  const currentDatabase = async (id: string) => {
    const [result] = await (await connectors.connectorFor(id)).run([{ sql: 'SELECT current_database() AS db', values: [] }], readOnly);
    return result.kind === 'rows' ? result.rows[0].db : null;
  };
  const create = async (db: TestDatabase) =>
    (await t.request('POST', BASE, { token, body: { name: uniqueName('conn'), type: 'postgres', host: db.host, port: db.port, database: db.name, username: db.user, poolMax: 2 } })).body;

  beforeAll(async () => {
    [t, first, second] = await Promise.all([startTestApp(), createPgDatabase('qg_ds_one'), createPgDatabase('qg_ds_two')]);
    token = await t.adminToken();
    connectors = t.app.get(DatasourceConnectors);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([first.drop(), second.drop()]);
  });

  describe('connectorFor', () => {
    it('should hand out one pooled connector per source and reuse it while nothing changes', async () => {
      const ds = await create(first);
      expect(await currentDatabase(ds.id)).toBe(first.name);
      expect(await connectors.connectorFor(ds.id)).toBe(await connectors.connectorFor(ds.id));
    });

    it('should use the new settings after an update bumps the revision', async () => {
      const ds = await create(first);
      const before = await connectors.connectorFor(ds.id);
      expect(await currentDatabase(ds.id)).toBe(first.name);
      const updated = await t.request('PATCH', `${BASE}/${ds.id}`, { token, body: { database: second.name } });
      expect(updated.body.revision).toBe(ds.revision + 1);
      const after = await connectors.connectorFor(ds.id);
      expect(after).not.toBe(before);
      expect(await currentDatabase(ds.id)).toBe(second.name);
    });

    it('should evict on a datasource.changed notification from another instance', async () => {
      const ds = await create(first);
      expect(await currentDatabase(ds.id)).toBe(first.name);
      // Another instance changes the row; this one only hears the notification.
      await t.app.get(DataSource).query(`UPDATE datasource SET database = $1, revision = revision + 1 WHERE id = $2`, [second.name, ds.id]);
      expect(await currentDatabase(ds.id)).toBe(first.name);
      await t.app.get(NotificationBus).publish({ topic: 'datasource.changed', id: ds.id });
      expect(await currentDatabase(ds.id)).toBe(second.name);
    });

    it('should serve a warm source without reading the app database', async () => {
      const ds = await create(first);
      const warm = await connectors.connectorFor(ds.id);
      // Changed behind its back and not announced: the cached settings still apply.
      await t.app.get(DataSource).query(`UPDATE datasource SET is_active = false WHERE id = $1`, [ds.id]);
      // Served as is, not as a promise: the gateway asks on every call.
      expect(connectors.connectorFor(ds.id)).toBe(warm);
      await t.app.get(NotificationBus).publish({ topic: 'datasource.changed', id: ds.id });
      await expect(connectors.connectorFor(ds.id)).rejects.toMatchObject({ code: 'DATASOURCE_INACTIVE' });
    });

    it('should refuse an inactive source, an unknown one and a deleted one', async () => {
      const ds = await create(first);
      await t.request('PATCH', `${BASE}/${ds.id}`, { token, body: { isActive: false } });
      await expect(connectors.connectorFor(ds.id)).rejects.toMatchObject({ code: 'DATASOURCE_INACTIVE' });
      await expect(connectors.connectorFor('00000000-0000-4000-8000-000000000999')).rejects.toMatchObject({ code: 'DATASOURCE_NOT_FOUND' });
      const gone = await create(first);
      await connectors.connectorFor(gone.id);
      expect((await t.request('DELETE', `${BASE}/${gone.id}`, { token })).status).toBe(204);
      await expect(connectors.connectorFor(gone.id)).rejects.toMatchObject({ code: 'DATASOURCE_NOT_FOUND' });
    });
  });

  describe('describe', () => {
    it('should give name, type and database without credentials', async () => {
      const ds = await create(first);
      const d = await connectors.describe(ds.id);
      expect(d).toEqual({ id: ds.id, name: ds.name, type: 'postgres', database: first.name });
    });
  });

  describe('metrics', () => {
    it('should expose pool gauges per source, labelled by id and name', async () => {
      const ds = await create(first);
      await currentDatabase(ds.id);
      const res = await fetch(`${t.url}/metrics`);
      const text = await res.text();
      expect(text).toContain(`querygate_datasource_connections_idle{datasource_id="${ds.id}",datasource="${ds.name}"} 1`);
      expect(text).toContain(`querygate_datasource_connections_in_use{datasource_id="${ds.id}",datasource="${ds.name}"} 0`);
      expect(text).toContain(`querygate_datasource_connections_waiting{datasource_id="${ds.id}",datasource="${ds.name}"} 0`);
      expect(text).toContain(`querygate_datasource_connections_max{datasource_id="${ds.id}",datasource="${ds.name}"} 2`);
    });
  });
});
