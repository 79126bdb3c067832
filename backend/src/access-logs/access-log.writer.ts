import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import type { AccessLogRecord } from 'src/access-logs/access-log-record.js';
import { AccessLogExternalStore } from 'src/access-logs/access-log-external.store.js';
import { AccessLogBatch, AccessLogsRepository } from 'src/access-logs/access-logs.repository.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import { MetricsService } from 'src/metrics/metrics.service.js';

/**
 * Asynchronous, batched access-log writer. `write()` only serialises the record into the open batch of a
 * bounded in-memory buffer, so a gateway call never waits for the database. A batch is written with one
 * INSERT when it reaches ACCESS_LOG_BATCH_SIZE rows or every ACCESS_LOG_FLUSH_INTERVAL_MS; while the app database is
 * unreachable rows stay buffered (up to ACCESS_LOG_BUFFER_MAX, beyond which new rows are dropped and
 * counted) and the flush is retried with back-off. Graceful shutdown flushes everything accepted.
 */
@Injectable()
export class AccessLogWriter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(AccessLogWriter.name);
  /** Full batches waiting, oldest first; `open` takes new rows. */
  private readonly full: AccessLogBatch[] = [];
  private open: AccessLogBatch;
  private buffered = 0;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private droppedSinceWarning = 0;
  private closed = false;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly bufferMax: number;
  private readonly written: Counter;
  private readonly dropped: Counter;
  private readonly flushErrors: Counter;

  constructor(
    private readonly repo: AccessLogsRepository,
    private readonly external: AccessLogExternalStore,
    config: AppConfigService,
    metrics: MetricsService,
  ) {
    this.batchSize = config.get('accessLogBatchSize');
    this.intervalMs = config.get('accessLogFlushIntervalMs');
    this.bufferMax = config.get('accessLogBufferMax');
    const registers = [metrics.registry];
    this.written = new Counter({ name: 'querygate_access_log_written_total', help: 'Access-log rows written', registers });
    this.dropped = new Counter({ name: 'querygate_access_log_dropped_total', help: 'Access-log rows dropped because the buffer was full', registers });
    this.flushErrors = new Counter({ name: 'querygate_access_log_flush_errors_total', help: 'Failed access-log flushes (retried)', registers });
    this.open = this.newBatch();
    const pending = () => this.buffered;
    new Gauge({
      name: 'querygate_access_log_buffered',
      help: 'Access-log rows waiting to be written',
      registers,
      collect() {
        this.set(pending());
      },
    });
  }

  onModuleInit(): void {
    this.schedule(this.intervalMs);
  }

  private newBatch(): AccessLogBatch {
    return new AccessLogBatch(this.external.enabled);
  }

  /** Never blocks and never throws: the caller is the gateway's hot path. */
  write(record: AccessLogRecord): void {
    if (this.buffered >= this.bufferMax) {
      this.dropped.inc();
      if (this.droppedSinceWarning++ === 0) this.logger.warn(`Access-log buffer full (${this.bufferMax} rows): dropping rows until the database answers`);
      return;
    }
    if (this.open.size >= this.batchSize) this.seal();
    this.open.add(record);
    this.buffered++;
    if (this.open.size >= this.batchSize && !this.flushing && this.failures === 0) void this.flush();
  }

  get pending(): number {
    return this.buffered;
  }

  private seal(): void {
    this.full.push(this.open);
    this.open = this.newBatch();
  }

  /** Writes everything buffered now (tests, shutdown). Resolves when the buffer is empty or a write failed. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.buffered) return;
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.buffered) {
      if (!this.full.length) this.seal();
      const batch = this.full[0];
      try {
        await this.repo.insert(batch);
      } catch (e) {
        this.failures++;
        this.flushErrors.inc();
        if (this.failures === 1) this.logger.warn(`Access-log write failed, will retry: ${(e as Error).message}`);
        return;
      }
      this.full.shift();
      this.buffered -= batch.size;
      this.written.inc(batch.size);
      if (batch.records) this.external.enqueue(batch.records);
      if (this.failures) this.logger.log(`Access-log writes recovered after ${this.failures} failed attempts`);
      if (this.droppedSinceWarning) this.logger.warn(`Dropped ${this.droppedSinceWarning} access-log rows while the buffer was full`);
      this.failures = 0;
      this.droppedSinceWarning = 0;
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    this.timer = setTimeout(async () => {
      await this.flush().catch(() => undefined);
      // Back off while the database is failing: 1×, 2×, 4×… the interval, at most 30 s.
      this.schedule(this.failures ? Math.min(30_000, this.intervalMs * 2 ** Math.min(this.failures, 5)) : this.intervalMs);
    }, delayMs);
    this.timer.unref();
  }

  /** Before the pools close: write everything accepted, retrying for a few seconds if the database hiccups. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const deadline = Date.now() + 5_000;
    while (this.buffered && Date.now() < deadline) {
      await this.flush();
      if (this.buffered) await new Promise((r) => setTimeout(r, 200));
    }
    if (this.buffered) this.logger.error(`Shutdown: ${this.buffered} access-log rows could not be written`);
    if (this.external.enabled) await this.external.flush();
  }
}
