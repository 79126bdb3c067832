import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from 'src/datasources/external-db/postgres.driver.js';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { configFor } from 'test/integration/datasources/datasource-configs.js';

/** The one-round-trip path for single read-only statements must stay read-only, whatever the SQL does. */
describe('PostgresConnector read-only statements', () => {
  let db: TestDatabase;
  let admin: pg.Client;
  let connector: PostgresConnector;
  const count = async () => (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM note')).rows[0].n;

  beforeAll(async () => {
    db = await createPgDatabase('qg_ds_ro');
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('CREATE TABLE note (id serial PRIMARY KEY, body text)');
    connector = new PostgresConnector(configFor('postgres', db, { poolMax: 1 }));
  });
  afterAll(async () => {
    await connector.close();
    await admin.end();
    await db.drop();
  });

  it('should refuse a write in a read-only statement', async () => {
    await expect(connector.run([{ sql: "WITH x AS (INSERT INTO note (body) VALUES ('no') RETURNING 1) SELECT * FROM x", values: [] }], { readOnly: true })).rejects.toMatchObject({
      code: 'QUERY_FAILED',
    });
    expect(await count()).toBe(0);
  });

  it('should not let a statement switch the pooled connection to read-write for the next call', async () => {
    const flipped = await connector.run([{ sql: "SELECT set_config('default_transaction_read_only', 'off', false) AS v", values: [] }], { readOnly: true });
    expect(flipped[0]).toMatchObject({ kind: 'rows', rows: [{ v: 'off' }] });
    // Same pool of one: the next read-only call must still be unable to write.
    await expect(connector.run([{ sql: "WITH x AS (INSERT INTO note (body) VALUES ('no') RETURNING 1) SELECT * FROM x", values: [] }], { readOnly: true })).rejects.toMatchObject({
      code: 'QUERY_FAILED',
    });
    expect(await count()).toBe(0);
  });

  it('should still write in a writing call on the same pooled connection, and read afterwards', async () => {
    await connector.run([{ sql: 'SELECT 1', values: [] }], { readOnly: true });
    const written = await connector.run([{ sql: 'INSERT INTO note (body) VALUES ($1)', values: ['yes'] }], { readOnly: false });
    expect(written[0]).toEqual({ kind: 'count', affectedRows: 1 });
    const read = await connector.run([{ sql: 'SELECT body FROM note', values: [] }], { readOnly: true });
    expect(read[0]).toMatchObject({ kind: 'rows', rows: [{ body: 'yes' }] });
  });

  it('should apply each call its own statement timeout on the shared session', async () => {
    await expect(connector.run([{ sql: 'SELECT pg_sleep(1)', values: [] }], { readOnly: true, timeoutMs: 100 })).rejects.toMatchObject({ code: 'STATEMENT_TIMEOUT' });
    const ok = await connector.run([{ sql: 'SELECT 1 AS slept FROM pg_sleep(0.3)', values: [] }], { readOnly: true, timeoutMs: 5000 });
    expect(ok[0]).toMatchObject({ kind: 'rows', rows: [{ slept: 1 }] });
  });
});
