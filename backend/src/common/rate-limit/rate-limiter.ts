import type { Redis } from 'ioredis';
import type { RedisOutage } from 'src/common/rate-limit/redis-outage.js';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Further calls allowed right now. */
  remaining: number;
  /** Milliseconds until the window is fully replenished. */
  resetMs: number;
  /** Milliseconds until the next call is allowed (0 when allowed). */
  retryAfterMs: number;
  /** True when Redis was unreachable and the decision is the configured fail-open/closed default. */
  degraded?: boolean;
}

export interface RateLimiter {
  /** Counts one call against `limit` calls per `periodMs` for `key`. */
  hit(key: string, limit: number, periodMs: number): Promise<RateDecision> | RateDecision;
}

/**
 * GCRA (generic cell rate algorithm): one timestamp per key, the theoretical arrival time (TAT). With
 * emission interval T = period / limit and tolerance τ = T·(limit − 1), a burst of exactly `limit` calls
 * passes, then one call per T — a smooth sliding window without per-call entries.
 */
function gcra(tat: number, now: number, limit: number, periodMs: number): { allowed: boolean; newTat: number; decision: RateDecision } {
  const t = periodMs / limit;
  const tau = t * (limit - 1);
  const base = Math.max(tat, now);
  const allowAt = base - tau;
  if (now < allowAt) {
    return { allowed: false, newTat: base, decision: { allowed: false, limit, remaining: 0, resetMs: Math.ceil(base - now), retryAfterMs: Math.ceil(allowAt - now) } };
  }
  const newTat = base + t;
  const remaining = Math.max(0, Math.floor((now + tau - newTat) / t) + 1);
  return { allowed: true, newTat, decision: { allowed: true, limit, remaining, resetMs: Math.ceil(newTat - now), retryAfterMs: 0 } };
}

/** One process (embedded mode). */
export class MemoryRateLimiter implements RateLimiter {
  private readonly tats = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const [k, tat] of this.tats) if (tat < now) this.tats.delete(k);
    }, 60_000);
    this.sweeper.unref();
  }

  hit(key: string, limit: number, periodMs: number): RateDecision {
    const now = Date.now();
    const r = gcra(this.tats.get(key) ?? now, now, limit, periodMs);
    if (r.allowed) this.tats.set(key, r.newTat);
    return r.decision;
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}

const GCRA_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local T = period / limit
local tau = T * (limit - 1)
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local allowAt = tat - tau
if now < allowAt then
  return {0, 0, math.ceil(tat - now), math.ceil(allowAt - now)}
end
local newTat = tat + T
redis.call('SET', KEYS[1], tostring(newTat), 'PX', math.max(1, math.ceil(newTat - now)))
local remaining = math.floor((now + tau - newTat) / T) + 1
if remaining < 0 then remaining = 0 end
return {1, remaining, math.ceil(newTat - now), 0}
`;

type RedisWithGcra = Redis & { qgGcra(key: string, limit: number, periodMs: number): Promise<[number, number, number, number]> };

/** Exact across instances: the whole check-and-update is one Lua script (EVALSHA) using Redis time. */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: RedisWithGcra;

  constructor(
    redis: Redis,
    private readonly outage: RedisOutage,
    private readonly prefix = 'qg:rl:',
  ) {
    if (!(redis as unknown as Partial<RedisWithGcra>).qgGcra) redis.defineCommand('qgGcra', { numberOfKeys: 1, lua: GCRA_LUA });
    this.redis = redis as RedisWithGcra;
  }

  async hit(key: string, limit: number, periodMs: number): Promise<RateDecision> {
    try {
      const [allowed, remaining, resetMs, retryAfterMs] = await this.redis.qgGcra(this.prefix + key, limit, periodMs);
      this.outage.succeeded();
      return { allowed: allowed === 1, limit, remaining, resetMs, retryAfterMs };
    } catch (err) {
      this.outage.failed(err);
      const open = this.outage.mode === 'open';
      return { allowed: open, limit, remaining: open ? limit : 0, resetMs: periodMs, retryAfterMs: open ? 0 : 1000, degraded: true };
    }
  }
}
