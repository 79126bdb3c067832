import { Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from 'src/common/redis/redis.module.js';
import { createRootLogger } from 'src/common/logging/logger.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import { DatasourceConnectors } from 'src/datasources/datasource-connectors.service.js';
import { DatasourcesModule } from 'src/datasources/datasources.module.js';
import { ApiRunner } from 'src/engines/api-runner.js';
import { ConnectorSource } from 'src/engines/engine.js';
import { RedisCacheStore } from 'src/engines/script/modules/cache.js';
import { ScriptEngine } from 'src/engines/script/script.engine.js';
import { SqlEngine } from 'src/engines/sql/sql.engine.js';

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
  imports: [DatasourcesModule],
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
          // Scripts' log.* lines go to the app log with the request id (the root logger's mixin adds it).
          logger: createRootLogger(config.get('logLevel')).child({ context: 'Script' }),
        }),
    },
    { provide: ConnectorSource, useExisting: DatasourceConnectors },
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
