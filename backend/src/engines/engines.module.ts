import { Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { EncryptionService } from 'src/common/crypto/encryption.service.js';
import { NotificationBus } from 'src/common/notifications/notification-bus.js';
import { REDIS } from 'src/common/redis/redis.module.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import { datasourceError } from 'src/datasources/datasources.errors.js';
import type { Connector, DatasourceConnectionConfig } from 'src/datasources/external-db/connector.js';
import { PoolRegistry } from 'src/datasources/external-db/pool.registry.js';
import { ApiRunner } from 'src/engines/api-runner.js';
import { ConnectorSource, type ApiDatasourceInfo } from 'src/engines/engine.js';
import { RedisCacheStore } from 'src/engines/script/modules/cache.js';
import { ScriptEngine } from 'src/engines/script/script.engine.js';
import { SqlEngine } from 'src/engines/sql/sql.engine.js';

interface DatasourceRow {
  id: string;
  name: string;
  type: ApiDatasourceInfo['type'];
  host: string;
  port: number;
  database: string;
  username: string;
  password_encrypted: string | null;
  options: DatasourceConnectionConfig['options'];
  pool_max: number;
  is_active: boolean;
  revision: number;
}

/**
 * Stand-in ConnectorSource until the data-sources feature binds `DatasourceConnectors`: reads a data
 * source once, keeps it (and its pool) in memory, and forgets it on 'datasource.changed'.
 */
@Injectable()
export class AppDbConnectorSource extends ConnectorSource implements OnApplicationShutdown {
  private readonly pools = new PoolRegistry();
  private readonly rows = new Map<string, Promise<DatasourceRow>>();

  constructor(
    private readonly db: DataSource,
    private readonly encryption: EncryptionService,
    bus: NotificationBus,
  ) {
    super();
    bus.subscribe('datasource.changed', (m) => (m.id ? this.rows.delete(m.id) : this.rows.clear()));
  }

  async connectorFor(datasourceId: string): Promise<Connector> {
    const row = await this.row(datasourceId);
    if (!row.is_active) throw datasourceError('DATASOURCE_INACTIVE', 'The data source is inactive');
    return this.pools.get({
      id: row.id,
      type: row.type,
      host: row.host,
      port: row.port,
      database: row.database,
      username: row.username,
      password: row.password_encrypted ? this.encryption.decrypt(row.password_encrypted) : null,
      poolMax: row.pool_max,
      options: row.options ?? {},
      revision: String(row.revision),
    });
  }

  async describe(datasourceId: string): Promise<ApiDatasourceInfo> {
    const row = await this.row(datasourceId);
    return { id: row.id, name: row.name, type: row.type, database: row.database, isActive: row.is_active };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pools.closeAll();
  }

  private row(id: string): Promise<DatasourceRow> {
    let pending = this.rows.get(id);
    if (!pending) {
      pending = this.db.query('SELECT * FROM datasource WHERE id = $1', [id]).then((rows: DatasourceRow[]) => {
        if (!rows[0]) throw datasourceError('DATASOURCE_NOT_FOUND', 'The data source does not exist');
        return rows[0];
      });
      pending.catch(() => this.rows.delete(id));
      this.rows.set(id, pending);
    }
    return pending;
  }
}

@Injectable()
class EnginesLifecycle implements OnApplicationShutdown {
  constructor(private readonly scripts: ScriptEngine) {}
  async onApplicationShutdown(): Promise<void> {
    await this.scripts.close();
  }
}

/** SqlEngine, ScriptEngine and ApiRunner (validators → engine → transform → envelope) as providers. */
@Global()
@Module({
  providers: [
    { provide: SqlEngine, useFactory: () => new SqlEngine() },
    {
      provide: ScriptEngine,
      inject: [AppConfigService, REDIS],
      useFactory: (config: AppConfigService, redis: Redis | null) =>
        new ScriptEngine({
          memoryMb: config.get('scriptMemoryMb'),
          timeoutMs: config.get('scriptTimeoutMs'),
          poolSize: config.get('scriptPoolSize') || undefined,
          http: { allowHosts: config.get('scriptHttpAllowHosts'), allowPrivateHosts: config.get('scriptHttpAllowPrivateHosts') },
          env: config.get('scriptEnv'),
          cache: redis ? new RedisCacheStore(redis) : undefined,
        }),
    },
    { provide: ConnectorSource, useClass: AppDbConnectorSource },
    {
      provide: ApiRunner,
      inject: [SqlEngine, ScriptEngine, ConnectorSource, AppConfigService],
      useFactory: (sql: SqlEngine, scripts: ScriptEngine, connectors: ConnectorSource, config: AppConfigService) =>
        new ApiRunner(sql, scripts, connectors, { defaultMaxRows: config.get('gatewayMaxRows') }),
    },
    EnginesLifecycle,
  ],
  exports: [SqlEngine, ScriptEngine, ConnectorSource, ApiRunner],
})
export class EnginesModule {}
