import pg from 'pg';
import { createPgDatabase } from 'test/support/databases.js';
import { describeSqlEngineOn } from 'test/integration/engines/sql/sql-engine-scenarios.js';
import { pgConnector } from 'test/integration/engines/sql/sql-test-connectors.js';

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
