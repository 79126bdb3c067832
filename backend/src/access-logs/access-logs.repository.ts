import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import {
  LATENCY_BUCKETS_MS,
  latencyBucket,
  storedFloat4,
  type AccessLogRecord,
} from 'src/access-logs/access-log-record.js';
import type { DatasourceType } from 'src/datasources/external-db/connector.js';

/**
 * access_log columns in the order of the JSON tuples `toTuple` builds, with the type each is read as.
 * Text goes through an explicit varchar(n) cast, which truncates: an over-long user agent or path must not
 * fail the whole batch (an implicit assignment cast raises an error instead, and the writer would retry it forever).
 */
const COLUMNS = [
  ['created_at', 'timestamptz'],
  ['request_id', 'varchar(128)'],
  ['api_id', 'uuid'],
  ['api_version_id', 'uuid'],
  ['module_id', 'uuid'],
  ['client_id', 'uuid'],
  ['client_key', 'varchar(64)'],
  ['ip', 'varchar(64)'],
  ['method', 'varchar(8)'],
  ['path', 'varchar(1000)'],
  ['status', 'int2'],
  ['error_code', 'varchar(64)'],
  ['duration_ms', 'float4'],
  ['row_count', 'int4'],
  ['response_bytes', 'int4'],
  ['cache_hit', 'bool'],
  ['user_agent', 'varchar(512)'],
  ['params', 'jsonb'],
  ['request_body', 'text'],
] as const;

/** NaN and ±Infinity travel as strings (JSON has no such numbers; PostgreSQL parses 'NaN' and 'Infinity'). */
const jsonNumber = (n: number) => (Number.isFinite(n) ? n : String(n));

/** One record as a JSON tuple in COLUMNS order; the time as epoch milliseconds (cheaper than an ISO string on both sides). */
const toTuple = (r: AccessLogRecord): unknown[] => [
  r.createdAt.getTime(),
  r.requestId,
  r.apiId,
  r.apiVersionId,
  r.moduleId,
  r.clientId,
  r.clientKey,
  r.ip,
  r.method,
  r.path,
  r.status,
  r.errorCode,
  jsonNumber(r.durationMs),
  r.rowCount,
  r.responseBytes,
  r.cacheHit,
  r.userAgent,
  r.params,
  r.requestBody,
];

const columnFrom = ([, type]: (typeof COLUMNS)[number], i: number) => {
  if (type === 'timestamptz') return `'epoch'::timestamptz + (e->>${i})::float8 * interval '1 millisecond'`;
  if (type === 'jsonb') return `nullif(e->${i}, 'null')`;
  return `(e->>${i})::${type}`;
};

/**
 * PostgreSQL's JSON refuses \u0000 and lone UTF-16 surrogates, which JSON.stringify writes as \udXXX. Both
 * become U+FFFD, as pg's UTF-8 encoding already does with lone surrogates in a text parameter (a NUL used
 * to fail the batch). The lookbehind skips escaped backslashes (`\\u0000` is text, not an escape).
 */
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/g;
const storableJson = (json: string) =>
  json.includes('\\u') ? json.replace(UNSTORABLE_ESCAPE, '$1\\ufffd') : json;

/** One roll-up increment: second (epoch), api, client, method, status, latency bucket, count, duration sum, row sum. */
type Increment = [number, string | null, string | null, string, number, number, number, number, number];

/** Adds one record to its roll-up group (see AccessLogBatch). */
function addIncrement(groups: Map<string, Increment>, r: AccessLogRecord): void {
  const ms = storedFloat4(r.durationMs);
  const second = Math.floor(r.createdAt.getTime() / 1000);
  const bucket = latencyBucket(ms);
  const key = `${second} ${r.apiId} ${r.clientId} ${r.method} ${r.status} ${bucket}`;
  const group = groups.get(key);
  if (group) {
    group[6]++;
    group[7] += ms;
    group[8] += r.rowCount ?? 0;
  } else {
    groups.set(key, [second, r.apiId, r.clientId, r.method, r.status, bucket, 1, ms, r.rowCount ?? 0]);
  }
}

/**
 * The rows of one access-log INSERT, serialised as they arrive: each record becomes its JSON tuple at once
 * and its roll-up group is updated, so a buffered row is one flat string instead of an object graph the
 * garbage collector keeps copying until the flush.
 *
 * Roll-ups are summed per second, api, client, method, status and latency bucket. PostgreSQL then applies
 * date_trunc('hour'|'day') in the session's TimeZone: every offset and transition in the time-zone database
 * falls on a whole second, so all rows of one second share their hour and day whatever the TimeZone (a
 * coarser step is not safe: St. John's, Gaza and Casey have switched at hh:01). Durations and buckets are
 * those of the float4 PostgreSQL stores, so the sums equal a re-aggregation of the raw rows.
 */
export class AccessLogBatch {
  private readonly rows: string[] = [];
  private readonly groups = new Map<string, Increment>();
  /** The records themselves, kept only when someone else needs them (the external log store). */
  readonly records: AccessLogRecord[] | null;

  constructor(keepRecords = false) {
    this.records = keepRecords ? [] : null;
  }

  static of(records: AccessLogRecord[]): AccessLogBatch {
    const batch = new AccessLogBatch();
    for (const r of records) batch.add(r);
    return batch;
  }

  get size(): number {
    return this.rows.length;
  }

  add(r: AccessLogRecord): void {
    this.rows.push(JSON.stringify(toTuple(r)));
    addIncrement(this.groups, r);
    this.records?.push(r);
  }

  get increments(): Increment[] {
    return [...this.groups.values()];
  }

  /** The two parameters of INSERT_BATCH. */
  parameters(): [string, string] {
    return [
      storableJson(`[${this.rows.join(',')}]`),
      storableJson(JSON.stringify(this.increments, (_, v) => (typeof v === 'number' ? jsonNumber(v) : v))),
    ];
  }
}

const BOUNDS = `ARRAY[${LATENCY_BUCKETS_MS.join(',')}]::float8[]`;

export type RollupTable = 'access_log_hourly' | 'access_log_daily';
const ROLLUPS: [RollupTable, 'hour' | 'day'][] = [
  ['access_log_hourly', 'hour'],
  ['access_log_daily', 'day'],
];

/** Adds `source` (at, api_id, client_id, method, status, latency_bucket, count, duration_sum, row_sum) into a roll-up. */
const addInto = (table: RollupTable, unit: 'hour' | 'day', source: string) => `
  INSERT INTO ${table} AS h (bucket, api_id, client_id, method, status, latency_bucket, count, duration_sum, row_sum)
  SELECT date_trunc('${unit}', at), api_id, client_id, method, status, latency_bucket, sum(count), sum(duration_sum), sum(row_sum)
    FROM ${source}
   GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (bucket, api_id, client_id, method, status, latency_bucket)
  DO UPDATE SET count = h.count + excluded.count, duration_sum = h.duration_sum + excluded.duration_sum, row_sum = h.row_sum + excluded.row_sum`;

/** Raw rows of [$1 (whole days), $2) as roll-up sources, one row each. */
const RAW_SINCE_DAY = `(SELECT created_at AS at, api_id, client_id, method, status, width_bucket(duration_ms::float8, ${BOUNDS}) AS latency_bucket,
         1 AS count, duration_ms::float8 AS duration_sum, coalesce(row_count, 0) AS row_sum
    FROM access_log WHERE created_at >= date_trunc('day', $1::timestamptz) AND created_at < $2) AS raw`;

const INSERT_BATCH = `
  WITH inserted AS (
    INSERT INTO access_log (${COLUMNS.map(([col]) => col).join(', ')})
    SELECT ${COLUMNS.map(columnFrom).join(', ')} FROM jsonb_array_elements($1::jsonb) AS e
  ), increments AS (
    SELECT to_timestamp((g->>0)::float8) AS at, (g->>1)::uuid AS api_id, (g->>2)::uuid AS client_id, (g->>3)::varchar(8) AS method,
           (g->>4)::int2 AS status, (g->>5)::int2 AS latency_bucket, (g->>6)::int8 AS count, (g->>7)::float8 AS duration_sum, (g->>8)::int8 AS row_sum
      FROM jsonb_array_elements($2::jsonb) AS g
  ), hourly AS (${addInto('access_log_hourly', 'hour', 'increments')})
  ${addInto('access_log_daily', 'day', 'increments')}`;

@Injectable()
export class AccessLogsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One statement for the whole batch, so raw rows and roll-ups land atomically: the rows travel as one JSON
   * array of tuples (a fixed two parameters whatever the batch size; far cheaper for pg to send than an
   * array per column) and the roll-up increments are summed in Node, so PostgreSQL upserts a few rows instead
   * of re-reading the batch for each roll-up.
   */
  async insert(batch: AccessLogBatch): Promise<void> {
    // A named statement, straight on TypeORM's pg pool (TypeORM has no named queries): each connection parses
    // and plans this long statement once instead of once per batch: about a third of PostgreSQL's work per row.
    const pool = (this.db.driver as unknown as { master: pg.Pool }).master;
    await pool.query({ name: 'qg_access_log_insert', text: INSERT_BATCH, values: batch.parameters() });
  }

  /** Recomputes the roll-ups of a time range (whole days) from raw rows (benchmark seeding, repair). */
  async rebuildRollups(from: Date, to: Date): Promise<void> {
    await this.db.transaction(async (m) => {
      for (const [table, unit] of ROLLUPS) {
        await m.query(`DELETE FROM ${table} WHERE bucket >= date_trunc('day', $1::timestamptz) AND bucket < $2`, [from, to]);
        await m.query(addInto(table, unit, RAW_SINCE_DAY), [from, to]);
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
