import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { degradedAdmission, type Admission, type AdmissionLimiter, type AdmissionRequest } from 'src/common/rate-limit/admission-limiter.js';
import type { SlotLease } from 'src/common/rate-limit/concurrency-limiter.js';
import type { RedisOutage } from 'src/common/rate-limit/redis-outage.js';
import { SlotReleaser } from 'src/common/rate-limit/slot-releaser.js';

/*
 * Admits a batch of calls in queue order, each as if alone: the slot first, then each budget in order; a
 * refusal takes nothing, else the slot is taken and every budget spent before the next call is checked.
 * KEYS: every slot and budget key of the batch, once each. ARGV[1]: leaseMs; then per call: its slot's
 * index in KEYS (0 = none), max, token, the number of budgets n, then n × (key index, limit, periodMs).
 * Returns 5 numbers per call: {-1, 0, 0, 0, 0} when the slot is full; {0, i, 0, resetMs, retryAfterMs}
 * when budget i (1-based) refuses; {1, i, remaining, resetMs, 0} once admitted, i being the budget with
 * the fewest calls left (0 if none). Slots: leases scored by their expiry (expired ones are dropped
 * first), so a crashed instance's slots free themselves after leaseMs. Budgets: GCRA on a stored TAT, as
 * gcra() in rate-limiter.ts. One Redis TIME for the batch; each key is read once and written once.
 */
const ADMIT_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local leaseMs = tonumber(ARGV[1])
local held, taken, tats, spent, out = {}, {}, {}, {}, {}
local a = 2
while a <= #ARGV do
  local slot, max, token, n = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), ARGV[a + 2], tonumber(ARGV[a + 3])
  a = a + 4
  local status, best, bestRemaining, bestReset, retryAfter = 1, 0, 0, 0, 0
  if slot > 0 then
    if not held[slot] then
      redis.call('ZREMRANGEBYSCORE', KEYS[slot], '-inf', now)
      held[slot] = redis.call('ZCARD', KEYS[slot])
    end
    if held[slot] >= max then status = -1 end
  end
  local newTats = {}
  for i = 1, n do
    local k, limit, period = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
    a = a + 3
    if status == 1 then
      local T = period / limit
      local tau = T * (limit - 1)
      if not tats[k] then tats[k] = tonumber(redis.call('GET', KEYS[k]) or now) end
      local tat = tats[k]
      if tat < now then tat = now end
      local allowAt = tat - tau
      if now < allowAt then
        status, best, bestRemaining, bestReset, retryAfter = 0, i, 0, math.ceil(tat - now), math.ceil(allowAt - now)
      else
        local newTat = tat + T
        newTats[k] = newTat
        local remaining = math.floor((now + tau - newTat) / T) + 1
        if remaining < 0 then remaining = 0 end
        if best == 0 or remaining < bestRemaining then best, bestRemaining, bestReset = i, remaining, math.ceil(newTat - now) end
      end
    end
  end
  if status == 1 then
    for k, tat in pairs(newTats) do tats[k], spent[k] = tat, true end
    if slot > 0 then
      held[slot], taken[slot] = held[slot] + 1, true
      redis.call('ZADD', KEYS[slot], now + leaseMs, token)
    end
  end
  local o = #out
  out[o + 1], out[o + 2], out[o + 3], out[o + 4], out[o + 5] = status, best, bestRemaining, bestReset, retryAfter
end
for k in pairs(spent) do
  redis.call('SET', KEYS[k], tostring(tats[k]), 'PX', math.max(1, math.ceil(tats[k] - now)))
end
for k in pairs(taken) do redis.call('PEXPIRE', KEYS[k], leaseMs) end
return out
`;

/** At most this many calls per script call, so that a burst never builds one giant command. */
const MAX_BATCH = 256;

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

interface QueuedAdmission {
  request: AdmissionRequest;
  slotKey: string;
  token: string;
  resolve: (admission: Admission) => void;
}

/**
 * Exact across instances: slots and budgets are checked and taken by one Lua script (Redis time); releases
 * are batched by a SlotReleaser. Keys: `qg:cc:<slot key>` (sorted set, PEXPIRE leaseMs) and
 * `qg:rl:<budget key>` (TAT, PX until it is in the past).
 *
 * The calls admitted during one turn of the event loop share one script call (one EVALSHA), because each
 * Redis command costs ~10-15 µs of Node CPU in ioredis and its own work in Redis. The queue is flushed from
 * a setImmediate, i.e. in the check phase, after the poll phase has run every socket callback that was
 * ready: a microtask or nextTick would run after each callback and batch nothing.
 */
export class RedisAdmissionLimiter implements AdmissionLimiter {
  private readonly redis: RedisWithAdmit;
  private readonly releaser: SlotReleaser;
  private readonly instance = randomUUID().slice(0, 8);
  private seq = 0;
  private queue: QueuedAdmission[] = [];
  private timer: NodeJS.Immediate | null = null;

  constructor(
    redis: Redis,
    private readonly outage: RedisOutage,
    private readonly leaseMs = 120_000,
  ) {
    if (!(redis as unknown as Partial<RedisWithAdmit>).qgAdmit) redis.defineCommand('qgAdmit', { lua: ADMIT_LUA });
    // Admissions and releases are already batched per turn; ioredis's auto-pipelining would hold each batch
    // back one more turn (and build a Pipeline for it). Both go direct, so a release sent before an admission
    // still reaches Redis first.
    const ignored = redis.options.autoPipeliningIgnoredCommands ?? [];
    redis.options.autoPipeliningIgnoredCommands = [...new Set([...ignored, 'qgAdmit', 'zrem'])];
    this.redis = redis as RedisWithAdmit;
    this.releaser = new SlotReleaser(redis);
  }

  admit(request: AdmissionRequest): Admission | Promise<Admission> {
    const { slot } = request;
    if (!slot && request.budgets.length === 0) return { admitted: true, lease: null, rate: null };
    return new Promise((resolve) => {
      this.queue.push({ request, slotKey: slot ? `qg:cc:${slot.key}` : '', token: slot ? `${this.instance}:${++this.seq}` : '', resolve });
      this.timer ??= setImmediate(this.flush);
    });
  }

  private readonly flush = (): void => {
    const queue = this.queue;
    this.queue = [];
    this.timer = null;
    for (let i = 0; i < queue.length; i += MAX_BATCH) void this.send(queue.slice(i, i + MAX_BATCH));
  };

  private async send(batch: QueuedAdmission[]): Promise<void> {
    const keys = new Map<string, number>();
    const index = (key: string): number => {
      let i = keys.get(key);
      if (i === undefined) keys.set(key, (i = keys.size + 1));
      return i;
    };
    const argv: (string | number)[] = [this.leaseMs];
    for (const { request, slotKey, token } of batch) {
      argv.push(request.slot ? index(slotKey) : 0, request.slot?.max ?? 0, token, request.budgets.length);
      for (const b of request.budgets) argv.push(index(`qg:rl:${b.key}`), b.limit, b.periodMs);
    }
    let reply: number[];
    try {
      reply = await this.redis.qgAdmit(keys.size, ...keys.keys(), ...argv);
      this.outage.succeeded();
    } catch (err) {
      this.outage.failed(err);
      for (const queued of batch) queued.resolve(degradedAdmission(queued.request, this.outage.mode));
      return;
    }
    for (let n = 0; n < batch.length; n++) batch[n].resolve(this.answer(batch[n], reply, 5 * n));
  }

  /** Reads the 5 numbers at `at` in the script's reply. */
  private answer({ request, slotKey, token }: QueuedAdmission, reply: number[], at: number): Admission {
    const [status, i, remaining, resetMs, retryAfterMs] = reply.slice(at, at + 5);
    if (status === -1) return { admitted: false, refusedBy: 'slot', degraded: false };
    const budget = request.budgets[i - 1];
    const rate = budget ? { allowed: status === 1, limit: budget.limit, remaining, resetMs, retryAfterMs } : null;
    if (status === 0) return { admitted: false, refusedBy: 'rate', rate: rate! };
    return { admitted: true, lease: request.slot ? new RedisLease(this.releaser, slotKey, token) : null, rate };
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
