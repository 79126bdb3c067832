import { Logger } from '@nestjs/common';

export type RedisFailureMode = 'open' | 'closed';

/** Logs a Redis outage once when it starts and once when it ends, whichever limiter notices first. */
export class RedisOutage {
  private down = false;
  private readonly logger = new Logger('RateLimit');

  constructor(readonly mode: RedisFailureMode) {}

  failed(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(`Redis unreachable, limits fail ${this.mode}: ${(err as Error)?.message ?? err}`);
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log('Redis reachable again, limits enforced');
  }
}
