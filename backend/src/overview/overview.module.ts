import { Module } from '@nestjs/common';
import { AccessLogsModule } from 'src/access-logs/access-logs.module.js';
import { OverviewController } from 'src/overview/overview.controller.js';
import { OverviewRepository } from 'src/overview/overview.repository.js';
import { OverviewService } from 'src/overview/overview.service.js';

@Module({ imports: [AccessLogsModule], controllers: [OverviewController], providers: [OverviewRepository, OverviewService] })
export class OverviewModule {}
