import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryAdmissionLimiter, type AdmissionLimiter } from 'src/common/rate-limit/admission-limiter.js';
import { RedisAdmissionLimiter } from 'src/common/rate-limit/redis-admission-limiter.js';
import { RedisOutage } from 'src/common/rate-limit/redis-outage.js';
import { AppConfigService, loadConfig } from 'src/config/app-config.service.js';
import type { CatalogueApi, CatalogueClient } from 'src/gateway/catalogue/runtime-catalogue.js';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { GatewayException } from 'src/gateway/gateway.errors.js';
import { AdmissionStage } from 'src/gateway/stages/admission.stage.js';
import { TEST_REDIS_URL } from 'test/support/databases.js';

const redis = new Redis(TEST_REDIS_URL, { enableAutoPipelining: true });
const config = new AppConfigService(loadConfig({ GATEWAY_MAX_CONCURRENT_PER_CLIENT: '1' }));
const id = () => randomBytes(6).toString('hex');

afterAll(async () => {
  await redis.quit();
});

function api(rateLimitPerMinute: number | null): CatalogueApi {
  return { id: id(), isPublic: false, snapshot: { rateLimitPerMinute } } as unknown as CatalogueApi;
}

function client(limits: { rateLimitPerMinute?: number | null; maxConcurrent?: number | null }): CatalogueClient {
  return { id: id(), rateLimitPerMinute: null, maxConcurrent: null, ...limits } as CatalogueClient;
}

function context(target: CatalogueApi, caller: CatalogueClient | null, ip = '203.0.113.9'): GatewayContext {
  return { api: target, client: caller, ip, slot: null, responseHeaders: {} } as unknown as GatewayContext;
}

/** Runs the stage; returns the refusal's code, or null when admitted. */
async function run(stage: AdmissionStage, ctx: GatewayContext): Promise<string | null> {
  try {
    await stage.run(ctx);
    return null;
  } catch (err) {
    if (err instanceof GatewayException) return err.code;
    throw err;
  }
}

describe.each([
  ['memory', () => new MemoryAdmissionLimiter()],
  ['redis', () => new RedisAdmissionLimiter(redis, new RedisOutage('open'))],
] as const)('%s AdmissionStage', (_name, make: () => AdmissionLimiter) => {
  it('admits a client with a slot and RateLimit headers for the tightest budget', async () => {
    const stage = new AdmissionStage(make(), config);
    const ctx = context(api(10), client({ rateLimitPerMinute: 3, maxConcurrent: 2 }));
    expect(await run(stage, ctx)).toBeNull();
    expect(ctx.slot).not.toBeNull();
    expect(ctx.responseHeaders).toEqual({ 'ratelimit-limit': '3', 'ratelimit-remaining': '2', 'ratelimit-reset': '20' });
    ctx.slot!.release();
  });

  it('answers 429 with the refusing budget in the headers, holding no slot', async () => {
    const stage = new AdmissionStage(make(), config);
    const target = api(2);
    const caller = client({ rateLimitPerMinute: 100, maxConcurrent: 1 });
    for (let i = 0; i < 2; i++) {
      const ok = context(target, caller);
      expect(await run(stage, ok)).toBeNull();
      ok.slot!.release();
      await new Promise((r) => setTimeout(r, 20)); // Redis releases leave in a batch, a moment later
    }
    const refused = context(target, caller);
    expect(await run(stage, refused)).toBe('RATE_LIMITED');
    expect(refused.slot).toBeNull();
    expect(refused.responseHeaders).toMatchObject({ 'ratelimit-limit': '2', 'ratelimit-remaining': '0' });
    expect(Number(refused.responseHeaders['retry-after'])).toBeGreaterThanOrEqual(29);
    // The only slot is free: another API of the same client gets it.
    expect(await run(stage, context(api(null), caller))).toBeNull();
  });

  it('answers 503 without RateLimit headers when the client has every slot, and frees it on release', async () => {
    const stage = new AdmissionStage(make(), config);
    const caller = client({ maxConcurrent: null }); // GATEWAY_MAX_CONCURRENT_PER_CLIENT = 1
    const first = context(api(5), caller);
    expect(await run(stage, first)).toBeNull();
    const second = context(api(5), caller);
    expect(await run(stage, second)).toBe('CONCURRENCY_LIMITED');
    expect(second.responseHeaders).toEqual({});
    first.slot!.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(await run(stage, context(api(5), caller))).toBeNull();
  });

  it('counts anonymous slots per IP in each instance, and returns the slot on a 429', async () => {
    const shared = make();
    const [one, two] = [new AdmissionStage(shared, config), new AdmissionStage(shared, config)];
    const target = api(1);
    const held = context(api(null), null);
    expect(await run(one, held)).toBeNull();
    expect(await run(one, context(api(null), null))).toBe('CONCURRENCY_LIMITED');
    // Another instance (stage) has its own per-IP slots; the API budget is shared.
    const other = context(target, null);
    expect(await run(two, other)).toBeNull();
    other.slot!.release();
    const refused = context(target, null);
    expect(await run(two, refused)).toBe('RATE_LIMITED');
    expect(await run(two, context(api(null), null))).toBeNull();
    held.slot!.release();
    expect(await run(one, context(api(null), null))).toBeNull();
  });
});

describe('AdmissionStage while Redis is unreachable', () => {
  const dead = new Redis({ port: 1, host: '127.0.0.1', maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
  dead.on('error', () => undefined);

  it('fails closed with 503 for a client slot and 429 for a budget alone, open with a no-op slot', async () => {
    const closed = new AdmissionStage(new RedisAdmissionLimiter(dead, new RedisOutage('closed')), config);
    expect(await run(closed, context(api(5), client({ maxConcurrent: 3 })))).toBe('CONCURRENCY_LIMITED');
    const budgetOnly = context(api(5), null);
    expect(await run(closed, budgetOnly)).toBe('RATE_LIMITED');
    expect(budgetOnly.responseHeaders['retry-after']).toBe('1');
    const open = new AdmissionStage(new RedisAdmissionLimiter(dead, new RedisOutage('open')), config);
    const ctx = context(api(5), client({ maxConcurrent: 3, rateLimitPerMinute: 8 }));
    expect(await run(open, ctx)).toBeNull();
    expect(ctx.responseHeaders).toMatchObject({ 'ratelimit-limit': '5', 'ratelimit-remaining': '5' });
    ctx.slot!.release();
    dead.disconnect();
  });
});
