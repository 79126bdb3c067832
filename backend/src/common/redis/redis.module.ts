import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfigService } from 'src/config/app-config.service.js';

/** The shared ioredis client, or null when REDIS_URL is unset (embedded mode keeps state in memory). */
export const REDIS = Symbol('REDIS');

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfigService],
      useFactory: (config: AppConfigService): Redis | null => {
        const url = config.get('redisUrl');
        if (!url) return null;
        const logger = new Logger('Redis');
        // Auto-pipelining sends the commands of concurrent requests (rate limits, slots, throttles) in one write.
        const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false, enableAutoPipelining: true });
        let down = false;
        redis.on('error', (err) => {
          if (!down) logger.warn(`Redis unreachable: ${err.message}`);
          down = true;
        });
        redis.on('ready', () => {
          if (down) logger.log('Redis reachable again');
          down = false;
        });
        return redis;
      },
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
