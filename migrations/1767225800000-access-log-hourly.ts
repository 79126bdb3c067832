import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hourly and daily roll-ups of the access log so the overview stays fast with millions of rows: one row
 * per hour (day), API, client, method, status and latency bucket (percentiles come from the bucket counts).
 * Short ranges read the hourly table, long ones the daily table.
 */
export class AccessLogHourly1767225800000 implements MigrationInterface {
  name = 'AccessLogHourly1767225800000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['access_log_hourly', 'access_log_daily']) {
      await q.query(`CREATE TABLE ${table} (
        bucket timestamptz NOT NULL,
        api_id uuid,
        client_id uuid,
        method varchar(8) NOT NULL,
        status smallint NOT NULL,
        latency_bucket smallint NOT NULL,
        count bigint NOT NULL,
        duration_sum double precision NOT NULL,
        row_sum bigint NOT NULL DEFAULT 0
      )`);
      await q.query(`CREATE UNIQUE INDEX ${table}_key ON ${table} (bucket, api_id, client_id, method, status, latency_bucket) NULLS NOT DISTINCT`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS access_log_daily`);
    await q.query(`DROP TABLE IF EXISTS access_log_hourly`);
  }
}
