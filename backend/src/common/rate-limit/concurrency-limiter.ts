import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RedisOutage } from 'src/common/rate-limit/redis-outage.js';

/** A held slot; `release()` is idempotent. */
export interface SlotLease {
  release(): void;
}

export type SlotResult = { acquired: true; lease: SlotLease } | { acquired: false; degraded?: boolean };

export interface ConcurrencyLimiter {
  acquire(key: string, max: number): Promise<SlotResult> | SlotResult;
}

const NOOP: SlotLease = { release() {} };

/** One process (embedded mode): a counter per key. */
export class MemoryConcurrencyLimiter implements ConcurrencyLimiter {
  private readonly counts = new Map<string, number>();

  acquire(key: string, max: number): SlotResult {
    const n = this.counts.get(key) ?? 0;
    if (n >= max) return { acquired: false };
    this.counts.set(key, n + 1);
    let released = false;
    return {
      acquired: true,
      lease: {
        release: () => {
          if (released) return;
          released = true;
          const left = (this.counts.get(key) ?? 1) - 1;
          if (left <= 0) this.counts.delete(key);
          else this.counts.set(key, left);
        },
      },
    };
  }
}

const ACQUIRE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
`;

type RedisWithSlots = Redis & { qgSlotAcquire(key: string, max: number, leaseMs: number, token: string): Promise<number> };

/**
 * Slots as a sorted set of leases scored by their expiry: a crashed instance's slots expire after
 * `leaseMs` instead of leaking. Acquire is one Lua script; release removes the lease.
 */
export class RedisConcurrencyLimiter implements ConcurrencyLimiter {
  private readonly redis: RedisWithSlots;
  private readonly instance = randomUUID().slice(0, 8);
  private seq = 0;

  constructor(
    redis: Redis,
    private readonly outage: RedisOutage,
    private readonly leaseMs = 120_000,
    private readonly prefix = 'qg:cc:',
  ) {
    if (!(redis as unknown as Partial<RedisWithSlots>).qgSlotAcquire) redis.defineCommand('qgSlotAcquire', { numberOfKeys: 1, lua: ACQUIRE_LUA });
    this.redis = redis as RedisWithSlots;
  }

  async acquire(key: string, max: number): Promise<SlotResult> {
    const redisKey = this.prefix + key;
    const token = `${this.instance}:${++this.seq}`;
    try {
      const ok = await this.redis.qgSlotAcquire(redisKey, max, this.leaseMs, token);
      this.outage.succeeded();
      if (ok !== 1) return { acquired: false };
    } catch (err) {
      this.outage.failed(err);
      return this.outage.mode === 'open' ? { acquired: true, lease: NOOP } : { acquired: false, degraded: true };
    }
    let released = false;
    return {
      acquired: true,
      lease: {
        release: () => {
          if (released) return;
          released = true;
          this.redis.zrem(redisKey, token).catch(() => undefined);
        },
      },
    };
  }
}
