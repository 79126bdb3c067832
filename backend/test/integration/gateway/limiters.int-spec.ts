import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryConcurrencyLimiter, RedisConcurrencyLimiter } from 'src/common/rate-limit/concurrency-limiter.js';
import { MemoryRateLimiter, RedisRateLimiter } from 'src/common/rate-limit/rate-limiter.js';
import { RedisOutage } from 'src/common/rate-limit/redis-outage.js';
import { TEST_REDIS_URL } from 'test/support/databases.js';

const redis = new Redis(TEST_REDIS_URL);
// Nothing listens on port 1: every command fails fast.
const dead = new Redis({ port: 1, host: '127.0.0.1', maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
dead.on('error', () => undefined);
const key = () => `test:${randomBytes(6).toString('hex')}`;

afterAll(async () => {
  await redis.quit();
  dead.disconnect();
});

describe.each([
  ['memory', () => new MemoryRateLimiter()],
  ['redis', () => new RedisRateLimiter(redis, new RedisOutage('open'))],
] as const)('%s rate limiter', (_name, make) => {
  it('allows exactly N calls per period, then refuses with a retry delay', async () => {
    const limiter = make();
    const k = key();
    const decisions = [];
    for (let i = 0; i < 7; i++) decisions.push(await limiter.hit(k, 5, 60_000));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    expect(decisions[5].retryAfterMs).toBeGreaterThan(10_000);
    expect(decisions[5].retryAfterMs).toBeLessThanOrEqual(12_000);
    expect((await limiter.hit(key(), 5, 60_000)).allowed).toBe(true);
  });

  it('lets one more call through after one emission interval', async () => {
    const limiter = make();
    const k = key();
    for (let i = 0; i < 2; i++) await limiter.hit(k, 2, 400);
    expect((await limiter.hit(k, 2, 400)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 260));
    expect((await limiter.hit(k, 2, 400)).allowed).toBe(true);
  });
});

describe.each([
  ['memory', () => new MemoryConcurrencyLimiter()],
  ['redis', () => new RedisConcurrencyLimiter(redis, new RedisOutage('open'))],
] as const)('%s concurrency limiter', (_name, make) => {
  it('holds max slots per key and frees one on release (idempotent)', async () => {
    const limiter = make();
    const k = key();
    const a = await limiter.acquire(k, 2);
    const b = await limiter.acquire(k, 2);
    expect([a.acquired, b.acquired]).toEqual([true, true]);
    expect((await limiter.acquire(k, 2)).acquired).toBe(false);
    expect((await limiter.acquire(key(), 2)).acquired).toBe(true);
    if (a.acquired) {
      a.lease.release();
      a.lease.release();
    }
    await new Promise((r) => setTimeout(r, 20));
    expect((await limiter.acquire(k, 2)).acquired).toBe(true);
    expect((await limiter.acquire(k, 2)).acquired).toBe(false);
  });
});

describe('Redis slots and outages', () => {
  it('a slot held by a vanished instance expires with its lease', async () => {
    const limiter = new RedisConcurrencyLimiter(redis, new RedisOutage('open'), 300);
    const k = key();
    expect((await limiter.acquire(k, 1)).acquired).toBe(true); // never released
    expect((await limiter.acquire(k, 1)).acquired).toBe(false);
    await new Promise((r) => setTimeout(r, 350));
    expect((await limiter.acquire(k, 1)).acquired).toBe(true);
  });

  it('fails open or closed as configured when Redis is unreachable', async () => {
    const open = new RedisOutage('open');
    const closed = new RedisOutage('closed');
    expect(await new RedisRateLimiter(dead, open).hit(key(), 1, 60_000)).toMatchObject({ allowed: true, degraded: true });
    expect(await new RedisRateLimiter(dead, closed).hit(key(), 1, 60_000)).toMatchObject({ allowed: false, degraded: true });
    expect((await new RedisConcurrencyLimiter(dead, open).acquire(key(), 1)).acquired).toBe(true);
    expect(await new RedisConcurrencyLimiter(dead, closed).acquire(key(), 1)).toEqual({ acquired: false, degraded: true });
  });
});
