import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfigService } from 'src/config/app-config.service.js';
import { DatasourceConnectors } from 'src/datasources/datasource-connectors.service.js';
import { DatasourcesRepository } from 'src/datasources/datasources.repository.js';
import { DatasourcesService } from 'src/datasources/datasources.service.js';
import type { startDemoDatabase } from 'src/datasources/demo/demo-database.js';

export const DEMO_DATASOURCE_NAME = 'Demo';

type DemoDatabase = Awaited<ReturnType<typeof startDemoDatabase>>;

/**
 * Embedded mode with SEED_SAMPLES: starts the bundled demo database (a second PGlite under DATA_DIR/demo-db)
 * and registers it as the read-only data source "Demo" (or updates its host/port, which change per start).
 * The samples seeder builds its module and APIs on `datasourceId()`.
 */
@Injectable()
export class DemoDatasourceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DemoDatasourceService.name);
  private ready: Promise<string | null> | null = null;
  private demo: DemoDatabase | null = null;

  constructor(
    private readonly config: AppConfigService,
    private readonly datasources: DatasourcesService,
    private readonly repo: DatasourcesRepository,
    private readonly connectors: DatasourceConnectors,
  ) {}

  get enabled(): boolean {
    return this.config.embedded && this.config.get('seedSamples');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.datasourceId();
  }

  /** The id of the "Demo" data source once it is registered; null when the demo is off or failed to start. */
  datasourceId(): Promise<string | null> {
    if (!this.enabled) return Promise.resolve(null);
    return (this.ready ??= this.start());
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.demo) return;
    // Pools first (they may hold connections to the demo server), then the server.
    await this.connectors.closeAll();
    await this.demo.close();
    this.demo = null;
  }

  private async start(): Promise<string | null> {
    try {
      // Loaded on demand: production mode never loads the demo database code.
      const { startDemoDatabase } = await import('src/datasources/demo/demo-database.js');
      this.demo = await startDemoDatabase({ dataDir: join(this.config.get('dataDir'), 'demo-db'), port: this.config.get('demoDbPort') });
      const id = await this.register(this.demo);
      if (id) this.logger.log(`Demo database on 127.0.0.1:${this.demo.port} registered as data source "${DEMO_DATASOURCE_NAME}"`);
      return id;
    } catch (err) {
      // The product works without the demo; say why it is missing and carry on.
      this.logger.error(`The demo database could not start: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }

  private async register(demo: DemoDatabase): Promise<string | null> {
    const existing = await this.repo.findByName(DEMO_DATASOURCE_NAME);
    if (!existing) {
      const created = await this.datasources.create(
        {
          name: DEMO_DATASOURCE_NAME,
          type: 'postgres',
          host: demo.host,
          port: demo.port,
          database: demo.database,
          username: demo.username,
          options: { readOnly: true },
          poolMax: 1,
          isActive: true,
          description: 'Bundled demo database (embedded PGlite with sample tables), read-only',
        },
        null,
      );
      return created.id;
    }
    if (existing.type !== 'postgres') {
      this.logger.warn(`A data source named "${DEMO_DATASOURCE_NAME}" of type ${existing.type} exists; the demo database is not registered`);
      return null;
    }
    if (existing.host !== demo.host || existing.port !== demo.port) await this.datasources.update(existing.id, { host: demo.host, port: demo.port }, null);
    return existing.id;
  }
}
