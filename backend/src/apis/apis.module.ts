import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiModulesModule } from 'src/api-modules/api-modules.module.js';
import { ApiChecksService } from 'src/apis/api-checks.service.js';
import { ApiResultSchemaStore } from 'src/apis/api-result-schema.store.js';
import { ApiTestController } from 'src/apis/api-test.controller.js';
import { ApiTestWorkflow } from 'src/apis/api-test.workflow.js';
import { ApiVersionEntity } from 'src/apis/api-version.entity.js';
import { ApiVersionsController } from 'src/apis/api-versions.controller.js';
import { ApiVersionsWorkflow } from 'src/apis/api-versions.workflow.js';
import { ApiEntity } from 'src/apis/api.entity.js';
import { ApisController } from 'src/apis/apis.controller.js';
import { ApisRepository } from 'src/apis/apis.repository.js';
import { ApisService } from 'src/apis/apis.service.js';
import { EnginesModule } from 'src/engines/engines.module.js';
import { MacrosModule } from 'src/macros/macros.module.js';

@Module({
  imports: [TypeOrmModule.forFeature([ApiEntity, ApiVersionEntity]), ApiModulesModule, MacrosModule, EnginesModule],
  controllers: [ApiTestController, ApisController, ApiVersionsController],
  providers: [ApisRepository, ApisService, ApiChecksService, ApiVersionsWorkflow, ApiTestWorkflow, ApiResultSchemaStore],
  exports: [ApisService, ApisRepository, ApiResultSchemaStore, ApiVersionsWorkflow],
})
export class ApisModule {}
