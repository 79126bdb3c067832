import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatasourceEntity } from 'src/datasources/datasource.entity.js';
import { DatasourceConnectors, DRIVER_DEFAULTS } from 'src/datasources/datasource-connectors.service.js';
import { DatasourcesController } from 'src/datasources/datasources.controller.js';
import { DatasourcesRepository } from 'src/datasources/datasources.repository.js';
import { DatasourcesService } from 'src/datasources/datasources.service.js';
import { DemoDatasourceService } from 'src/datasources/demo-datasource.service.js';
import type { DriverDefaults } from 'src/datasources/external-db/driver-defaults.js';

/**
 * Process-wide driver defaults. None are configurable yet, so the connector's own defaults apply
 * (queue 50, queue wait 5 s, idle 30 s, connect 10 s, statement 30 s, pool 10); wire env keys here.
 */
const driverDefaults: DriverDefaults = {};

@Module({
  imports: [TypeOrmModule.forFeature([DatasourceEntity])],
  controllers: [DatasourcesController],
  providers: [DatasourcesRepository, DatasourcesService, DatasourceConnectors, DemoDatasourceService, { provide: DRIVER_DEFAULTS, useValue: driverDefaults }],
  exports: [DatasourcesService, DatasourceConnectors, DemoDatasourceService],
})
export class DatasourcesModule {}
