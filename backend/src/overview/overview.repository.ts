import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Which roll-up answers a range: hourly up to two days, daily beyond (whole first day included). */
export interface RollupRange {
  from: Date;
  table: 'access_log_hourly' | 'access_log_daily';
  unit: 'hour' | 'day';
}

export const rollupRange = (days: number, unit: 'hour' | 'day' = days <= 2 ? 'hour' : 'day'): RollupRange => ({
  from: new Date(Date.now() - days * 86_400_000),
  table: unit === 'hour' ? 'access_log_hourly' : 'access_log_daily',
  unit,
});

const where = (r: RollupRange) => `FROM ${r.table} WHERE bucket >= date_trunc('${r.unit}', $1::timestamptz)`;

export interface BucketRow {
  key: string | null;
  total: string;
  durationSum: number;
  p50b: number;
  p95b: number;
  p99b: number;
  errors: string;
}

/** Every overview query reads the hourly roll-up (or small tables), never a scan of raw access logs. */
@Injectable()
export class OverviewRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async counts(): Promise<Record<string, number>> {
    const [row] = await this.db.query(`SELECT
      (SELECT count(*) FROM datasource)::int AS datasources,
      (SELECT count(*) FROM api_module)::int AS modules,
      (SELECT count(*) FROM api)::int AS "apisTotal",
      (SELECT count(*) FROM api WHERE published_version_id IS NOT NULL)::int AS "apisPublished",
      (SELECT count(*) FROM app_client)::int AS clients,
      (SELECT count(*) FROM api_group)::int AS groups,
      (SELECT coalesce(sum(count), 0) FROM access_log_hourly WHERE bucket >= date_trunc('hour', now() - interval '24 hours'))::bigint AS "requests24h",
      (SELECT coalesce(sum(count) FILTER (WHERE status >= 400), 0) FROM access_log_hourly WHERE bucket >= date_trunc('hour', now() - interval '24 hours'))::bigint AS "errors24h"`);
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  }

  traffic(r: RollupRange): Promise<{ bucket: Date; count: string; errors: string }[]> {
    return this.db.query(
      `SELECT bucket, sum(count)::bigint AS count, coalesce(sum(count) FILTER (WHERE status >= 400), 0)::bigint AS errors
         ${where(r)} GROUP BY 1 ORDER BY 1`,
      [r.from],
    );
  }

  statusAndMethod(r: RollupRange): Promise<{ status: number; method: string; count: string; durationSum: number }[]> {
    return this.db.query(`SELECT status, method, sum(count)::bigint AS count, sum(duration_sum) AS "durationSum" ${where(r)} GROUP BY 1, 2`, [r.from]);
  }

  /** Calls, errors, mean and latency-bucket percentiles per API or per client. */
  latencyBy(column: 'api_id' | 'client_id', r: RollupRange): Promise<BucketRow[]> {
    return this.db.query(
      `WITH g AS (
         SELECT ${column} AS key, latency_bucket AS b, sum(count) AS c, sum(duration_sum) AS d,
                coalesce(sum(count) FILTER (WHERE status >= 400), 0) AS e
           ${where(r)} GROUP BY 1, 2),
       cum AS (SELECT key, b, c, d, e, sum(c) OVER (PARTITION BY key ORDER BY b) AS running, sum(c) OVER (PARTITION BY key) AS total FROM g)
       SELECT key, max(total)::bigint AS total, sum(d) AS "durationSum", sum(e)::bigint AS errors,
              min(b) FILTER (WHERE running >= 0.50 * total) AS p50b,
              min(b) FILTER (WHERE running >= 0.95 * total) AS p95b,
              min(b) FILTER (WHERE running >= 0.99 * total) AS p99b
         FROM cum GROUP BY key`,
      [r.from],
    );
  }

  apiLabels(ids: string[]): Promise<{ id: string; name: string; method: string; path: string }[]> {
    return ids.length ? this.db.query(`SELECT id, name, method, path FROM api WHERE id = ANY($1::uuid[])`, [ids]) : Promise.resolve([]);
  }

  clientLabels(ids: string[]): Promise<{ id: string; name: string }[]> {
    return ids.length ? this.db.query(`SELECT id, name FROM app_client WHERE id = ANY($1::uuid[])`, [ids]) : Promise.resolve([]);
  }

  recentCommits(limit: number) {
    return this.db.query(
      `SELECT a.id AS "apiId", a.name AS "apiName", a.method, a.path, v.id AS "versionId", v.version, v.message,
              v.author_email AS "authorEmail", coalesce(a.published_version_id = v.id, false) AS published, v.created_at AS "createdAt"
         FROM api_version v JOIN api a ON a.id = v.api_id ORDER BY v.created_at DESC LIMIT $1`,
      [limit],
    );
  }
}
