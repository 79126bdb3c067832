import { Global, Module } from '@nestjs/common';
import { DatasourcesModule } from 'src/datasources/datasources.module.js';
import { AccessLogExternalStore } from 'src/access-logs/access-log-external.store.js';
import { AccessLogRetentionService } from 'src/access-logs/access-log-retention.service.js';
import { AccessLogSearchRepository } from 'src/access-logs/access-log-search.repository.js';
import { AccessLogWriter } from 'src/access-logs/access-log.writer.js';
import { AccessLogsController } from 'src/access-logs/access-logs.controller.js';
import { AccessLogsRepository } from 'src/access-logs/access-logs.repository.js';
import { AccessLogsService } from 'src/access-logs/access-logs.service.js';

/** Global so the gateway can hand every call to AccessLogWriter. */
@Global()
@Module({
  imports: [DatasourcesModule],
  controllers: [AccessLogsController],
  providers: [AccessLogExternalStore, AccessLogsRepository, AccessLogSearchRepository, AccessLogsService, AccessLogWriter, AccessLogRetentionService],
  exports: [AccessLogWriter, AccessLogSearchRepository, AccessLogsRepository, AccessLogRetentionService],
})
export class AccessLogsModule {}
