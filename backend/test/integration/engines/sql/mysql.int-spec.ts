import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppException } from 'src/common/errors/app-exception.js';
import { SqlEngine } from 'src/engines/sql/sql.engine.js';
import { createMysqlDatabase, type TestDatabase } from 'test/support/databases.js';
import { describeSqlEngineOn } from 'test/integration/engines/sql/sql-engine-scenarios.js';
import { mysqlConnector, type RunOnly } from 'test/integration/engines/sql/sql-test-connectors.js';

describeSqlEngineOn('MariaDB', async () => {
  const db = await createMysqlDatabase('qg_sqleng_my');
  const admin = await mysql.createConnection(db.url);
  const connector = mysqlConnector(db);
  return {
    dialect: 'mysql',
    connector,
    admin: async (sql) => (await admin.query(sql))[0] as Record<string, unknown>[],
    setupSql: [
      'CREATE TABLE items (id int PRIMARY KEY, name varchar(100) COLLATE utf8mb4_bin NOT NULL, price decimal(10, 2), qty int, active boolean, created date, note text COLLATE utf8mb4_bin)',
      `INSERT INTO items VALUES (1, 'apple', 1.5, 10, true, '2025-01-10', 'Tom AND Jerry'), (2, 'apricot', 3, 0, false, '2025-01-15', 'x'),
        (3, 'O''Brien', 12, 5, true, '2025-02-01', '50% off'), (4, 'banana', 7.25, 7, false, '2025-03-01', 'a_b'), (5, '50%_off', 100, 1, true, '2025-03-02', NULL)`,
      'CREATE TABLE audit (id int PRIMARY KEY, msg text) ENGINE=InnoDB',
    ],
    teardown: async () => {
      await connector.close();
      await admin.end();
      await db.drop();
    },
  };
});

describe('SqlEngine.execute on MariaDB: deadlines', () => {
  const engine = new SqlEngine();
  let db: TestDatabase;
  let connector: RunOnly;
  beforeAll(async () => {
    db = await createMysqlDatabase('qg_sqleng_my_t');
    connector = mysqlConnector(db);
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
    const p = engine.execute({ content: 'SELECT SLEEP({{ s }}) AS z FROM DUAL', params: { s: 5 }, dialect: 'mysql', connector, readOnly: true, timeoutMs: 300 });
    expect(await code(p)).toBe('STATEMENT_TIMEOUT');
  });

  it('should pass the abort signal to the connector (QUERY_CANCELLED)', async () => {
    const ac = new AbortController();
    const p = engine.execute({ content: 'SELECT SLEEP({{ s }}) AS z FROM DUAL', params: { s: 5 }, dialect: 'mysql', connector, readOnly: true, signal: ac.signal });
    setTimeout(() => ac.abort(), 300);
    expect(await code(p)).toBe('QUERY_CANCELLED');
  });
});
