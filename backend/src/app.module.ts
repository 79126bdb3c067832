import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AccessLogsModule } from 'src/access-logs/access-logs.module.js';
import { ApiModulesModule } from 'src/api-modules/api-modules.module.js';
import { ApisModule } from 'src/apis/apis.module.js';
import { MacrosModule } from 'src/macros/macros.module.js';
import { PublishedOpenApiModule } from 'src/published-openapi/published-openapi.module.js';
import { AuditModule } from 'src/audit/audit.module.js';
import { OverviewModule } from 'src/overview/overview.module.js';
import { AuthModule } from 'src/auth/auth.module.js';
import { AllExceptionsFilter } from 'src/common/errors/all-exceptions.filter.js';
import { DatabaseModule } from 'src/common/database/database.module.js';
import { RedisModule } from 'src/common/redis/redis.module.js';
import { createValidationPipe } from 'src/common/validation/validation.pipe.js';
import type { AppConfig } from 'src/config/app-config.service.js';
import { ConfigModule } from 'src/config/config.module.js';
import { ClientsModule } from 'src/clients/clients.module.js';
import { DashboardModule } from 'src/dashboard/dashboard.module.js';
import { DatasourcesModule } from 'src/datasources/datasources.module.js';
import { GroupsModule } from 'src/groups/groups.module.js';
import { GatewayModule } from 'src/gateway/gateway.module.js';
import { HealthModule } from 'src/health/health.module.js';
import { MetricsModule } from 'src/metrics/metrics.module.js';
import { NotificationsModule } from 'src/common/notifications/notifications.module.js';
import { RolesModule } from 'src/roles/roles.module.js';
import { SamplesModule } from 'src/samples/samples.module.js';
import { TokensModule } from 'src/tokens/tokens.module.js';
import { UsersModule } from 'src/users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, dashboardDir: string | null): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        NotificationsModule,
        MetricsModule,
        AuditModule,
        AuthModule,
        UsersModule,
        RolesModule,
        DatasourcesModule,
        GroupsModule,
        ClientsModule,
        TokensModule,
        HealthModule,
        ApiModulesModule,
        MacrosModule,
        ApisModule,
        PublishedOpenApiModule,
        AccessLogsModule,
        OverviewModule,
        GatewayModule,
        SamplesModule,
        // Last: its catch-all route must not shadow feature routes.
        DashboardModule.forRoot(dashboardDir),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
