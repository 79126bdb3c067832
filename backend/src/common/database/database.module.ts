import { join } from 'node:path';
import { Global, Logger, Module, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from 'migrations/index.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from 'src/common/database/embedded-postgres.js';
import { SnakeNamingStrategy } from 'src/common/database/naming.strategy.js';

export const APP_DATABASE = Symbol('APP_DATABASE');

export interface AppDatabaseTarget {
  url: string;
  embedded: EmbeddedPostgres | null;
}

/** Starts the embedded database when DATABASE_URL is unset, and stops it last. */
@Injectable()
export class AppDatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(APP_DATABASE) private readonly target: AppDatabaseTarget,
    private readonly dataSource: DataSource,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    // Close the pool before the embedded server it talks to.
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.target.embedded?.close();
  }
}

export function appDataSourceOptions(url: string, options: { poolMax: number; ssl: boolean }): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    ssl: options.ssl ? { rejectUnauthorized: true } : false,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: options.poolMax, idleTimeoutMillis: 30_000, application_name: 'querygate' },
  };
}

/** Applies pending migrations; on a shared database a PostgreSQL advisory lock keeps concurrent instances from racing. */
export async function runMigrations(dataSource: DataSource, { lock }: { lock: boolean }): Promise<string[]> {
  const LOCK_ID = 7_262_173_110;
  const runner = lock ? dataSource.createQueryRunner() : null;
  try {
    if (runner) await runner.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    if (runner) {
      await runner.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]);
      await runner.release();
    }
  }
}

/** Provider for APP_DATABASE: the configured URL, or a freshly started embedded database. */
export const appDatabaseProvider = {
  provide: APP_DATABASE,
  inject: [AppConfigService],
  useFactory: async (config: AppConfigService): Promise<AppDatabaseTarget> => {
    const url = config.get('databaseUrl');
    if (url) return { url, embedded: null };
    const embedded = await startEmbeddedPostgres(join(config.get('dataDir'), 'app-db'), config.get('embeddedDbPort'));
    new Logger('Database').log(`Embedded app database (PGlite) on 127.0.0.1:${embedded.port}, data in ${config.get('dataDir')}`);
    return { url: embedded.url, embedded };
  },
};

@Global()
@Module({ providers: [appDatabaseProvider], exports: [APP_DATABASE] })
export class AppDatabaseTargetModule {}

@Global()
@Module({
  imports: [
    AppDatabaseTargetModule,
    TypeOrmModule.forRootAsync({
      imports: [AppDatabaseTargetModule],
      inject: [AppConfigService, APP_DATABASE],
      useFactory: (config: AppConfigService, target: AppDatabaseTarget) =>
        ({
          ...appDataSourceOptions(target.url, {
            // The embedded multiplexer blocks other connections during a transaction: one connection only.
            poolMax: target.embedded ? 1 : config.get('databasePoolMax'),
            ssl: !target.embedded && config.get('databaseSsl'),
          }),
          autoLoadEntities: true,
        }) as unknown as TypeOrmModuleOptions,
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        const applied = await runMigrations(dataSource, { lock: (options as { extra: { max: number } }).extra.max > 1 });
        if (applied.length) new Logger('Database').log(`Applied migrations: ${applied.join(', ')}`);
        return dataSource;
      },
    }),
  ],
  providers: [AppDatabaseLifecycle],
  exports: [TypeOrmModule],
})
export class DatabaseModule {}
