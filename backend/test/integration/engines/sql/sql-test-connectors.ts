import mysql from 'mysql2/promise';
import type { BoundStatement, Connector, DatasourceConnectionConfig, RunOptions, StatementResult } from 'src/datasources/external-db/connector.js';
import { PostgresConnector } from 'src/datasources/external-db/postgres.driver.js';
import type { TestDatabase } from 'test/support/databases.js';

export type RunOnly = Pick<Connector, 'run'> & { close(): Promise<void> };

function config(type: 'postgres' | 'mysql', db: TestDatabase): DatasourceConnectionConfig {
  return {
    id: `sql-engine-${type}-${db.name}`,
    type,
    host: db.host,
    port: db.port,
    database: db.name,
    username: db.user,
    password: db.password || null,
    poolMax: 4,
    revision: '1',
    options: { queueTimeoutMs: 10_000 },
  };
}

/** The real PostgreSQL connector (backend/src/datasources/external-db/postgres.driver.ts). */
export function pgConnector(db: TestDatabase): RunOnly {
  return new PostgresConnector(config('postgres', db));
}

/**
 * A minimal MariaDB/MySQL implementation of `Connector.run` with the same contract as the real one
 * (server-side prepared statements, one transaction, rows decided by the driver's answer, row cap).
 * Used until the shared MysqlConnector is committed; see the report.
 */
export function mysqlConnector(db: TestDatabase): RunOnly {
  const pool = mysql.createPool({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.name, connectionLimit: 4, timezone: 'Z' });
  return {
    async run(statements: BoundStatement[], options: RunOptions): Promise<StatementResult[]> {
      const conn = await pool.getConnection();
      try {
        await conn.query(options.readOnly ? 'START TRANSACTION READ ONLY' : 'START TRANSACTION READ WRITE');
        const results: StatementResult[] = [];
        try {
          for (const st of statements) {
            const [res, fields] = st.values.length ? await conn.execute(st.sql, st.values as never[]) : await conn.query(st.sql);
            if (Array.isArray(res) && fields) {
              const rows = res as Record<string, unknown>[];
              const cap = options.maxRows ?? Infinity;
              results.push({ kind: 'rows', columns: fields.map((f) => ({ name: f.name, type: String(f.type) })), rows: rows.slice(0, cap), truncated: rows.length > cap });
            } else {
              results.push({ kind: 'count', affectedRows: (res as { affectedRows?: number }).affectedRows ?? 0 });
            }
          }
          await conn.query('COMMIT');
        } catch (err) {
          await conn.query('ROLLBACK');
          throw err;
        }
        return results;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}
