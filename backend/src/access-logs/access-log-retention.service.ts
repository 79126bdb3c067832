import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AccessLogsRepository } from 'src/access-logs/access-logs.repository.js';
import { AppConfigService } from 'src/config/app-config.service.js';

const HOUR = 3_600_000;
const BATCH = 10_000;
const LOCK_ID = 7_262_173_201;

/** Purges access logs older than ACCESS_LOG_RETENTION_DAYS every hour, in batches, on one instance at a time. */
@Injectable()
export class AccessLogRetentionService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AccessLogRetentionService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: AccessLogsRepository,
    private readonly config: AppConfigService,
  ) {}

  onModuleInit(): void {
    if (this.config.get('accessLogRetentionDays') === 0) return;
    // First run a minute after start, then hourly.
    this.timer = setTimeout(() => void this.tick(), 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    try {
      await this.purge();
    } catch (e) {
      this.logger.warn(`Access-log retention run failed: ${(e as Error).message}`);
    }
    if (this.timer) {
      this.timer = setTimeout(() => void this.tick(), HOUR);
      this.timer.unref();
    }
  }

  /** Deletes rows older than the retention period; returns how many. */
  async purge(now = new Date()): Promise<number> {
    const days = this.config.get('accessLogRetentionDays');
    if (days === 0) return 0;
    const before = new Date(now.getTime() - days * 24 * HOUR);
    let total = 0;
    await this.repo.exclusively(LOCK_ID, async () => {
      for (let n = BATCH; n === BATCH; total += n) n = await this.repo.purgeBatch(before, BATCH);
      await this.repo.purgeRollups(before);
    });
    if (total) this.logger.log(`Purged ${total} access-log rows older than ${days} days`);
    return total;
  }
}
