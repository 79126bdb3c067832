import type { Connector, DatasourceConnectionConfig } from 'src/datasources/external-db/connector.js';
import { MysqlConnector } from 'src/datasources/external-db/mysql.driver.js';
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

/** The real MariaDB/MySQL connector (backend/src/datasources/external-db/mysql.driver.ts). */
export function mysqlConnector(db: TestDatabase): RunOnly {
  return new MysqlConnector(config('mysql', db));
}
