import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { degradedAdmission, type Admission, type AdmissionLimiter, type AdmissionRequest } from 'src/common/rate-limit/admission-limiter.js';
import type { SlotLease } from 'src/common/rate-limit/concurrency-limiter.js';
import type { RedisOutage } from 'src/common/rate-limit/redis-outage.js';
import { SlotReleaser } from 'src/common/rate-limit/slot-releaser.js';

/*
 * KEYS: the slot's sorted set when ARGV[1] (max) > 0, then one key per budget.
 * ARGV: max, leaseMs, token, then limit and period per budget.
 * Returns {-1} when the slot is full; {0, i, 0, resetMs, retryAfterMs} when budget i (1-based) refuses;
 * {1, i, remaining, resetMs, 0} once admitted, i being the budget with the fewest calls left (0 if none).
 * Slots: leases scored by their expiry (expired ones are dropped first), so a crashed instance's slots free
 * themselves after leaseMs. Budgets: GCRA on a stored TAT, as gcra() in rate-limiter.ts. Redis time for all.
 */
const ADMIT_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local max = tonumber(ARGV[1])
local first = 1
if max > 0 then
  first = 2
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  if redis.call('ZCARD', KEYS[1]) >= max then return {-1} end
end
local tats = {}
local best, bestRemaining, bestReset = 0, 0, 0
for k = first, #KEYS do
  local i = k - first + 1
  local limit = tonumber(ARGV[2 + 2 * i])
  local period = tonumber(ARGV[3 + 2 * i])
  local T = period / limit
  local tau = T * (limit - 1)
  local tat = tonumber(redis.call('GET', KEYS[k]) or now)
  if tat < now then tat = now end
  local allowAt = tat - tau
  if now < allowAt then
    return {0, i, 0, math.ceil(tat - now), math.ceil(allowAt - now)}
  end
  local newTat = tat + T
  tats[k] = newTat
  local remaining = math.floor((now + tau - newTat) / T) + 1
  if remaining < 0 then remaining = 0 end
  if best == 0 or remaining < bestRemaining then best, bestRemaining, bestReset = i, remaining, math.ceil(newTat - now) end
end
for k = first, #KEYS do
  redis.call('SET', KEYS[k], tostring(tats[k]), 'PX', math.max(1, math.ceil(tats[k] - now)))
end
if max > 0 then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
end
return {1, best, bestRemaining, bestReset, 0}
`;

type RedisWithAdmit = Redis & { qgAdmit(...args: (string | number)[]): Promise<number[]> };

class RedisLease implements SlotLease {
  private released = false;
  constructor(
    private readonly releaser: SlotReleaser,
    private readonly key: string,
    private readonly token: string,
  ) {}

  release(): void {
    if (this.released) return;
    this.released = true;
    this.releaser.release(this.key, this.token);
  }
}

/**
 * Exact across instances: slot and budgets are checked and taken by one Lua script (one EVALSHA, Redis
 * time); releases are batched by a SlotReleaser. Keys: `qg:cc:<slot key>` (sorted set, PEXPIRE leaseMs)
 * and `qg:rl:<budget key>` (TAT, PX until it is in the past).
 */
export class RedisAdmissionLimiter implements AdmissionLimiter {
  private readonly redis: RedisWithAdmit;
  private readonly releaser: SlotReleaser;
  private readonly instance = randomUUID().slice(0, 8);
  private seq = 0;

  constructor(
    redis: Redis,
    private readonly outage: RedisOutage,
    private readonly leaseMs = 120_000,
  ) {
    if (!(redis as unknown as Partial<RedisWithAdmit>).qgAdmit) redis.defineCommand('qgAdmit', { lua: ADMIT_LUA });
    this.redis = redis as RedisWithAdmit;
    this.releaser = new SlotReleaser(redis);
  }

  async admit(request: AdmissionRequest): Promise<Admission> {
    const { slot, budgets } = request;
    if (!slot && budgets.length === 0) return { admitted: true, lease: null, rate: null };
    const slotKey = slot ? `qg:cc:${slot.key}` : '';
    const token = slot ? `${this.instance}:${++this.seq}` : '';
    const args: (string | number)[] = [budgets.length + (slot ? 1 : 0)];
    if (slot) args.push(slotKey);
    for (const b of budgets) args.push(`qg:rl:${b.key}`);
    args.push(slot?.max ?? 0, this.leaseMs, token);
    for (const b of budgets) args.push(b.limit, b.periodMs);
    let reply: number[];
    try {
      reply = await this.redis.qgAdmit(...args);
      this.outage.succeeded();
    } catch (err) {
      this.outage.failed(err);
      return degradedAdmission(request, this.outage.mode);
    }
    const [status, i, remaining, resetMs, retryAfterMs] = reply;
    if (status === -1) return { admitted: false, refusedBy: 'slot', degraded: false };
    const budget = budgets[i - 1];
    const rate = budget ? { allowed: status === 1, limit: budget.limit, remaining, resetMs, retryAfterMs } : null;
    if (status === 0) return { admitted: false, refusedBy: 'rate', rate: rate! };
    return { admitted: true, lease: slot ? new RedisLease(this.releaser, slotKey, token) : null, rate };
  }

  /**
   * Sends the releases still batched and waits for them. Runs after the HTTP server has drained and before
   * RedisModule quits the connection: Nest runs the shutdown hooks of global modules in reverse registration
   * order, and AppModule registers RedisModule before GatewayModule brings in RateLimitModule.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.releaser.flush();
  }
}
