import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { AccessLogRecord } from 'src/access-logs/access-log-record.js';
import { AccessLogsRepository } from 'src/access-logs/access-logs.repository.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import { DatasourceConnectors } from 'src/datasources/datasource-connectors.service.js';
import type { BoundStatement, DatasourceType } from 'src/datasources/external-db/connector.js';
import { MetricsService } from 'src/metrics/metrics.service.js';

export const EXTERNAL_TABLE = 'querygate_access_log';

const COLUMNS = [
  ['created_at', 'createdAt'],
  ['request_id', 'requestId'],
  ['api_id', 'apiId'],
  ['api_version_id', 'apiVersionId'],
  ['module_id', 'moduleId'],
  ['client_id', 'clientId'],
  ['client_key', 'clientKey'],
  ['ip', 'ip'],
  ['method', 'method'],
  ['path', 'path'],
  ['status', 'status'],
  ['error_code', 'errorCode'],
  ['duration_ms', 'durationMs'],
  ['row_count', 'rowCount'],
  ['response_bytes', 'responseBytes'],
  ['cache_hit', 'cacheHit'],
  ['user_agent', 'userAgent'],
  ['params', 'params'],
  ['request_body', 'requestBody'],
] as const satisfies readonly (readonly [string, keyof AccessLogRecord])[];

const DDL: Record<'postgres' | 'mysql', string> = {
  postgres: `CREATE TABLE IF NOT EXISTS ${EXTERNAL_TABLE} (
    id bigserial PRIMARY KEY, created_at timestamptz NOT NULL, request_id varchar(128) NOT NULL, api_id uuid, api_version_id uuid,
    module_id uuid, client_id uuid, client_key varchar(64), ip varchar(64), method varchar(8) NOT NULL, path varchar(1000) NOT NULL,
    status smallint NOT NULL, error_code varchar(64), duration_ms real NOT NULL, row_count integer, response_bytes integer,
    cache_hit boolean NOT NULL, user_agent varchar(512), params jsonb, request_body text)`,
  mysql: `CREATE TABLE IF NOT EXISTS ${EXTERNAL_TABLE} (
    id bigint AUTO_INCREMENT PRIMARY KEY, created_at datetime(3) NOT NULL, request_id varchar(128) NOT NULL, api_id char(36), api_version_id char(36),
    module_id char(36), client_id char(36), client_key varchar(64), ip varchar(64), method varchar(8) NOT NULL, path varchar(1000) NOT NULL,
    status smallint NOT NULL, error_code varchar(64), duration_ms float NOT NULL, row_count int, response_bytes int,
    cache_hit boolean NOT NULL, user_agent varchar(512), params json, request_body text, KEY ${EXTERNAL_TABLE}_created_at (created_at))`,
};

/** Multi-row INSERT with bound values in the data source's placeholder style. */
export function externalInsert(type: 'postgres' | 'mysql', rows: AccessLogRecord[]): BoundStatement {
  const values: unknown[] = [];
  const tuples = rows.map((r) => {
    const marks = COLUMNS.map(([, key]) => {
      const v = r[key];
      values.push(v === null || v === undefined ? null : key === 'params' ? JSON.stringify(v) : key === 'createdAt' && type === 'mysql' ? (v as Date).toISOString().slice(0, 23).replace('T', ' ') : v);
      return type === 'postgres' ? `$${values.length}` : '?';
    });
    return `(${marks.join(', ')})`;
  });
  return { sql: `INSERT INTO ${EXTERNAL_TABLE} (${COLUMNS.map(([c]) => c).join(', ')}) VALUES ${tuples.join(', ')}`, values };
}

/**
 * Optional second store (pyDBAPI's external log store): every row the writer stores is also written to
 * the PostgreSQL or MySQL data source named by ACCESS_LOG_EXTERNAL_DATASOURCE, into `querygate_access_log`,
 * created on first use. It has its own bounded queue and retries, so a slow or absent external store never
 * holds back the app-database writes or the gateway.
 */
@Injectable()
export class AccessLogExternalStore implements OnModuleInit {
  private readonly logger = new Logger(AccessLogExternalStore.name);
  private readonly name: string | null;
  private readonly maxQueued: number;
  private queue: AccessLogRecord[] = [];
  private target: { id: string; type: 'postgres' | 'mysql'; tableReady: boolean } | null = null;
  private running: Promise<void> | null = null;
  private failing = false;
  private readonly written: Counter;
  private readonly dropped: Counter;

  constructor(
    private readonly repo: AccessLogsRepository,
    private readonly connectors: DatasourceConnectors,
    config: AppConfigService,
    metrics: MetricsService,
  ) {
    this.name = config.get('accessLogExternalDatasource');
    this.maxQueued = config.get('accessLogBufferMax');
    const registers = [metrics.registry];
    this.written = new Counter({ name: 'querygate_access_log_external_written_total', help: 'Access-log rows written to the external store', registers });
    this.dropped = new Counter({ name: 'querygate_access_log_external_dropped_total', help: 'Access-log rows the external store could not keep', registers });
  }

  get enabled(): boolean {
    return this.name !== null;
  }

  get pending(): number {
    return this.queue.length;
  }

  onModuleInit(): void {
    if (this.name) this.logger.log(`Access logs are also written to data source "${this.name}" (table ${EXTERNAL_TABLE})`);
  }

  /** Called by the writer with each batch it stored; never throws. */
  enqueue(batch: AccessLogRecord[]): void {
    if (!this.name) return;
    const room = Math.max(0, this.maxQueued - this.queue.length);
    if (room < batch.length) this.dropped.inc(batch.length - room);
    this.queue.push(...batch.slice(0, room));
    void this.flush();
  }

  /** Writes what is queued; resolves when the queue is empty or the store failed (retried on the next call). */
  flush(): Promise<void> {
    return (this.running ??= this.drain().finally(() => (this.running = null)));
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.slice(0, 500);
      try {
        const target = await this.resolve();
        await (await this.connectors.connectorFor(target.id)).run([externalInsert(target.type, batch)], { readOnly: false });
      } catch (e) {
        if (!this.failing) this.logger.warn(`External access-log store "${this.name}" failed, will retry: ${(e as Error).message}`);
        this.failing = true;
        return;
      }
      this.queue.splice(0, batch.length);
      this.written.inc(batch.length);
      if (this.failing) this.logger.log(`External access-log store "${this.name}" recovered`);
      this.failing = false;
    }
  }

  private async resolve() {
    if (this.target?.tableReady) return this.target;
    const ds = await this.repo.datasourceByName(this.name!);
    if (!ds) throw new Error(`no data source named "${this.name}"`);
    if (!isSqlStore(ds.type)) throw new Error(`data source "${this.name}" is ${ds.type}; the log store must be postgres or mysql`);
    const connector = await this.connectors.connectorFor(ds.id);
    await connector.run([{ sql: DDL[ds.type], values: [] }], { readOnly: false });
    this.target = { id: ds.id, type: ds.type, tableReady: true };
    return this.target;
  }
}

const isSqlStore = (t: DatasourceType): t is 'postgres' | 'mysql' => t === 'postgres' || t === 'mysql';
