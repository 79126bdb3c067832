import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiModuleEntity } from 'src/api-modules/api-module.entity.js';
import { ApiModulesController } from 'src/api-modules/api-modules.controller.js';
import { ApiModulesRepository } from 'src/api-modules/api-modules.repository.js';
import { ApiModulesService } from 'src/api-modules/api-modules.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ApiModuleEntity])],
  controllers: [ApiModulesController],
  providers: [ApiModulesRepository, ApiModulesService],
  exports: [ApiModulesService],
})
export class ApiModulesModule {}
