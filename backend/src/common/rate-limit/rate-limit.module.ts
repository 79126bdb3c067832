import { Global, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { MemoryAdmissionLimiter } from 'src/common/rate-limit/admission-limiter.js';
import { RedisAdmissionLimiter } from 'src/common/rate-limit/redis-admission-limiter.js';
import { RedisOutage } from 'src/common/rate-limit/redis-outage.js';
import { REDIS } from 'src/common/redis/redis.module.js';
import { AppConfigService } from 'src/config/app-config.service.js';

export const ADMISSION_LIMITER = Symbol('ADMISSION_LIMITER');

/** Concurrency slots and rate budgets: Redis (exact across instances) when REDIS_URL is set, memory otherwise. */
@Global()
@Module({
  providers: [
    {
      provide: ADMISSION_LIMITER,
      inject: [REDIS, AppConfigService],
      useFactory: (redis: Redis | null, config: AppConfigService) =>
        redis ? new RedisAdmissionLimiter(redis, new RedisOutage(config.get('rateLimitRedisFailure'))) : new MemoryAdmissionLimiter(),
    },
  ],
  exports: [ADMISSION_LIMITER],
})
export class RateLimitModule {}
