import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasourceConnectionConfig } from 'src/datasources/external-db/connector.js';
import { PoolRegistry, testConnection } from 'src/datasources/external-db/pool.registry.js';
import { createMysqlDatabase, createPgDatabase, uniqueName, type TestDatabase } from 'test/support/databases.js';
import { closedPort, configFor, silentServer } from 'test/integration/datasources/datasource-configs.js';

describe(PoolRegistry.name, () => {
  let pgDb: TestDatabase;
  let myDb: TestDatabase;
  const registry = new PoolRegistry({ connectTimeoutMs: 1_000 });

  beforeAll(async () => {
    [pgDb, myDb] = await Promise.all([createPgDatabase('qg_ds_pool'), createMysqlDatabase('qg_ds_pool')]);
  });

  afterAll(async () => {
    await registry.closeAll();
    await Promise.all([pgDb.drop(), myDb.drop()]);
  });

  const engines = [
    { type: 'postgres' as const, db: () => pgDb, sleep: 'SELECT pg_sleep(1.5) AS slept' },
    { type: 'mysql' as const, db: () => myDb, sleep: 'SELECT SLEEP(1.5) AS slept' },
  ];

  describe.each(engines)('saturation ($type)', ({ type, db, sleep }) => {
    it('should run 2 of 10 slow queries on a pool of 2, fail the waiters with DATASOURCE_SATURATED at the deadline, then recover', async () => {
      const config = configFor(type, db(), { poolMax: 2, options: { queueMax: 20, queueTimeoutMs: 500 } });
      const connector = registry.get(config);
      const started = Date.now();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, async () => {
          await connector.run([{ sql: sleep, values: [] }], { readOnly: true, timeoutMs: 10_000 });
          return Date.now() - started;
        }),
      );
      const ok = outcomes.filter((o) => o.status === 'fulfilled');
      const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(ok).toHaveLength(2);
      expect(failed).toHaveLength(8);
      for (const f of failed) expect(f.reason).toMatchObject({ code: 'DATASOURCE_SATURATED', status: 503 });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(connector.stats()).toMatchObject({ max: 2, inUse: 0, waiting: 0 });
      const [r] = await connector.run([{ sql: 'SELECT 1 AS ok', values: [] }], { readOnly: true });
      expect(r).toMatchObject({ rows: [{ ok: 1 }] });
    });

    it('should fail fast, without waiting, once the wait queue is full', async () => {
      const config = configFor(type, db(), { poolMax: 2, options: { queueMax: 3, queueTimeoutMs: 5_000 } });
      const connector = registry.get(config);
      const started = Date.now();
      const settled = Promise.allSettled(
        Array.from({ length: 10 }, () => connector.run([{ sql: sleep, values: [] }], { readOnly: true, timeoutMs: 10_000 }).then(() => Date.now() - started)),
      );
      const stats = await new Promise<ReturnType<typeof connector.stats>>((r) => setTimeout(() => r(connector.stats()), 200));
      expect(stats).toMatchObject({ inUse: 2, waiting: 3 });
      const outcomes = await settled;
      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(rejected).toHaveLength(5);
      for (const f of rejected) expect(f.reason).toMatchObject({ code: 'DATASOURCE_SATURATED' });
      // The 3 waiters ran after the first 2 finished: 2 + 3 succeed.
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    });
  });

  describe('get', () => {
    it('should keep one pool per id and rebuild it when the revision changes', async () => {
      const config = configFor('postgres', pgDb, { poolMax: 1 });
      const first = registry.get(config);
      expect(registry.get({ ...config })).toBe(first);
      await first.run([{ sql: 'SELECT 1', values: [] }], { readOnly: true });
      const second = registry.get({ ...config, revision: '2', poolMax: 3 });
      expect(second).not.toBe(first);
      expect(second.stats().max).toBe(3);
      expect(registry.stats().find((s) => s.id === config.id)).toMatchObject({ type: 'postgres', max: 3 });
      await registry.evict(config.id);
      expect(registry.stats().some((s) => s.id === config.id)).toBe(false);
    });

    it('should close idle connections after idleTimeoutMs', async () => {
      const connector = registry.get(configFor('postgres', pgDb, { options: { idleTimeoutMs: 300 } }));
      await connector.run([{ sql: 'SELECT 1', values: [] }], { readOnly: true });
      expect(connector.stats().idle).toBe(1);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(connector.stats().idle).toBe(0);
    });
  });
});

describe(testConnection.name, () => {
  let myDb: TestDatabase;
  let admin: mysql.Connection;
  const user = uniqueName('qg_u').slice(0, 30);

  beforeAll(async () => {
    myDb = await createMysqlDatabase('qg_ds_test');
    admin = await mysql.createConnection({ host: myDb.host, port: myDb.port, user: myDb.user, password: myDb.password });
    await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'right-password'`);
    await admin.query(`CREATE USER '${user}'@'localhost' IDENTIFIED BY 'right-password'`);
    await admin.query(`GRANT SELECT ON \`${myDb.name}\`.* TO '${user}'@'%'`);
    await admin.query(`GRANT SELECT ON \`${myDb.name}\`.* TO '${user}'@'localhost'`);
  });

  afterAll(async () => {
    await admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
    await admin.query(`DROP USER IF EXISTS '${user}'@'localhost'`);
    await admin.end();
    await myDb.drop();
  });

  const pgBase = (): DatasourceConnectionConfig => configFor('postgres', { host: '127.0.0.1', port: 5432, name: 'postgres', user: 'postgres', password: '' });

  it('should report ok with the server version and latency', async () => {
    const pg = await testConnection(pgBase());
    expect(pg).toMatchObject({ ok: true, message: 'Connection successful', serverVersion: expect.stringContaining('PostgreSQL') });
    expect(pg.latencyMs).toBeGreaterThanOrEqual(0);
    const my = await testConnection(configFor('mysql', myDb, { username: user, password: 'right-password' }));
    expect(my).toMatchObject({ ok: true, serverVersion: expect.stringMatching(/MariaDB|^\d/) });
  });

  it('should say the password was wrong', async () => {
    const res = await testConnection(configFor('mysql', myDb, { username: user, password: 'wrong-password' }));
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/authentication failed \(wrong user name or password\)/);
    expect(res.serverVersion).toBeNull();
  });

  it('should say the PostgreSQL role was refused (the local server trusts passwords, so an unknown role stands in)', async () => {
    const res = await testConnection({ ...pgBase(), username: 'qg_no_such_role', password: 'x' });
    expect(res).toMatchObject({ ok: false, message: expect.stringMatching(/authentication failed/) });
  });

  it.each(['postgres', 'mysql', 'trino'] as const)('should say the host is unknown (%s)', async (type) => {
    const res = await testConnection({ ...pgBase(), type, host: 'no-such-host.invalid' });
    expect(res).toMatchObject({ ok: false, message: expect.stringContaining('unknown host') });
  });

  it.each(['postgres', 'mysql', 'trino'] as const)('should say the connection was refused on a closed port (%s)', async (type) => {
    const res = await testConnection({ ...pgBase(), type, port: await closedPort() });
    expect(res).toMatchObject({ ok: false, message: expect.stringContaining('connection refused') });
  });

  it.each(['postgres', 'mysql', 'trino'] as const)('should say the connection timed out when the server never answers (%s)', async (type) => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const res = await testConnection({ ...pgBase(), type, port: silent.port, options: { connectTimeoutMs: 500 } });
      expect(res).toMatchObject({ ok: false, message: expect.stringContaining('timed out') });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await silent.close();
    }
  });
});
