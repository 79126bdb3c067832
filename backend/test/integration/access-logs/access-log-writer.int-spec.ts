import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { AccessLogWriter } from 'src/access-logs/access-log.writer.js';
import { MetricsService } from 'src/metrics/metrics.service.js';
import { accessLogRecord } from 'test/support/access-log-factory.js';
import { TEST_PG_URL } from 'test/support/databases.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

const count = async (t: TestApp) => Number((await t.app.get(DataSource).query('SELECT count(*) FROM access_log'))[0].count);

describe(AccessLogWriter.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ACCESS_LOG_BATCH_SIZE: '50', ACCESS_LOG_FLUSH_INTERVAL_MS: '50' });
  });
  afterAll(() => t.close());

  it('should write in batches off the caller path', async () => {
    const writer = t.app.get(AccessLogWriter);
    const before = await count(t);
    for (let i = 0; i < 1234; i++) writer.write(accessLogRecord({ path: `batch/${i}` }));
    await writer.flush();
    expect(writer.pending).toBe(0);
    expect((await count(t)) - before).toBe(1234);
  });

  it('should lose no record while the app database connections are killed mid-load', async () => {
    const writer = t.app.get(AccessLogWriter);
    const before = await count(t);
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    const kill = () => admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [t.db.name]);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 400; i++) writer.write(accessLogRecord({ path: `kill/${round}/${i}` }));
      await kill();
      await new Promise((r) => setTimeout(r, 30));
    }
    await admin.end();
    // Retries with back-off until everything accepted is stored.
    const deadline = Date.now() + 20_000;
    while (writer.pending && Date.now() < deadline) {
      await writer.flush().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(writer.pending).toBe(0);
    expect((await count(t)) - before).toBe(2000);
    const metrics = await t.app.get(MetricsService).registry.metrics();
    expect(metrics).toMatch(/querygate_access_log_dropped_total 0/);
  });
});

describe('AccessLogWriter buffer bound', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ACCESS_LOG_BUFFER_MAX: '100', ACCESS_LOG_BATCH_SIZE: '1000', ACCESS_LOG_FLUSH_INTERVAL_MS: '60000' });
  });
  afterAll(() => t.close());

  it('should drop and count rows beyond the bound, and flush the rest on shutdown', async () => {
    const writer = t.app.get(AccessLogWriter);
    for (let i = 0; i < 150; i++) writer.write(accessLogRecord());
    expect(writer.pending).toBe(100);
    const metrics = await t.app.get(MetricsService).registry.metrics();
    expect(metrics).toMatch(/querygate_access_log_dropped_total 50/);
    expect(metrics).toMatch(/querygate_access_log_buffered 100/);
    await writer.beforeApplicationShutdown();
    expect(await count(t)).toBe(100);
  });
});
