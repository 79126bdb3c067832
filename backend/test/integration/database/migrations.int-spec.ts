import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from 'migrations/index.js';
import { appDataSourceOptions, runMigrations } from 'src/common/database/database.module.js';
import { startEmbeddedPostgres } from 'src/common/database/embedded-postgres.js';
import { createPgDatabase } from 'test/support/databases.js';

const TABLES = ['app_user', 'user_session', 'role', 'permission', 'role_permission', 'user_role', 'audit_event', 'datasource', 'api_module', 'api', 'api_version', 'macro', 'macro_version', 'api_group', 'app_client', 'signing_key', 'access_log', 'access_log_hourly', 'access_log_daily'];

async function exercise(url: string, poolMax: number, lock: boolean) {
  const ds = await new DataSource(appDataSourceOptions(url, { poolMax, ssl: false })).initialize();
  try {
    const applied = await runMigrations(ds, { lock });
    expect(applied).toEqual(MIGRATIONS.map((m) => new m().name));
    expect(await runMigrations(ds, { lock })).toEqual([]);
    const tables: { table_name: string }[] = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(TABLES));
    const roles: { name: string; n: string }[] = await ds.query(
      `SELECT r.name, count(rp.*) AS n FROM role r LEFT JOIN role_permission rp ON rp.role_id = r.id GROUP BY r.name ORDER BY r.name`,
    );
    expect(roles.map((r) => [r.name, Number(r.n)])).toEqual([
      ['Admin', 50],
      ['Dev', 22],
      ['Viewer', 10],
    ]);
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
    const after: unknown[] = await ds.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'app_user'`);
    expect(after).toHaveLength(0);
  } finally {
    await ds.destroy();
  }
}

describe('migrations', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('should list every file of migrations/ in migrations/index.ts', () => {
    const files = readdirSync(new URL('../../../../migrations/', import.meta.url)).filter((f) => /^\d+-.+\.ts$/.test(f));
    expect(files.map((f) => Number(f.split('-')[0]))).toEqual(MIGRATIONS.map((m) => Number(new m().name.match(/\d+$/)![0])));
  });

  it('should apply, re-run as a no-op and revert on real PostgreSQL', async () => {
    const db = await createPgDatabase('qg_migr');
    cleanup.push(() => db.drop());
    await exercise(db.url, 4, true);
  });

  it('should apply, re-run as a no-op and revert on the embedded engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qg-pglite-'));
    const embedded = await startEmbeddedPostgres(dir);
    cleanup.push(async () => {
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await exercise(embedded.url, 1, false);
  });
});
