import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { appDataSourceOptions, runMigrations } from 'src/common/database/database.module.js';
import { startEmbeddedPostgres } from 'src/common/database/embedded-postgres.js';
import { ConfigError, loadConfig } from 'src/config/app-config.service.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database under DATA_DIR. */
async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(join(config.dataDir, 'app-db'));
  const url = config.databaseUrl ?? embedded!.url;
  const dataSource = await new DataSource(appDataSourceOptions(url, { poolMax: embedded ? 1 : 2, ssl: !embedded && config.databaseSsl })).initialize();
  try {
    const applied = await runMigrations(dataSource, { lock: !embedded });
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply: the schema is up to date.');
  } finally {
    await dataSource.destroy();
    await embedded?.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
