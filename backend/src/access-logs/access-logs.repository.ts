import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LATENCY_BUCKETS_MS, type AccessLogRecord } from 'src/access-logs/access-log-record.js';
import type { DatasourceType } from 'src/datasources/external-db/connector.js';

const COLUMNS: [keyof AccessLogRecord, string, string][] = [
  ['createdAt', 'created_at', 'timestamptz'],
  ['requestId', 'request_id', 'text'],
  ['apiId', 'api_id', 'uuid'],
  ['apiVersionId', 'api_version_id', 'uuid'],
  ['moduleId', 'module_id', 'uuid'],
  ['clientId', 'client_id', 'uuid'],
  ['clientKey', 'client_key', 'text'],
  ['ip', 'ip', 'text'],
  ['method', 'method', 'text'],
  ['path', 'path', 'text'],
  ['status', 'status', 'int2'],
  ['errorCode', 'error_code', 'text'],
  ['durationMs', 'duration_ms', 'float4'],
  ['rowCount', 'row_count', 'int4'],
  ['responseBytes', 'response_bytes', 'int4'],
  ['cacheHit', 'cache_hit', 'bool'],
  ['userAgent', 'user_agent', 'text'],
  ['params', 'params', 'jsonb'],
  ['requestBody', 'request_body', 'text'],
];

const BOUNDS = `ARRAY[${LATENCY_BUCKETS_MS.join(',')}]::float8[]`;

export type RollupTable = 'access_log_hourly' | 'access_log_daily';
const ROLLUPS: [RollupTable, 'hour' | 'day'][] = [
  ['access_log_hourly', 'hour'],
  ['access_log_daily', 'day'],
];

/** Rows of `source` (columns of access_log) added into a roll-up; used after every batch and to rebuild. */
const rollupFrom = (source: string, table: RollupTable, unit: 'hour' | 'day') => `
  INSERT INTO ${table} AS h (bucket, api_id, client_id, method, status, latency_bucket, count, duration_sum, row_sum)
  SELECT date_trunc('${unit}', created_at), api_id, client_id, method, status, width_bucket(duration_ms::float8, ${BOUNDS}),
         count(*), sum(duration_ms), coalesce(sum(row_count), 0)
    FROM ${source}
   GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (bucket, api_id, client_id, method, status, latency_bucket)
  DO UPDATE SET count = h.count + excluded.count, duration_sum = h.duration_sum + excluded.duration_sum, row_sum = h.row_sum + excluded.row_sum`;

@Injectable()
export class AccessLogsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One statement for the whole batch: the rows travel as one array per column (a fixed number of bound
   * parameters whatever the batch size), land in access_log and are added to both roll-ups atomically.
   */
  async insertBatch(records: AccessLogRecord[]): Promise<void> {
    const arrays = COLUMNS.map(([key, , type]) =>
      records.map((r) => {
        const v = r[key];
        if (v === null || v === undefined) return null;
        if (type === 'jsonb') return JSON.stringify(v);
        if (v instanceof Date) return v.toISOString();
        return v;
      }),
    );
    const unnest = COLUMNS.map(([, , type], i) => `$${i + 1}::${type === 'jsonb' ? 'text' : type}[]`).join(', ');
    const names = COLUMNS.map(([, col]) => col);
    const select = COLUMNS.map(([, col, type]) => (type === 'jsonb' ? `${col}::jsonb` : col)).join(', ');
    await this.db.query(
      `WITH batch AS (SELECT * FROM unnest(${unnest}) AS b(${names.join(', ')})),
            inserted AS (INSERT INTO access_log (${names.join(', ')}) SELECT ${select} FROM batch RETURNING *),
            hourly AS (${rollupFrom('inserted', 'access_log_hourly', 'hour')})
       ${rollupFrom('inserted', 'access_log_daily', 'day')}`,
      arrays,
    );
  }

  /** Recomputes the roll-ups of a time range (whole days) from raw rows (benchmark seeding, repair). */
  async rebuildRollups(from: Date, to: Date): Promise<void> {
    await this.db.transaction(async (m) => {
      for (const [table, unit] of ROLLUPS) {
        await m.query(`DELETE FROM ${table} WHERE bucket >= date_trunc('day', $1::timestamptz) AND bucket < $2`, [from, to]);
        await m.query(
          `WITH src AS (SELECT * FROM access_log WHERE created_at >= date_trunc('day', $1::timestamptz) AND created_at < $2) ${rollupFrom('src', table, unit)}`,
          [from, to],
        );
      }
    });
  }

  /** Deletes up to `limit` rows older than `before`; returns how many went. */
  async purgeBatch(before: Date, limit: number): Promise<number> {
    const [{ n }] = await this.db.query(
      `WITH d AS (DELETE FROM access_log WHERE id IN (SELECT id FROM access_log WHERE created_at < $1 ORDER BY created_at LIMIT $2) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [before, limit],
    );
    return n;
  }

  async purgeRollups(before: Date): Promise<void> {
    for (const [table, unit] of ROLLUPS) await this.db.query(`DELETE FROM ${table} WHERE bucket < date_trunc('${unit}', $1::timestamptz)`, [before]);
  }

  async datasourceByName(name: string): Promise<{ id: string; type: DatasourceType } | null> {
    const rows = await this.db.query(`SELECT id, type FROM datasource WHERE lower(name) = lower($1) AND is_active`, [name]);
    return rows[0] ?? null;
  }

  /** Runs `fn` only on the instance that gets the advisory lock (periodic jobs on several instances). */
  async exclusively(lockId: number, fn: () => Promise<void>): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [lockId]);
      if (!locked) return false;
      try {
        await fn();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [lockId]);
      }
      return true;
    } finally {
      await runner.release();
    }
  }
}
