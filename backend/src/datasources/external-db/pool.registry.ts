import type { Connector, DatasourceConnectionConfig, PoolStats } from 'src/datasources/external-db/connector.js';
import { describeConnectError } from 'src/datasources/external-db/connection-pool.js';
import { driverInfo } from 'src/datasources/external-db/db-errors.js';
import type { DriverDefaults } from 'src/datasources/external-db/driver-defaults.js';
import { MysqlConnector } from 'src/datasources/external-db/mysql.driver.js';
import { PostgresConnector } from 'src/datasources/external-db/postgres.driver.js';
import { TrinoConnector } from 'src/datasources/external-db/trino.driver.js';

export interface DatasourcePoolStats extends PoolStats {
  id: string;
  type: DatasourceConnectionConfig['type'];
}

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
  latencyMs: number;
  serverVersion: string | null;
}

/** Builds the connector for a data-source type (no pooling decisions here). */
export function createConnector(config: DatasourceConnectionConfig, defaults: DriverDefaults = {}): Connector {
  switch (config.type) {
    case 'postgres':
      return new PostgresConnector(config, defaults);
    case 'mysql':
      return new MysqlConnector(config, defaults);
    case 'trino':
      return new TrinoConnector(config, defaults);
  }
}

/**
 * One pool per data source per process, keyed by id and rebuilt when the config's `revision` changes.
 * The old pool is closed in the background: calls already holding its connections finish first.
 */
export class PoolRegistry {
  private readonly entries = new Map<string, { revision: string; connector: Connector }>();

  constructor(private readonly defaults: DriverDefaults = {}) {}

  get(config: DatasourceConnectionConfig): Connector {
    const current = this.entries.get(config.id);
    if (current && current.revision === config.revision) return current.connector;
    if (current) void current.connector.close().catch(() => undefined);
    const connector = createConnector(config, this.defaults);
    this.entries.set(config.id, { revision: config.revision, connector });
    return connector;
  }

  /** Drops a data source's pool (deleted or deactivated); in-flight calls finish first. */
  async evict(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    await entry.connector.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.connector.close().catch(() => undefined)));
  }

  /** Per-source gauges (in use, idle, waiting) for Prometheus. */
  stats(): DatasourcePoolStats[] {
    return [...this.entries.entries()].map(([id, e]) => ({ id, type: e.connector.type, ...e.connector.stats() }));
  }
}

/**
 * Connects once without a pool, asks for the server version and says which failure it was when it fails
 * (wrong password, unknown host, connection refused, timeout…). Never throws.
 */
export async function testConnection(config: DatasourceConnectionConfig, defaults: DriverDefaults = {}): Promise<ConnectionTestResult> {
  const started = performance.now();
  const connector = createConnector({ ...config, poolMax: 1 }, defaults);
  try {
    const { serverVersion, latencyMs } = await connector.test();
    return { ok: true, message: 'Connection successful', latencyMs, serverVersion };
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause ?? err;
    const described = describeConnectError(cause);
    return {
      ok: false,
      message: described === driverInfo(cause).driverMessage ? `Connection failed: ${described}` : `Connection failed: ${described} (${driverInfo(cause).driverMessage})`,
      latencyMs: Math.round(performance.now() - started),
      serverVersion: null,
    };
  } finally {
    await connector.close().catch(() => undefined);
  }
}
