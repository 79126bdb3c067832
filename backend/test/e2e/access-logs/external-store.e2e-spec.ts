import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { AccessLogExternalStore, EXTERNAL_TABLE } from 'src/access-logs/access-log-external.store.js';
import { AccessLogWriter } from 'src/access-logs/access-log.writer.js';
import { accessLogRecord } from 'test/support/access-log-factory.js';
import { createMysqlDatabase, createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

async function withStore(type: 'postgres' | 'mysql', target: TestDatabase): Promise<TestApp> {
  const t = await startTestApp({ ACCESS_LOG_EXTERNAL_DATASOURCE: 'log store' });
  const created = await t.request('POST', '/admin/v1/datasources', {
    token: await t.adminToken(),
    body: { name: 'Log Store', type, host: target.host, port: target.port, database: target.name, username: target.user, password: target.password || undefined, poolMax: 2 },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return t;
}

async function writeAndWait(t: TestApp, n: number) {
  const writer = t.app.get(AccessLogWriter);
  for (let i = 0; i < n; i++) writer.write(accessLogRecord({ path: `ext/${i}`, params: { i, q: "it's" } }));
  await writer.flush();
  await t.app.get(AccessLogExternalStore).flush();
}

describe('external access-log store', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('should create its table on PostgreSQL and receive every row', async () => {
    const target = await createPgDatabase('qg_logstore');
    cleanup.push(() => target.drop());
    const t = await withStore('postgres', target);
    cleanup.push(() => t.close());
    await writeAndWait(t, 1200);
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    const [row] = (await c.query(`SELECT count(*)::int AS n, max((params->>'i')::int) AS top, min(params->>'q') AS q FROM ${EXTERNAL_TABLE}`)).rows;
    await c.end();
    expect(row).toEqual({ n: 1200, top: 1199, q: "it's" });
  });

  it('should create its table on MariaDB and receive every row', async () => {
    const target = await createMysqlDatabase('qg_logstore');
    cleanup.push(() => target.drop());
    const t = await withStore('mysql', target);
    cleanup.push(() => t.close());
    await writeAndWait(t, 700);
    const c = await mysql.createConnection({ host: target.host, port: target.port, user: target.user, password: target.password, database: target.name });
    const [rows] = await c.query(`SELECT count(*) AS n, sum(status) AS s FROM ${EXTERNAL_TABLE}`);
    await c.end();
    expect(rows).toEqual([{ n: 700, s: '140000' }]);
  });
});
