import { getEventListeners } from 'node:events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from 'src/datasources/external-db/postgres.driver.js';
import { createPgDatabase, type TestDatabase } from 'test/support/databases.js';
import { configFor, eventually, sleep } from 'test/integration/datasources/datasource-configs.js';

describe(PostgresConnector.name, () => {
  let db: TestDatabase;
  let admin: pg.Client;
  const connectors: PostgresConnector[] = [];
  const connector = (overrides: Parameters<typeof configFor>[2] = {}) => {
    const c = new PostgresConnector(configFor('postgres', db, overrides));
    connectors.push(c);
    return c;
  };
  const activeQueries = async (like: string) => {
    const res = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE $2 AND pid <> pg_backend_pid()",
      [db.name, `%${like}%`],
    );
    return res.rows[0].n;
  };

  beforeAll(async () => {
    db = await createPgDatabase('qg_ds_pg');
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`
      CREATE TABLE item (id serial PRIMARY KEY, name text NOT NULL, price numeric(20, 6), big int8, at timestamptz, local_at timestamp, day date, data jsonb, raw bytea);
      INSERT INTO item (name, price, big, at, local_at, day, data, raw) VALUES
        ('a', 12345678901234.123456, 9007199254740993, '2024-02-29 23:59:59.123456+00', '2024-02-29 23:59:59.654321', '2024-02-29', '{"k": [1, "x"]}', '\\xdeadbeef');
    `);
  });

  afterAll(async () => {
    await Promise.all(connectors.map((c) => c.close()));
    await admin.end();
    await db.drop();
  });

  describe('run', () => {
    it('should return rows with columns for SELECT, WITH, SHOW, EXPLAIN and VALUES, and counts for writes', async () => {
      const c = connector();
      const results = await c.run(
        [
          { sql: 'SELECT id, name FROM item WHERE name = $1', values: ['a'] },
          { sql: 'WITH x AS (SELECT 1 AS one) SELECT one FROM x', values: [] },
          { sql: 'SHOW server_version_num', values: [] },
          { sql: 'EXPLAIN SELECT 1', values: [] },
          { sql: 'VALUES ($1::int, $2::text)', values: [7, 'seven'] },
        ],
        { readOnly: true },
      );
      expect(results.map((r) => r.kind)).toEqual(['rows', 'rows', 'rows', 'rows', 'rows']);
      expect(results[0]).toMatchObject({ kind: 'rows', columns: [{ name: 'id', type: 'int4' }, { name: 'name', type: 'text' }], rows: [{ id: 1, name: 'a' }] });
      expect(results[4]).toMatchObject({ rows: [{ column1: 7, column2: 'seven' }] });

      const writes = await c.run(
        [
          { sql: 'INSERT INTO item (name) VALUES ($1), ($2)', values: ['b', 'c'] },
          { sql: 'INSERT INTO item (name) VALUES ($1) RETURNING id, name', values: ['d'], name: 'qg_insert_returning' },
          { sql: 'UPDATE item SET price = $1 WHERE name IN ($2, $3)', values: ['1.5', 'b', 'c'] },
        ],
        { readOnly: false },
      );
      expect(writes[0]).toEqual({ kind: 'count', affectedRows: 2 });
      expect(writes[1]).toMatchObject({ kind: 'rows', rows: [{ name: 'd' }] });
      expect(writes[2]).toEqual({ kind: 'count', affectedRows: 2 });
      const committed = await admin.query("SELECT count(*)::int AS n FROM item WHERE name IN ('b','c','d')");
      expect(committed.rows[0].n).toBe(3);
    });

    it('should reuse a named prepared statement across calls', async () => {
      const c = connector({ poolMax: 1 });
      const st = { sql: 'SELECT name FROM item WHERE id = $1', name: 'qg_item_by_id' };
      await c.run([{ ...st, values: [1] }], { readOnly: true });
      const [second] = await c.run([{ ...st, values: [1] }], { readOnly: true });
      expect(second).toMatchObject({ rows: [{ name: 'a' }] });
      const prepared = await c.run([{ sql: "SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = 'qg_item_by_id'", values: [] }], { readOnly: true });
      expect(prepared[0]).toMatchObject({ rows: [{ n: 1 }] });
    });

    it('should refuse writes in a read-only transaction and roll back a failed batch', async () => {
      const c = connector();
      await expect(c.run([{ sql: 'DELETE FROM item', values: [] }], { readOnly: true })).rejects.toMatchObject({ code: 'QUERY_FAILED' });
      await expect(
        c.run(
          [
            { sql: 'INSERT INTO item (name) VALUES ($1)', values: ['rolled-back'] },
            { sql: 'SELECT * FROM no_such_table', values: [] },
          ],
          { readOnly: false },
        ),
      ).rejects.toMatchObject({ code: 'QUERY_FAILED', details: [{ message: expect.stringContaining('no_such_table') }] });
      const res = await admin.query("SELECT count(*)::int AS n FROM item WHERE name = 'rolled-back'");
      expect(res.rows[0].n).toBe(0);
    });

    it('should refuse several statements in one text, so none can end the read-only transaction', async () => {
      const c = connector();
      await expect(c.run([{ sql: 'SELECT 1; COMMIT; DELETE FROM item', values: [] }], { readOnly: true })).rejects.toMatchObject({ code: 'QUERY_FAILED' });
      await expect(c.run([{ sql: 'SELECT 1; COMMIT; DELETE FROM item', values: [] }], { readOnly: true, maxRows: 10 })).rejects.toMatchObject({ code: 'QUERY_FAILED' });
      const res = await admin.query('SELECT count(*)::int AS n FROM item');
      expect(res.rows[0].n).toBeGreaterThan(0);
    });

    it('should cap rows and flag truncation', async () => {
      const c = connector();
      const [r] = await c.run([{ sql: 'SELECT g FROM generate_series(1, 1000) g', values: [] }], { readOnly: true, maxRows: 10 });
      expect(r).toMatchObject({ kind: 'rows', truncated: true });
      expect(r.kind === 'rows' && r.rows.length).toBe(10);
    });

    it('should fail with STATEMENT_TIMEOUT and leave no query running on the server', async () => {
      const c = connector();
      const started = Date.now();
      await expect(c.run([{ sql: 'SELECT pg_sleep(5) /* qg-timeout-probe */', values: [] }], { readOnly: true, timeoutMs: 300 })).rejects.toMatchObject({
        code: 'STATEMENT_TIMEOUT',
      });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await activeQueries('qg-timeout-probe')).toBe(0);
    });

    it('should cancel the server-side query when the signal aborts', async () => {
      const c = connector();
      const ac = new AbortController();
      const pending = c.run([{ sql: 'SELECT pg_sleep(10) /* qg-abort-probe */', values: [] }], { readOnly: true, signal: ac.signal });
      expect(await eventually(async () => (await activeQueries('qg-abort-probe')) === 1)).toBe(true);
      ac.abort();
      await expect(pending).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
      expect(await eventually(async () => (await activeQueries('qg-abort-probe')) === 0, 2_000)).toBe(true);
    });

    it('should free a caller waiting for a connection when its signal aborts, and leave no listener behind', async () => {
      const c = connector({ poolMax: 1 });
      const holder = new AbortController();
      const running = c.run([{ sql: 'SELECT 1 AS held FROM pg_sleep(1)', values: [] }], { readOnly: true, signal: holder.signal });
      expect(await eventually(async () => c.stats().inUse === 1)).toBe(true);
      const waiter = new AbortController();
      const waiting = c.run([{ sql: 'SELECT 2 AS never', values: [] }], { readOnly: true, signal: waiter.signal });
      expect(await eventually(async () => c.stats().waiting === 1)).toBe(true);
      waiter.abort();
      await expect(waiting).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
      expect(c.stats().waiting).toBe(0);
      expect((await running)[0]).toMatchObject({ rows: [{ held: 1 }] });
      expect(getEventListeners(holder.signal, 'abort')).toHaveLength(0);
      expect(getEventListeners(waiter.signal, 'abort')).toHaveLength(0);
    });

    it('should leave no abort listener on a signal shared by many calls through a busy pool', async () => {
      const c = connector({ poolMax: 2 });
      const shared = new AbortController();
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => c.run([{ sql: 'SELECT $1::int AS n', values: [i], name: 'qg_shared_signal' }], { readOnly: true, signal: shared.signal })),
      );
      expect(results.map(([r]) => (r.kind === 'rows' ? r.rows[0].n : null))).toEqual(Array.from({ length: 30 }, (_, i) => i));
      expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    });

    it('should not cancel the next caller on the same connection when a finished caller aborts', async () => {
      const c = connector({ poolMax: 1 });
      const done = new AbortController();
      await c.run([{ sql: 'SELECT 1', values: [] }], { readOnly: true, signal: done.signal });
      const next = c.run([{ sql: 'SELECT 1 AS slept FROM pg_sleep(0.3) /* qg-next-caller */', values: [] }], { readOnly: true });
      expect(await eventually(async () => (await activeQueries('qg-next-caller')) === 1)).toBe(true);
      done.abort();
      expect((await next)[0]).toMatchObject({ rows: [{ slept: 1 }] });
    });

    it('should succeed on the next call after the server terminated every connection', async () => {
      const c = connector({ poolMax: 3 });
      await Promise.all([1, 2, 3].map(() => c.run([{ sql: 'SELECT pg_sleep(0.05)', values: [] }], { readOnly: true })));
      expect(c.stats().idle).toBe(3);
      const killed = await admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
        db.name,
      ]);
      expect(killed.rows[0].n).toBeGreaterThanOrEqual(3);
      const [r] = await c.run([{ sql: 'SELECT 42 AS answer', values: [] }], { readOnly: true });
      expect(r).toMatchObject({ rows: [{ answer: 42 }] });
    });
  });

  describe('types', () => {
    it('should round-trip numeric, int8, timestamps, dates, json and bytea without loss', async () => {
      const c = connector();
      const [r] = await c.run([{ sql: 'SELECT price, big, at, local_at, day, data, raw FROM item WHERE id = 1', values: [] }], { readOnly: true });
      expect(r).toMatchObject({
        rows: [
          {
            price: '12345678901234.123456',
            big: '9007199254740993',
            at: '2024-02-29T23:59:59.123456Z',
            local_at: '2024-02-29T23:59:59.654321',
            day: '2024-02-29',
            data: { k: [1, 'x'] },
            raw: Buffer.from('deadbeef', 'hex').toString('base64'),
          },
        ],
      });
      const [back] = await c.run(
        [{ sql: 'SELECT $1::numeric = price AS same_price, $2::int8 = big AS same_big, $3::timestamptz = at AS same_at FROM item WHERE id = 1', values: ['12345678901234.123456', '9007199254740993', '2024-02-29T23:59:59.123456Z'] }],
        { readOnly: true },
      );
      expect(back).toMatchObject({ rows: [{ same_price: true, same_big: true, same_at: true }] });
    });

    it('should return numbers for big values only when exact and the source opts in', async () => {
      const c = connector({ options: { bigNumbersAsNumbers: true } });
      const [r] = await c.run([{ sql: "SELECT 42::int8 AS small, 9007199254740993::int8 AS huge, 1.50::numeric AS dec, '0.1234567890123456789'::numeric AS precise", values: [] }], {
        readOnly: true,
      });
      expect(r).toMatchObject({ rows: [{ small: 42, huge: '9007199254740993', dec: 1.5, precise: '0.1234567890123456789' }] });
    });
  });

  describe('stream', () => {
    it('should stream 1,000,000 rows in batches with a flat heap', async () => {
      const c = connector();
      const { columns, batches } = await c.stream({ sql: "SELECT g AS id, md5(g::text) AS hash, now() AS at FROM generate_series(1, $1::int) g", values: [1_000_000] }, { readOnly: true });
      expect(columns.map((col) => col.name)).toEqual(['id', 'hash', 'at']);
      global.gc?.();
      const baseHeap = process.memoryUsage().heapUsed;
      let peakHeap = baseHeap;
      let peakRss = process.memoryUsage().rss;
      let count = 0;
      let last = 0;
      for await (const batch of batches) {
        count += batch.length;
        last = batch[batch.length - 1].id as number;
        if (count % 50_000 < batch.length) {
          const m = process.memoryUsage();
          peakHeap = Math.max(peakHeap, m.heapUsed);
          peakRss = Math.max(peakRss, m.rss);
        }
      }
      expect(count).toBe(1_000_000);
      expect(last).toBe(1_000_000);
      const growthMb = (peakHeap - baseHeap) / 1024 / 1024;
      console.info(`postgres stream 1M rows: heap growth ${growthMb.toFixed(1)} MB, peak heap ${(peakHeap / 1024 / 1024).toFixed(1)} MB, peak rss ${(peakRss / 1024 / 1024).toFixed(1)} MB`);
      // 1M rows materialised would be several hundred MB; a streaming read stays far below.
      expect(growthMb).toBeLessThan(150);
      expect(c.stats()).toMatchObject({ inUse: 0, idle: 1 });
    });

    it('should cancel the server-side query when the reader aborts mid-stream', async () => {
      const c = connector();
      const ac = new AbortController();
      const { batches } = await c.stream(
        { sql: 'SELECT g, pg_sleep(CASE WHEN g % 1000 = 0 THEN 0.001 ELSE 0 END) /* qg-stream-probe */ FROM generate_series(1, 1000000) g', values: [] },
        { readOnly: true, signal: ac.signal },
      );
      let seen = 0;
      const consume = (async () => {
        for await (const batch of batches) {
          seen += batch.length;
          if (seen >= 2_000) ac.abort();
        }
      })();
      await expect(consume).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
      expect(seen).toBeLessThan(1_000_000);
      expect(await eventually(async () => (await activeQueries('qg-stream-probe')) === 0, 2_000)).toBe(true);
      expect(c.stats().inUse).toBe(0);
    });

    it('should release the connection when the reader stops early', async () => {
      const c = connector({ poolMax: 1 });
      const { batches } = await c.stream({ sql: 'SELECT g FROM generate_series(1, 100000) g', values: [] }, { readOnly: true });
      for await (const batch of batches) {
        expect(batch.length).toBeGreaterThan(0);
        break;
      }
      await sleep(10);
      const [r] = await c.run([{ sql: 'SELECT 1 AS ok', values: [] }], { readOnly: true });
      expect(r).toMatchObject({ rows: [{ ok: 1 }] });
    });
    it('should release the connection when a stream is closed before it was read', async () => {
      const c = connector({ poolMax: 1 });
      const { batches } = await c.stream({ sql: 'SELECT g FROM generate_series(1, 100000) g', values: [] }, { readOnly: true });
      expect(c.stats().inUse).toBe(1);
      await batches[Symbol.asyncIterator]().return?.(undefined);
      expect(c.stats().inUse).toBe(0);
      const [r] = await c.run([{ sql: 'SELECT 1 AS ok', values: [] }], { readOnly: true });
      expect(r).toMatchObject({ rows: [{ ok: 1 }] });
    });
  });

  describe('withSession', () => {
    it('should commit and roll back explicit transactions on one connection', async () => {
      const c = connector();
      const out = await c.withSession({ readOnly: false }, async (s) => {
        await s.begin(false);
        await s.query({ sql: 'INSERT INTO item (name) VALUES ($1)', values: ['tx-commit'] });
        await s.commit();
        await s.begin(false);
        await s.query({ sql: 'INSERT INTO item (name) VALUES ($1)', values: ['tx-rollback'] });
        await s.rollback();
        await s.begin(false);
        await s.query({ sql: 'INSERT INTO item (name) VALUES ($1)', values: ['tx-left-open'] });
        return s.inTransaction;
      });
      expect(out).toBe(true);
      const res = await admin.query("SELECT name FROM item WHERE name LIKE 'tx-%' ORDER BY name");
      expect(res.rows.map((r) => r.name)).toEqual(['tx-commit']);
    });
  });
});
