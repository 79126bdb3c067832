import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysqlConnector } from 'src/datasources/external-db/mysql.driver.js';
import { createMysqlDatabase, type TestDatabase } from 'test/support/databases.js';
import { configFor, eventually, sleep } from 'test/integration/datasources/datasource-configs.js';

describe(MysqlConnector.name, () => {
  let db: TestDatabase;
  let admin: mysql.Connection;
  const connectors: MysqlConnector[] = [];
  const connector = (overrides: Parameters<typeof configFor>[2] = {}) => {
    const c = new MysqlConnector(configFor('mysql', db, overrides));
    connectors.push(c);
    return c;
  };
  const runningQueries = async (like: string) => {
    const [rows] = await admin.query<mysql.RowDataPacket[]>(
      "SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND COMMAND = 'Query' AND INFO LIKE ? AND ID <> CONNECTION_ID()",
      [db.name, `%${like}%`],
    );
    return Number(rows[0].n);
  };

  beforeAll(async () => {
    db = await createMysqlDatabase('qg_ds_my');
    admin = await mysql.createConnection({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.name, multipleStatements: true });
    await admin.query(`
      CREATE TABLE item (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, price DECIMAL(20, 6), big BIGINT, at TIMESTAMP(6) NULL,
        local_at DATETIME(6), day DATE, flag TINYINT(1), raw VARBINARY(16), doc JSON);
      SET time_zone = '+00:00';
      INSERT INTO item (name, price, big, at, local_at, day, flag, raw, doc) VALUES
        ('a', 12345678901234.123456, 9007199254740993, '2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.654321', '2024-02-29', 1, UNHEX('DEADBEEF'), '{"k": [1, "x"]}');
      CREATE TABLE seq (n INT PRIMARY KEY);
      INSERT INTO seq (n) SELECT seq FROM seq_0_to_999;
    `);
  });

  afterAll(async () => {
    await Promise.all(connectors.map((c) => c.close()));
    await admin.end();
    await db.drop();
  });

  describe('run', () => {
    it('should return rows for SELECT, WITH, SHOW, EXPLAIN and VALUES, and counts for writes', async () => {
      const c = connector();
      const results = await c.run(
        [
          { sql: 'SELECT id, name FROM item WHERE name = ?', values: ['a'] },
          { sql: 'WITH x AS (SELECT 1 AS one) SELECT one FROM x', values: [] },
          { sql: "SHOW VARIABLES LIKE 'version'", values: [] },
          { sql: 'EXPLAIN SELECT * FROM item WHERE id = ?', values: [1] },
          { sql: 'VALUES (7, ?)', values: ['seven'] },
        ],
        { readOnly: true },
      );
      expect(results.map((r) => r.kind)).toEqual(['rows', 'rows', 'rows', 'rows', 'rows']);
      expect(results[0]).toMatchObject({ columns: [{ name: 'id', type: 'int' }, { name: 'name', type: 'varchar' }], rows: [{ id: 1, name: 'a' }] });

      const writes = await c.run(
        [
          { sql: 'INSERT INTO item (name) VALUES (?), (?)', values: ['b', 'c'] },
          { sql: 'INSERT INTO item (name) VALUES (?) RETURNING id, name', values: ['d'] },
          { sql: 'UPDATE item SET price = ? WHERE name IN (?, ?)', values: ['1.5', 'b', 'c'] },
        ],
        { readOnly: false },
      );
      expect(writes[0]).toEqual({ kind: 'count', affectedRows: 2 });
      expect(writes[1]).toMatchObject({ kind: 'rows', rows: [{ name: 'd' }] });
      expect(writes[2]).toEqual({ kind: 'count', affectedRows: 2 });
      const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT count(*) AS n FROM item WHERE name IN ('b','c','d')");
      expect(Number(rows[0].n)).toBe(3);
    });

    it('should refuse writes in a read-only transaction and roll back a failed batch', async () => {
      const c = connector();
      await expect(c.run([{ sql: 'DELETE FROM item', values: [] }], { readOnly: true })).rejects.toMatchObject({ code: 'QUERY_FAILED' });
      await expect(
        c.run(
          [
            { sql: 'INSERT INTO item (name) VALUES (?)', values: ['rolled-back'] },
            { sql: 'SELECT * FROM no_such_table WHERE id = ?', values: [1] },
          ],
          { readOnly: false },
        ),
      ).rejects.toMatchObject({ code: 'QUERY_FAILED', details: [{ message: expect.stringContaining('no_such_table') }] });
      const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT count(*) AS n FROM item WHERE name = 'rolled-back'");
      expect(Number(rows[0].n)).toBe(0);
    });

    it('should run statements without values through the text protocol', async () => {
      const c = connector();
      const [r] = await c.run([{ sql: "SHOW TABLES LIKE 'ite%'", values: [] }], { readOnly: true });
      expect(r).toMatchObject({ kind: 'rows' });
      expect(r.kind === 'rows' && r.rows.length).toBe(1);
    });

    it('should cap rows and flag truncation', async () => {
      const c = connector();
      const [r] = await c.run([{ sql: 'SELECT n FROM seq ORDER BY n', values: [] }], { readOnly: true, maxRows: 10 });
      expect(r).toMatchObject({ kind: 'rows', truncated: true });
      expect(r.kind === 'rows' && r.rows.length).toBe(10);
    });

    it('should fail with STATEMENT_TIMEOUT and leave no query running on the server', async () => {
      const c = connector();
      const started = Date.now();
      await expect(c.run([{ sql: 'SELECT SLEEP(5) AS s, ? AS probe /* qg-timeout-probe */', values: [1] }], { readOnly: true, timeoutMs: 300 })).rejects.toMatchObject({
        code: 'STATEMENT_TIMEOUT',
      });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await eventually(async () => (await runningQueries('qg-timeout-probe')) === 0, 1_000)).toBe(true);
    });

    it('should cancel the server-side query when the signal aborts', async () => {
      const c = connector();
      const ac = new AbortController();
      const pending = c.run([{ sql: 'SELECT SLEEP(10) /* qg-abort-probe */', values: [] }], { readOnly: true, signal: ac.signal });
      expect(await eventually(async () => (await runningQueries('qg-abort-probe')) === 1)).toBe(true);
      ac.abort();
      await expect(pending).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
      expect(await eventually(async () => (await runningQueries('qg-abort-probe')) === 0, 2_000)).toBe(true);
    });

    it('should succeed on the next call after the server killed every connection', async () => {
      const c = connector({ poolMax: 3 });
      await Promise.all([1, 2, 3].map(() => c.run([{ sql: 'SELECT SLEEP(0.05)', values: [] }], { readOnly: true })));
      expect(c.stats().idle).toBe(3);
      const [procs] = await admin.query<mysql.RowDataPacket[]>('SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()', [db.name]);
      expect(procs.length).toBeGreaterThanOrEqual(3);
      for (const p of procs) await admin.query(`KILL ${Number(p.ID)}`).catch(() => undefined);
      const [r] = await c.run([{ sql: 'SELECT 42 AS answer', values: [] }], { readOnly: true });
      expect(r).toMatchObject({ rows: [{ answer: 42 }] });
    });
  });

  describe('types', () => {
    it('should round-trip decimal, bigint, timestamps, dates, TINYINT(1), bytes and JSON without loss', async () => {
      const c = connector();
      const [r] = await c.run([{ sql: 'SELECT price, big, at, local_at, day, flag, raw, doc FROM item WHERE id = ?', values: [1] }], { readOnly: true });
      expect(r).toMatchObject({
        rows: [
          {
            price: '12345678901234.123456',
            big: '9007199254740993',
            at: '2024-02-29T23:59:59.123456Z',
            local_at: '2024-02-29T23:59:59.654321',
            day: '2024-02-29',
            flag: true,
            raw: Buffer.from('deadbeef', 'hex').toString('base64'),
          },
        ],
      });
      // MariaDB's JSON is LONGTEXT on the wire, so it arrives as text; MySQL's JSON type is parsed.
      const doc = r.kind === 'rows' ? r.rows[0].doc : undefined;
      expect(typeof doc === 'string' ? JSON.parse(doc) : doc).toEqual({ k: [1, 'x'] });
      const [back] = await c.run(
        [{ sql: 'SELECT price = ? AS same_price, big = ? AS same_big, at = ? AS same_at FROM item WHERE id = 1', values: ['12345678901234.123456', '9007199254740993', '2024-02-29 23:59:59.123456'] }],
        { readOnly: true },
      );
      expect(back).toMatchObject({ rows: [{ same_price: 1, same_big: 1, same_at: 1 }] });
    });

    it('should honour bigNumbersAsNumbers and tinyint1AsBoolean=false', async () => {
      const c = connector({ options: { bigNumbersAsNumbers: true, tinyint1AsBoolean: false } });
      const [r] = await c.run([{ sql: 'SELECT big, flag, CAST(42 AS SIGNED) AS small, CAST(1.50 AS DECIMAL(5,2)) AS d FROM item WHERE id = ?', values: [1] }], { readOnly: true });
      expect(r).toMatchObject({ rows: [{ big: '9007199254740993', flag: 1, small: 42, d: 1.5 }] });
    });
  });

  describe('stream', () => {
    it('should stream 1,000,000 rows in batches with a flat heap', async () => {
      const c = connector();
      const { columns, batches } = await c.stream(
        { sql: 'SELECT seq AS id, MD5(seq) AS hash FROM seq_1_to_1000000 WHERE seq >= ?', values: [1] },
        { readOnly: true, timeoutMs: 120_000 },
      );
      expect(columns.map((col) => col.name)).toEqual(['id', 'hash']);
      const baseHeap = process.memoryUsage().heapUsed;
      let peakHeap = baseHeap;
      let peakRss = process.memoryUsage().rss;
      let count = 0;
      for await (const batch of batches) {
        count += batch.length;
        if (count % 50_000 < batch.length) {
          const m = process.memoryUsage();
          peakHeap = Math.max(peakHeap, m.heapUsed);
          peakRss = Math.max(peakRss, m.rss);
        }
      }
      expect(count).toBe(1_000_000);
      const growthMb = (peakHeap - baseHeap) / 1024 / 1024;
      console.info(`mariadb stream 1M rows: heap growth ${growthMb.toFixed(1)} MB, peak heap ${(peakHeap / 1024 / 1024).toFixed(1)} MB, peak rss ${(peakRss / 1024 / 1024).toFixed(1)} MB`);
      expect(growthMb).toBeLessThan(150);
      expect(c.stats()).toMatchObject({ inUse: 0, idle: 1 });
    });

    it('should kill the server-side query when the reader aborts mid-stream', async () => {
      const c = connector();
      const ac = new AbortController();
      const { batches } = await c.stream({ sql: 'SELECT seq, MD5(seq) AS h /* qg-stream-probe */ FROM seq_1_to_1000000', values: [] }, { readOnly: true, signal: ac.signal });
      let seen = 0;
      const consume = (async () => {
        for await (const batch of batches) {
          seen += batch.length;
          if (seen >= 2_000) ac.abort();
        }
      })();
      await expect(consume).rejects.toMatchObject({ code: 'QUERY_CANCELLED' });
      expect(seen).toBeLessThan(1_000_000);
      expect(await eventually(async () => (await runningQueries('qg-stream-probe')) === 0, 2_000)).toBe(true);
      expect(c.stats().inUse).toBe(0);
    });

    it('should release the pool slot when the reader stops early', async () => {
      const c = connector({ poolMax: 1 });
      const { batches } = await c.stream({ sql: 'SELECT seq FROM seq_1_to_100000', values: [] }, { readOnly: true });
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
      const { batches } = await c.stream({ sql: 'SELECT seq FROM seq_1_to_100000', values: [] }, { readOnly: true });
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
      const open = await c.withSession({ readOnly: false }, async (s) => {
        await s.begin(false);
        await s.query({ sql: 'INSERT INTO item (name) VALUES (?)', values: ['tx-commit'] });
        await s.commit();
        await s.begin(false);
        await s.query({ sql: 'INSERT INTO item (name) VALUES (?)', values: ['tx-rollback'] });
        await s.rollback();
        await s.begin(false);
        await s.query({ sql: 'INSERT INTO item (name) VALUES (?)', values: ['tx-left-open'] });
        return s.inTransaction;
      });
      expect(open).toBe(true);
      const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT name FROM item WHERE name LIKE 'tx-%' ORDER BY name");
      expect(rows.map((r) => r.name)).toEqual(['tx-commit']);
    });
  });
});
