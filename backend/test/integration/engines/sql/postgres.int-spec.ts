import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppException } from 'src/common/errors/app-exception.js';
import { SqlEngine } from 'src/engines/sql/sql.engine.js';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { describeSqlEngineOn } from 'test/integration/engines/sql/sql-engine-scenarios.js';
import { pgConnector, type RunOnly } from 'test/integration/engines/sql/sql-test-connectors.js';

describeSqlEngineOn('PostgreSQL', async () => {
  const db = await createPgDatabase('qg_sqleng_pg');
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  const connector = pgConnector(db);
  return {
    dialect: 'postgres',
    connector,
    admin: async (sql) => (await admin.query(sql)).rows,
    setupSql: [
      'CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10, 2), qty int, active boolean, created date, note text)',
      `INSERT INTO items VALUES (1, 'apple', 1.5, 10, true, '2025-01-10', 'Tom AND Jerry'), (2, 'apricot', 3, 0, false, '2025-01-15', 'x'),
        (3, 'O''Brien', 12, 5, true, '2025-02-01', '50% off'), (4, 'banana', 7.25, 7, false, '2025-03-01', 'a_b'), (5, '50%_off', 100, 1, true, '2025-03-02', NULL)`,
      'CREATE TABLE audit (id int PRIMARY KEY, msg text)',
    ],
    teardown: async () => {
      await connector.close();
      await admin.end();
      await db.drop();
    },
  };
});

describe('SqlEngine.execute on PostgreSQL: deadlines and named statements', () => {
  const engine = new SqlEngine();
  let db: TestDatabase;
  let connector: RunOnly;
  beforeAll(async () => {
    db = await createPgDatabase('qg_sqleng_pg_t');
    connector = pgConnector(db);
  });
  afterAll(async () => {
    await connector.close();
    await db.drop();
  });

  const code = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err instanceof AppException ? err.code : String(err);
    }
    return 'resolved';
  };

  it('should pass timeoutMs to the connector (STATEMENT_TIMEOUT)', async () => {
    const p = engine.execute({ content: 'SELECT pg_sleep({{ s }})', params: { s: 5 }, dialect: 'postgres', connector, readOnly: true, timeoutMs: 200 });
    expect(await code(p)).toBe('STATEMENT_TIMEOUT');
  });

  it('should pass the abort signal to the connector (QUERY_CANCELLED)', async () => {
    const ac = new AbortController();
    const p = engine.execute({ content: 'SELECT pg_sleep({{ s }})', params: { s: 5 }, dialect: 'postgres', connector, readOnly: true, signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    expect(await code(p)).toBe('QUERY_CANCELLED');
  });

  it('should reuse the named prepared statement for the same template shape with other values', async () => {
    const t = 'SELECT {{ a | sql_int }} + 1 AS n';
    const one = await engine.execute({ content: t, params: { a: 1 }, dialect: 'postgres', connector, readOnly: true });
    const two = await engine.execute({ content: t, params: { a: 41 }, dialect: 'postgres', connector, readOnly: true });
    expect(one.statements[0].name).toBe(two.statements[0].name);
    expect(two.results[0]).toMatchObject({ kind: 'rows', rows: [{ n: '42' }] });
    expect(two.timings.renderMs).toBeGreaterThanOrEqual(0);
  });
});
