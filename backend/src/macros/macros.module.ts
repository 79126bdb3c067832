import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnginesModule } from 'src/engines/engines.module.js';
import { MacroVersionEntity } from 'src/macros/macro-version.entity.js';
import { MacroEntity } from 'src/macros/macro.entity.js';
import { MacroVersionsWorkflow } from 'src/macros/macro-versions.workflow.js';
import { MacrosController } from 'src/macros/macros.controller.js';
import { MacrosRepository } from 'src/macros/macros.repository.js';
import { MacrosService } from 'src/macros/macros.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([MacroEntity, MacroVersionEntity]), EnginesModule],
  controllers: [MacrosController],
  providers: [MacrosRepository, MacrosService, MacroVersionsWorkflow],
  exports: [MacrosService],
})
export class MacrosModule {}
