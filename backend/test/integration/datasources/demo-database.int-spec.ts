import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoDatabase, type DemoDatabase } from 'src/datasources/demo/demo-database.js';
import { PostgresConnector } from 'src/datasources/external-db/postgres.driver.js';
import { testConnection } from 'src/datasources/external-db/pool.registry.js';
import type { DatasourceConnectionConfig } from 'src/datasources/external-db/connector.js';

const configOf = (demo: DemoDatabase): DatasourceConnectionConfig => ({
  id: 'demo',
  type: 'postgres',
  host: demo.host,
  port: demo.port,
  database: demo.database,
  username: demo.username,
  password: null,
  poolMax: 1,
  revision: '1',
  options: { readOnly: true },
});

describe(startDemoDatabase.name, () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qg-demo-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should seed the sample schema, serve it to the pg driver, and keep its data across a restart', async () => {
    const dataDir = join(dir, 'demo-db');
    const first = await startDemoDatabase({ dataDir });
    let firstCounts: unknown;
    try {
      expect(first).toMatchObject({ host: '127.0.0.1', database: 'postgres', username: 'postgres' });
      expect(first.port).toBeGreaterThan(0);
      const connector = new PostgresConnector(configOf(first));
      try {
        const [counts, top] = await connector.run(
          [
            {
              sql: 'SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_items) AS items',
              values: [],
            },
            {
              sql: 'SELECT c.country, count(*) AS orders, sum(o.total) AS revenue FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = $1 GROUP BY c.country ORDER BY revenue DESC LIMIT 3',
              values: ['delivered'],
            },
          ],
          { readOnly: true },
        );
        expect(counts).toMatchObject({ kind: 'rows', rows: [{ customers: '500', products: '100', orders: '2000' }] });
        const items = Number(counts.kind === 'rows' ? counts.rows[0].items : 0);
        expect(items).toBeGreaterThan(4_000);
        expect(top.kind === 'rows' && top.rows.length).toBe(3);
        firstCounts = counts;
        // Read-only source: writes are refused.
        await expect(connector.run([{ sql: 'DELETE FROM order_items', values: [] }], { readOnly: true })).rejects.toMatchObject({ code: 'QUERY_FAILED' });
        const probe = await testConnection(configOf(first));
        expect(probe).toMatchObject({ ok: true, serverVersion: expect.stringContaining('PostgreSQL') });
      } finally {
        await connector.close();
      }
    } finally {
      await first.close();
    }

    const second = await startDemoDatabase({ dataDir });
    try {
      const connector = new PostgresConnector(configOf(second));
      try {
        const [counts] = await connector.run(
          [
            {
              sql: 'SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_items) AS items',
              values: [],
            },
          ],
          { readOnly: true },
        );
        // Same rows after reopening, not seeded twice.
        expect(counts).toEqual(firstCounts);
        const [seed] = await connector.run([{ sql: "SELECT value FROM demo_meta WHERE key = 'seed_version'", values: [] }], { readOnly: true });
        expect(seed).toMatchObject({ rows: [{ value: '1' }] });
      } finally {
        await connector.close();
      }
    } finally {
      await second.close();
    }
  });
});
