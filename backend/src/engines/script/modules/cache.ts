import type { Redis } from 'ioredis';
import type { HostHandlers } from 'src/engines/script/sandbox/host-call.js';
import { scriptError } from 'src/engines/script/script.errors.js';

/** Storage behind the script `cache` module. Keys arrive already namespaced; values are JSON text. */
export interface CacheStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Number of keys removed (0 or 1). */
  del(key: string): Promise<number>;
  /** Adds `by` to an integer value (missing = 0) and returns the new value. */
  incrBy(key: string, by: number): Promise<number>;
}

/** Redis store over an ioredis client the app owns (not closed here). */
export class RedisCacheStore implements CacheStore {
  constructor(private readonly redis: Redis) {}

  async get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    if (ttlSeconds) await this.redis.set(key, value, 'EX', ttlSeconds);
    else await this.redis.set(key, value);
  }

  async del(key: string): Promise<number> {
    return this.redis.del(key);
  }

  async incrBy(key: string, by: number): Promise<number> {
    return this.redis.incrby(key, by);
  }
}

/** In-process store for embedded mode: TTLs honoured on read, oldest entries evicted beyond `maxEntries`. */
export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly maxEntries = 10_000) {}

  async get(key: string): Promise<string | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: ttlSeconds ? Date.now() + ttlSeconds * 1000 : Number.POSITIVE_INFINITY });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  async del(key: string): Promise<number> {
    const had = (await this.get(key)) !== null;
    this.entries.delete(key);
    return had ? 1 : 0;
  }

  async incrBy(key: string, by: number): Promise<number> {
    const entry = this.entries.get(key);
    const live = entry && entry.expiresAt > Date.now() ? entry : undefined;
    const current = live ? Number(live.value) : 0;
    if (!Number.isSafeInteger(current)) throw new Error('value is not an integer');
    const next = current + by;
    this.entries.delete(key);
    this.entries.set(key, { value: String(next), expiresAt: live?.expiresAt ?? Number.POSITIVE_INFINITY });
    return next;
  }
}

export interface CacheModuleOptions {
  /** Prefix before the per-API namespace (default `qg:script:`). */
  keyPrefix?: string;
  maxKeyLength?: number;
  maxValueBytes?: number;
  maxTtlSeconds?: number;
}

/**
 * The namespace of one API: `<prefix><encodeURIComponent(apiId)>:<key>`. An encoded id holds no ':', so no
 * key of one API can ever spell a key of another.
 */
export function cacheNamespace(apiId: string, keyPrefix = 'qg:script:'): string {
  return `${keyPrefix}${encodeURIComponent(apiId)}:`;
}

export function cacheHandlers(store: CacheStore, apiId: string, options: CacheModuleOptions = {}): HostHandlers {
  const ns = cacheNamespace(apiId, options.keyPrefix);
  const maxKey = options.maxKeyLength ?? 512;
  const maxValue = options.maxValueBytes ?? 1024 * 1024;
  const maxTtl = options.maxTtlSeconds ?? 30 * 24 * 3600;
  const keyOf = (key: unknown): string => {
    if (typeof key !== 'string' || key.length === 0 || key.length > maxKey) throw scriptError('SCRIPT_FORBIDDEN', `cache: a key is a string of 1..${maxKey} characters`);
    return ns + key;
  };
  const ttlOf = (ttl: unknown): number | undefined => {
    if (ttl === undefined || ttl === null) return undefined;
    if (!Number.isInteger(ttl) || (ttl as number) < 1 || (ttl as number) > maxTtl) throw scriptError('SCRIPT_FORBIDDEN', `cache: ttlSeconds is an integer in 1..${maxTtl}`);
    return ttl as number;
  };
  const amountOf = (by: unknown): number => {
    if (by === undefined) return 1;
    if (!Number.isSafeInteger(by)) throw scriptError('SCRIPT_FORBIDDEN', 'cache: incr/decr take an integer amount');
    return by as number;
  };
  return {
    'cache.get': async ([key]) => {
      const text = await store.get(keyOf(key));
      return text === null ? null : JSON.parse(text);
    },
    'cache.set': async ([key, value, ttl]) => {
      const k = keyOf(key);
      const t = ttlOf(ttl);
      const text = JSON.stringify(value === undefined ? null : value);
      if (Buffer.byteLength(text) > maxValue) throw scriptError('SCRIPT_LIMIT', `cache: a value is at most ${maxValue} bytes of JSON`);
      await store.set(k, text, t);
      return true;
    },
    'cache.del': async ([key]) => (await store.del(keyOf(key))) > 0,
    'cache.incr': async ([key, by, negate]) => {
      const k = keyOf(key);
      const amount = amountOf(by);
      try {
        return await store.incrBy(k, negate === true ? -amount : amount);
      } catch {
        throw scriptError('SCRIPT_ERROR', 'cache: incr/decr need an integer value');
      }
    },
  };
}
