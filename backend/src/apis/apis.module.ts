import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiModulesModule } from 'src/api-modules/api-modules.module.js';
import { ApiChecksService } from 'src/apis/api-checks.service.js';
import { ApiVersionEntity } from 'src/apis/api-version.entity.js';
import { ApiVersionsController } from 'src/apis/api-versions.controller.js';
import { ApiVersionsWorkflow } from 'src/apis/api-versions.workflow.js';
import { ApiEntity } from 'src/apis/api.entity.js';
import { ApisController } from 'src/apis/apis.controller.js';
import { ApisRepository } from 'src/apis/apis.repository.js';
import { ApisService } from 'src/apis/apis.service.js';
import { MacrosModule } from 'src/macros/macros.module.js';

@Module({
  imports: [TypeOrmModule.forFeature([ApiEntity, ApiVersionEntity]), ApiModulesModule, MacrosModule],
  controllers: [ApisController, ApiVersionsController],
  providers: [ApisRepository, ApisService, ApiChecksService, ApiVersionsWorkflow],
  exports: [ApisService, ApisRepository],
})
export class ApisModule {}
