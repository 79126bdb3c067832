import type { DatasourceConnectionConfig } from 'src/datasources/external-db/connector.js';

/** Process-wide defaults (from configuration) that a data source's own options override. */
export interface DriverDefaults {
  /** Callers allowed to wait for a connection when the pool is full. Default 50. */
  queueMax?: number;
  /** How long a caller waits for a connection before DATASOURCE_SATURATED. Default 5000 ms. */
  queueTimeoutMs?: number;
  /** Idle connections are closed after this long. Default 30000 ms. */
  idleTimeoutMs?: number;
  /** Connect timeout. Default 10000 ms. */
  connectTimeoutMs?: number;
  /** Statement timeout when neither the API nor the source sets one. Default 30000 ms. */
  statementTimeoutMs?: number;
  /** Rows per batch when streaming. Default 500. */
  streamBatchSize?: number;
  /** Pool size when the data source sets none (poolMax ≤ 0). Default 10. */
  poolMax?: number;
}

export interface PoolSettings {
  max: number;
  queueMax: number;
  queueTimeoutMs: number;
  idleTimeoutMs: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  streamBatchSize: number;
}

export function resolvePoolSettings(config: DatasourceConnectionConfig, defaults: DriverDefaults): PoolSettings {
  const o = config.options;
  return {
    max: config.poolMax > 0 ? config.poolMax : (defaults.poolMax ?? 10),
    queueMax: o.queueMax ?? defaults.queueMax ?? 50,
    queueTimeoutMs: o.queueTimeoutMs ?? defaults.queueTimeoutMs ?? 5_000,
    idleTimeoutMs: o.idleTimeoutMs ?? defaults.idleTimeoutMs ?? 30_000,
    connectTimeoutMs: o.connectTimeoutMs ?? defaults.connectTimeoutMs ?? 10_000,
    statementTimeoutMs: o.statementTimeoutMs ?? defaults.statementTimeoutMs ?? 30_000,
    streamBatchSize: defaults.streamBatchSize ?? 500,
  };
}
