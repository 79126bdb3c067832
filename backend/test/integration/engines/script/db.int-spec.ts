import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppException } from 'src/common/errors/app-exception.js';
import type { Connector } from 'src/datasources/external-db/connector.js';
import { PostgresConnector } from 'src/datasources/external-db/postgres.driver.js';
import { ScriptEngine, type ScriptRunRequest } from 'src/engines/script/script.engine.js';
import { createMysqlDatabase, createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { MysqlConnector } from 'src/datasources/external-db/mysql.driver.js';

interface Dialect {
  name: 'postgres' | 'mysql';
  create: () => Promise<TestDatabase>;
  connector: (db: TestDatabase) => Connector;
  /** Runs SQL directly (setup and checks), outside the engine. */
  direct: (db: TestDatabase) => Promise<{ query: (sql: string) => Promise<Record<string, unknown>[]>; close: () => Promise<void> }>;
  p: (n: number) => string;
}

const dialects: Dialect[] = [
  {
    name: 'postgres',
    create: () => createPgDatabase('qg_script'),
    connector: (db) =>
      new PostgresConnector({
        id: 'ds-pg',
        type: 'postgres',
        host: db.host,
        port: db.port,
        database: db.name,
        username: db.user,
        password: db.password || null,
        poolMax: 4,
        options: {},
        revision: '1',
      }),
    direct: async (db) => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      return { query: async (sql) => (await client.query(sql)).rows, close: () => client.end() };
    },
    p: (n) => `$${n}`,
  },
  {
    name: 'mysql',
    create: () => createMysqlDatabase('qg_script'),
    connector: (db) =>
      new MysqlConnector({ id: 'ds-my', type: 'mysql', host: db.host, port: db.port, database: db.name, username: db.user, password: db.password || null, poolMax: 4, options: {}, revision: '1' }),
    direct: async (db) => {
      const conn = await mysql.createConnection(db.url);
      return { query: async (sql) => (await conn.query(sql))[0] as Record<string, unknown>[], close: () => conn.end() };
    },
    p: () => '?',
  },
];

describe.each(dialects)('ScriptEngine db module on $name', (dialect) => {
  let database: TestDatabase;
  let connector: Connector;
  let direct: Awaited<ReturnType<Dialect['direct']>>;
  let engine: ScriptEngine;
  let n = 0;
  const p = dialect.p;

  const run = (script: string, extra: Partial<ScriptRunRequest> = {}) =>
    engine.run({
      key: `db-${++n}`,
      script,
      apiId: 'api-db',
      connector,
      ds: { id: 'ds1', name: 'shop', type: dialect.name, database: database.name },
      readOnly: false,
      ...extra,
    });
  const names = async () => (await direct.query('SELECT name FROM items ORDER BY id')).map((r) => r.name);

  beforeAll(async () => {
    database = await dialect.create();
    direct = await dialect.direct(database);
    await direct.query('CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)');
    await direct.query("INSERT INTO items VALUES (1, 'apple'), (2, 'banana'), (3, 'cherry')");
    connector = dialect.connector(database);
    engine = new ScriptEngine({ poolSize: 2, timeoutMs: 5000 });
  });

  afterAll(async () => {
    await engine?.close();
    await connector?.close();
    await direct?.close();
    await database?.drop();
  });

  it('should run queries with bound values in the native placeholder style', async () => {
    const r = await run(`
      const rows = await db.query('SELECT id, name FROM items WHERE id > ${p(1)} ORDER BY id', [params.after]);
      const one = await db.queryOne('SELECT name FROM items WHERE id = ${p(1)}', [2]);
      const none = await db.queryOne('SELECT name FROM items WHERE id = ${p(1)}', [99]);
      const injected = await db.query("SELECT COUNT(*) AS n FROM items WHERE name = ${p(1)}", ["x' OR '1'='1"]);
      return { data: rows, one, none, injected: Number(injected[0].n) };`, { params: { after: 1 } });
    expect(r.envelope).toEqual({
      success: true,
      message: null,
      data: [
        { id: 2, name: 'banana' },
        { id: 3, name: 'cherry' },
      ],
      one: { name: 'banana' },
      none: null,
      injected: 0,
    });
    expect(r.stats.hostCalls).toBe(4);
  });

  it('should write with db.execute on a writing API and report affected rows', async () => {
    const r = await run(`return await db.execute('INSERT INTO items (id, name) VALUES (${p(1)}, ${p(2)})', [10, 'date'])`);
    expect(r.envelope.data).toEqual([1]);
    expect(await names()).toContain('date');
    await direct.query('DELETE FROM items WHERE id >= 10');
  });

  it('should commit db.transaction when the function returns', async () => {
    await run(`
      return await db.transaction(async (tx) => {
        await tx.execute('INSERT INTO items (id, name) VALUES (${p(1)}, ${p(2)})', [11, 'elder']);
        await tx.execute('INSERT INTO items (id, name) VALUES (${p(1)}, ${p(2)})', [12, 'fig']);
        return 'done';
      });`);
    expect(await names()).toEqual(expect.arrayContaining(['elder', 'fig']));
    await direct.query('DELETE FROM items WHERE id >= 10');
  });

  it('should roll back db.transaction when the function throws, and report the line', async () => {
    const error = await run(`
      await db.transaction(async (tx) => {
        await tx.execute('INSERT INTO items (id, name) VALUES (${p(1)}, ${p(2)})', [13, 'grape']);
        throw new Error('changed my mind');
      });`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).code).toBe('SCRIPT_ERROR');
    expect((error as AppException).details?.[0]).toMatchObject({ source: 'script', line: 4, column: 15 });
    expect(await names()).not.toContain('grape');
  });

  it('should honour tx.begin/commit/rollback and roll back a transaction left open', async () => {
    await run(`await tx.begin(); await db.execute('INSERT INTO items (id, name) VALUES (${p(1)}, ${p(2)})', [14, 'kiwi']); await tx.commit();`);
    await run(`await tx.begin(); await db.execute('INSERT INTO items (id, name) VALUES (${p(1)}, ${p(2)})', [15, 'lime']); await tx.rollback();`);
    await run(`await tx.begin(); await db.execute('INSERT INTO items (id, name) VALUES (${p(1)}, ${p(2)})', [16, 'mango']); return 'left open';`);
    const seen = await names();
    expect(seen).toContain('kiwi');
    expect(seen).not.toContain('lime');
    expect(seen).not.toContain('mango');
    await direct.query('DELETE FROM items WHERE id >= 10');
  });

  it('should refuse writes on a read-only API', async () => {
    const error = await run(`await db.execute('INSERT INTO items (id, name) VALUES (${p(1)}, ${p(2)})', [17, 'nectarine'])`, { readOnly: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).code).not.toBe('SCRIPT_TIMEOUT');
    expect(await names()).not.toContain('nectarine');
    const reads = await run(`await tx.begin(); const r = await db.query('SELECT COUNT(*) AS n FROM items'); await tx.commit(); return Number(r[0].n);`, { readOnly: true });
    expect(reads.envelope.data).toEqual([3]);
  });

  it('should refuse transaction control and several statements in SQL text', async () => {
    for (const sql of ['COMMIT', 'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE', "SELECT 1; DELETE FROM items", '/* x */ begin']) {
      const error = await run(`return await db.query(${JSON.stringify(sql)})`, { readOnly: true }).catch((e: unknown) => e);
      expect([sql, (error as AppException).code]).toEqual([sql, 'SCRIPT_FORBIDDEN']);
    }
    const quoted = await run(`return await db.query("SELECT 'a;b' AS v")`, { readOnly: true });
    expect(quoted.envelope.data).toEqual([{ v: 'a;b' }]);
    expect(await names()).toHaveLength(3);
  });

  it('should let the script catch a database error, and keep the data-source code when it does not', async () => {
    const caught = await run("try { await db.query('SELECT * FROM no_such_table'); } catch (e) { return e.code; }");
    expect(caught.envelope.data).toEqual(['QUERY_FAILED']);
    const error = await run("const x = 1;\nawait db.query('SELECT * FROM no_such_table');").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).code).toBe('QUERY_FAILED');
    expect((error as AppException).details?.[0]).toMatchObject({ source: 'script', line: 2, column: 1 });
  });

  it('should take no connection when the script makes no db call and release it after one', async () => {
    const r = await run('return 1');
    expect(r.envelope.data).toEqual([1]);
    await run("return await db.query('SELECT 1 AS one')");
    expect(connector.stats().inUse).toBe(0);
  });
});
