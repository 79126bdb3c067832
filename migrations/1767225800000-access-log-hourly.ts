import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hourly roll-up of the access log so the overview stays fast with millions of rows: one row per hour,
 * API, client, method, status and latency bucket (latency percentiles come from the bucket counts).
 */
export class AccessLogHourly1767225800000 implements MigrationInterface {
  name = 'AccessLogHourly1767225800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE access_log_hourly (
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
    await q.query(`CREATE UNIQUE INDEX access_log_hourly_key ON access_log_hourly (bucket, api_id, client_id, method, status, latency_bucket) NULLS NOT DISTINCT`);
    await q.query(`CREATE INDEX access_log_hourly_api_idx ON access_log_hourly (api_id, bucket)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS access_log_hourly`);
  }
}
