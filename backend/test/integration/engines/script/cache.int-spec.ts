import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppException } from 'src/common/errors/app-exception.js';
import { cacheNamespace, MemoryCacheStore, RedisCacheStore, type CacheStore } from 'src/engines/script/modules/cache.js';
import { ScriptEngine } from 'src/engines/script/script.engine.js';
import { TEST_REDIS_URL, uniqueName } from 'test/support/databases.js';

const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
const prefix = `${uniqueName('qgtest')}:`;

const stores: { name: string; store: () => CacheStore }[] = [
  { name: 'redis', store: () => new RedisCacheStore(redis) },
  { name: 'memory', store: () => new MemoryCacheStore() },
];

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe.each(stores)('ScriptEngine cache module on $name', ({ name, store }) => {
  let engine: ScriptEngine;
  let n = 0;
  const run = (script: string, apiId = 'api-1') => engine.run({ key: `c-${name}-${++n}`, script, apiId }).then((r) => r.envelope.data);

  beforeAll(async () => {
    if (redis.status === 'wait') await redis.connect();
    engine = new ScriptEngine({ poolSize: 1, cache: store(), cacheOptions: { keyPrefix: prefix } });
  });

  afterAll(async () => {
    await engine.close();
  });

  it('should set, get and delete JSON values', async () => {
    expect(await run("await cache.set('user', { id: 1, tags: ['a'] }); return await cache.get('user')")).toEqual([{ id: 1, tags: ['a'] }]);
    expect(await run("return [await cache.del('user'), await cache.get('user'), await cache.del('user')]")).toEqual([true, null, false]);
  });

  it('should count with incr and decr, from a missing key or a number set before', async () => {
    expect(await run("return [await cache.incr('hits'), await cache.incr('hits', 5), await cache.decr('hits'), await cache.decr('hits', 2)]")).toEqual([1, 6, 5, 3]);
    expect(await run("await cache.set('n', 10); return await cache.incr('n', 2)")).toEqual([12]);
    const error = await engine.run({ key: 'bad-incr', script: "await cache.set('s', 'text'); return await cache.incr('s')", apiId: 'api-1' }).catch((e: AppException) => e);
    expect((error as AppException).code).toBe('SCRIPT_ERROR');
  });

  it('should expire values after their TTL', async () => {
    await run("await cache.set('short', 'v', 1); return true");
    expect(await run("return await cache.get('short')")).toEqual(['v']);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await run("return await cache.get('short')")).toEqual([]);
  });

  it("should keep each API's keys in its own namespace", async () => {
    await run("await cache.set('shared', 'from-1'); return true", 'api-1');
    expect(await run("return await cache.get('shared')", 'api-2')).toEqual([]);
    expect(await run("return await cache.get('shared')", 'api-1')).toEqual(['from-1']);
    if (name === 'redis') {
      expect(await redis.get(`${cacheNamespace('api-1', prefix)}shared`)).toBe('"from-1"');
      expect(await redis.ttl(`${cacheNamespace('api-1', prefix)}shared`)).toBe(-1);
    }
  });

  it('should refuse bad keys, TTLs and oversized values', async () => {
    for (const script of ["await cache.get('')", "await cache.set('k', 1, -5)", "await cache.set('k', 'x'.repeat(2 * 1024 * 1024))", 'await cache.get({})']) {
      const error = await engine.run({ key: script, script, apiId: 'api-1' }).catch((e: AppException) => e);
      expect([script, (error as AppException).code]).toEqual([script, expect.stringMatching(/SCRIPT_FORBIDDEN|SCRIPT_LIMIT/)]);
    }
  });
});
