import { Global, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { MemoryConcurrencyLimiter, RedisConcurrencyLimiter } from 'src/common/rate-limit/concurrency-limiter.js';
import { MemoryRateLimiter, RedisRateLimiter } from 'src/common/rate-limit/rate-limiter.js';
import { RedisOutage } from 'src/common/rate-limit/redis-outage.js';
import { REDIS } from 'src/common/redis/redis.module.js';
import { AppConfigService } from 'src/config/app-config.service.js';

export const RATE_LIMITER = Symbol('RATE_LIMITER');
export const CONCURRENCY_LIMITER = Symbol('CONCURRENCY_LIMITER');
const OUTAGE = Symbol('REDIS_OUTAGE');

/** Rate and concurrency limiters: Redis (exact across instances) when REDIS_URL is set, memory otherwise. */
@Global()
@Module({
  providers: [
    { provide: OUTAGE, inject: [AppConfigService], useFactory: (config: AppConfigService) => new RedisOutage(config.get('rateLimitRedisFailure')) },
    {
      provide: RATE_LIMITER,
      inject: [REDIS, OUTAGE],
      useFactory: (redis: Redis | null, outage: RedisOutage) => (redis ? new RedisRateLimiter(redis, outage) : new MemoryRateLimiter()),
    },
    {
      provide: CONCURRENCY_LIMITER,
      inject: [REDIS, OUTAGE],
      useFactory: (redis: Redis | null, outage: RedisOutage) => (redis ? new RedisConcurrencyLimiter(redis, outage) : new MemoryConcurrencyLimiter()),
    },
  ],
  exports: [RATE_LIMITER, CONCURRENCY_LIMITER],
})
export class RateLimitModule {}
