import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface CachedResponse {
  status: number;
  body: string;
  rowCount: number;
}

export interface ResponseCacheStore {
  get(key: string): Promise<CachedResponse | null> | CachedResponse | null;
  set(key: string, value: CachedResponse, ttlSeconds: number): void;
}

/** In-process LRU (Map insertion order) with per-entry expiry. */
export class MemoryResponseCache implements ResponseCacheStore {
  private readonly entries = new Map<string, { expires: number; value: CachedResponse }>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): CachedResponse | null {
    const e = this.entries.get(key);
    if (!e) return null;
    this.entries.delete(key);
    if (e.expires <= Date.now()) return null;
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, value: CachedResponse, ttlSeconds: number): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { expires: Date.now() + ttlSeconds * 1000, value });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** Shared by every instance; a Redis failure is a miss. */
export class RedisResponseCache implements ResponseCacheStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'qg:rc:',
  ) {}

  async get(key: string): Promise<CachedResponse | null> {
    try {
      const raw = await this.redis.get(this.prefix + key);
      return raw ? (JSON.parse(raw) as CachedResponse) : null;
    } catch {
      return null;
    }
  }

  set(key: string, value: CachedResponse, ttlSeconds: number): void {
    this.redis.set(this.prefix + key, JSON.stringify(value), 'EX', ttlSeconds).catch(() => undefined);
  }
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Published version + normalised params (+ client for private APIs) + answer shape. A publish changes the version. */
export function responseCacheKey(versionId: string, params: Record<string, unknown>, clientId: string | null, variant: string): string {
  return createHash('sha1').update(versionId).update('\0').update(stable(params)).update('\0').update(clientId ?? '').update('\0').update(variant).digest('base64url');
}

/** Concurrent identical misses share one computation. */
export class SingleFlight<T> {
  private readonly inflight = new Map<string, Promise<T>>();

  run(key: string, fn: () => Promise<T>): { promise: Promise<T>; leader: boolean } {
    const existing = this.inflight.get(key);
    if (existing) return { promise: existing, leader: false };
    const promise = fn().finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return { promise, leader: true };
  }
}
