import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trinoDate, trinoTimestamp } from 'src/datasources/external-db/trino-literal.js';
import { TrinoConnector } from 'src/datasources/external-db/trino.driver.js';
import { testConnection } from 'src/datasources/external-db/pool.registry.js';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { startTrinoProtocolServer, type TrinoProtocolServer } from 'test/support/trino-protocol-server.js';
import { eventually } from 'test/integration/datasources/datasource-configs.js';

/** The Trino connector against a server speaking Trino's client protocol over a real PostgreSQL database. */
describe(`${TrinoConnector.name} (protocol)`, () => {
  let db: TestDatabase;
  let admin: pg.Client;
  let server: TrinoProtocolServer;
  const connectors: TrinoConnector[] = [];
  const connector = (overrides: { options?: Record<string, unknown>; password?: string | null } = {}) => {
    const c = new TrinoConnector({
      id: 'trino-test',
      type: 'trino',
      host: server.host,
      port: server.port,
      database: 'postgresql',
      username: 'analyst',
      password: overrides.password ?? null,
      poolMax: 4,
      revision: '1',
      options: { schema: 'public', applicationName: 'querygate-test', ...overrides.options },
    });
    connectors.push(c);
    return c;
  };
  const activeQueries = async (like: string) => {
    const res = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE $2 AND pid <> pg_backend_pid()", [
      db.name,
      `%${like}%`,
    ]);
    return res.rows[0].n;
  };

  beforeAll(async () => {
    db = await createPgDatabase('qg_ds_trino');
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`
      CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric(20, 6), big int8, placed_at timestamp, day date);
      INSERT INTO orders SELECT g, 'customer ' || g, g * 1.5, 9007199254740000 + g, timestamp '2024-01-01 00:00:00.123456' + g * interval '1 hour', date '2024-01-01' + g
      FROM generate_series(1, 1000) g;
    `);
    server = await startTrinoProtocolServer({ pgUrl: db.url, pageSize: 100 });
  });

  afterAll(async () => {
    await Promise.all(connectors.map((c) => c.close()));
    await server.close();
    await admin.end();
    await db.drop();
  });

  it('should send catalog, schema, source and user headers and page through nextUri until FINISHED', async () => {
    const c = connector();
    const before = server.requests.length;
    const [r] = await c.run([{ sql: 'SELECT id, customer FROM orders ORDER BY id', values: [] }], { readOnly: true });
    expect(r.kind).toBe('rows');
    if (r.kind !== 'rows') return;
    expect(r.rows).toHaveLength(1000);
    expect(r.rows[0]).toEqual({ id: 1, customer: 'customer 1' });
    expect(r.rows[999]).toEqual({ id: 1000, customer: 'customer 1000' });
    expect(r.columns).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'customer', type: 'varchar' },
    ]);
    const mine = server.requests.slice(before);
    expect(mine[0]).toMatchObject({
      method: 'POST',
      path: '/v1/statement',
      headers: { 'x-trino-user': 'analyst', 'x-trino-catalog': 'postgresql', 'x-trino-schema': 'public', 'x-trino-source': 'querygate-test' },
    });
    expect(mine[0].headers['x-trino-session']).toMatch(/^query_max_execution_time=\d+s$/);
    // 1000 rows in pages of 100: at least ten GETs on nextUri.
    expect(mine.filter((q) => q.method === 'GET' && q.path.startsWith('/v1/statement/')).length).toBeGreaterThanOrEqual(10);
  });

  it('should bind values as typed literals through EXECUTE IMMEDIATE and keep big numbers exact', async () => {
    const c = connector();
    const [r] = await c.run(
      [
        {
          sql: "SELECT id, total, big, placed_at, day FROM orders WHERE customer = ? AND day >= ? AND placed_at < ? AND id IN (?, ?) AND 'it''s ?' <> ? ORDER BY id",
          values: ['customer 2', trinoDate('2024-01-01'), trinoTimestamp('2030-01-01 00:00:00'), 2, 3, "it's"],
        },
      ],
      { readOnly: true },
    );
    const sent = server.requests.filter((q) => q.method === 'POST').at(-1)!.body!;
    expect(sent).toBe(
      "EXECUTE IMMEDIATE 'SELECT id, total, big, placed_at, day FROM orders WHERE customer = ? AND day >= ? AND placed_at < ? AND id IN (?, ?) AND ''it''''s ?'' <> ? ORDER BY id' USING 'customer 2', DATE '2024-01-01', TIMESTAMP '2030-01-01 00:00:00', 2, 3, 'it''s'",
    );
    expect(r).toMatchObject({
      kind: 'rows',
      rows: [{ id: 2, total: '3.000000', big: '9007199254740002', placed_at: '2024-01-01T02:00:00.123456', day: '2024-01-03' }],
    });
  });

  it('should return affected counts for writes', async () => {
    const c = connector();
    const [r] = await c.run([{ sql: 'UPDATE orders SET customer = ? WHERE id <= ?', values: ['renamed', 5] }], { readOnly: false });
    expect(r).toEqual({ kind: 'count', affectedRows: 5 });
  });

  it('should turn an error object into QUERY_FAILED with the server message kept', async () => {
    const c = connector();
    await expect(c.run([{ sql: 'SELECT * FROM no_such_table', values: [] }], { readOnly: true })).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      details: [{ message: expect.stringContaining('no_such_table'), driverCode: 'SYNTAX_ERROR' }],
    });
  });

  it('should fail with STATEMENT_TIMEOUT when query_max_execution_time passes', async () => {
    const c = connector();
    await expect(c.run([{ sql: 'SELECT pg_sleep(5) /* qg-trino-timeout */', values: [] }], { readOnly: true, timeoutMs: 1_000 })).rejects.toMatchObject({
      code: 'STATEMENT_TIMEOUT',
    });
    expect(await eventually(async () => (await activeQueries('qg-trino-timeout')) === 0, 3_000)).toBe(true);
  });

  it('should cancel the query with DELETE on nextUri when the signal aborts', async () => {
    const c = connector();
    const ac = new AbortController();
    const pending = c.run([{ sql: 'SELECT pg_sleep(10) /* qg-trino-cancel */', values: [] }], { readOnly: true, signal: ac.signal });
    expect(await eventually(async () => (await activeQueries('qg-trino-cancel')) === 1)).toBe(true);
    ac.abort();
    await expect(pending).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
    expect(await eventually(async () => server.requests.some((q) => q.method === 'DELETE'), 2_000)).toBe(true);
    expect(await eventually(async () => (await activeQueries('qg-trino-cancel')) === 0, 3_000)).toBe(true);
  });

  it('should stream pages lazily and cancel the rest when the reader stops', async () => {
    const c = connector();
    const { columns, batches } = await c.stream({ sql: 'SELECT g FROM generate_series(1, 100000) g', values: [] }, { readOnly: true });
    expect(columns).toEqual([{ name: 'g', type: 'integer' }]);
    let seen = 0;
    for await (const batch of batches) {
      seen += batch.length;
      if (seen >= 300) break;
    }
    expect(seen).toBe(300);
    const deletes = server.requests.filter((q) => q.method === 'DELETE');
    expect(deletes.length).toBeGreaterThan(0);
    expect(c.stats().inUse).toBe(0);
  });

  it('should commit and roll back explicit transactions through the transaction headers', async () => {
    const c = connector();
    const open = await c.withSession({ readOnly: false }, async (s) => {
      await s.begin(false);
      await s.query({ sql: 'UPDATE orders SET customer = ? WHERE id = ?', values: ['tx-commit', 900] });
      await s.commit();
      await s.begin(false);
      await s.query({ sql: 'UPDATE orders SET customer = ? WHERE id = ?', values: ['tx-rollback', 901] });
      await s.rollback();
      await s.begin(false);
      await s.query({ sql: 'UPDATE orders SET customer = ? WHERE id = ?', values: ['tx-left-open', 902] });
      return s.inTransaction;
    });
    expect(open).toBe(true);
    const res = await admin.query("SELECT id, customer FROM orders WHERE id IN (900, 901, 902) ORDER BY id");
    expect(res.rows).toEqual([
      { id: 900, customer: 'tx-commit' },
      { id: 901, customer: 'customer 901' },
      { id: 902, customer: 'customer 902' },
    ]);
    const begins = server.requests.filter((q) => q.body?.startsWith('START TRANSACTION'));
    expect(begins.every((q) => q.headers['x-trino-transaction-id'] === 'NONE')).toBe(true);
  });

  it('should report the server version and reject wrong credentials in testConnection', async () => {
    const ok = await testConnection({ id: 't', type: 'trino', host: server.host, port: server.port, database: 'postgresql', username: 'analyst', password: null, poolMax: 1, revision: '1', options: {} });
    expect(ok).toMatchObject({ ok: true, serverVersion: 'Trino 0-protocol-test' });
    const locked = await startTrinoProtocolServer({ pgUrl: db.url, password: 'right' });
    try {
      const bad = await testConnection({ id: 't', type: 'trino', host: locked.host, port: locked.port, database: 'postgresql', username: 'analyst', password: 'wrong', poolMax: 1, revision: '1', options: {} });
      expect(bad.ok).toBe(false);
      expect(bad.message).toMatch(/authentication failed/);
    } finally {
      await locked.close();
    }
  });
});
