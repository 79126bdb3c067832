import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatasourceEntity } from 'src/datasources/datasource.entity.js';
import { DatasourceConnectors, DRIVER_DEFAULTS } from 'src/datasources/datasource-connectors.service.js';
import { DatasourcesController } from 'src/datasources/datasources.controller.js';
import { DatasourcesRepository } from 'src/datasources/datasources.repository.js';
import { DatasourcesService } from 'src/datasources/datasources.service.js';
import { DemoDatasourceService } from 'src/datasources/demo-datasource.service.js';
import type { DriverDefaults } from 'src/datasources/external-db/driver-defaults.js';
import { AppConfigService } from 'src/config/app-config.service.js';

/** Process-wide driver defaults (EXTERNAL_DB_*); a data source's own options override them. */
const driverDefaults = {
  provide: DRIVER_DEFAULTS,
  inject: [AppConfigService],
  useFactory: (config: AppConfigService): DriverDefaults => ({ ...config.get('externalDb') }),
};

@Module({
  imports: [TypeOrmModule.forFeature([DatasourceEntity])],
  controllers: [DatasourcesController],
  providers: [DatasourcesRepository, DatasourcesService, DatasourceConnectors, DemoDatasourceService, driverDefaults],
  exports: [DatasourcesService, DatasourceConnectors, DemoDatasourceService],
})
export class DatasourcesModule {}
