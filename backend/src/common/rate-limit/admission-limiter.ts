import { MemoryConcurrencyLimiter, NOOP_LEASE, type SlotLease } from 'src/common/rate-limit/concurrency-limiter.js';
import { MemoryRateLimiter, type RateDecision } from 'src/common/rate-limit/rate-limiter.js';
import type { RedisFailureMode } from 'src/common/rate-limit/redis-outage.js';

/** `limit` calls per `periodMs` on `key` (GCRA). */
export interface Budget {
  key: string;
  limit: number;
  periodMs: number;
}

export interface AdmissionRequest {
  /** One of `max` slots of `key`, held until the lease is released; null = no concurrency limit. */
  slot: { key: string; max: number } | null;
  /** Checked in this order; the first that refuses decides the Retry-After. */
  budgets: readonly Budget[];
}

/**
 * Admitted: `rate` is the budget with the fewest calls left (the first on a tie), null without budgets.
 * Refused by a budget: `rate` is the first budget that refused. `degraded`: Redis unreachable, failing closed.
 */
export type Admission =
  | { admitted: true; lease: SlotLease | null; rate: RateDecision | null }
  | { admitted: false; refusedBy: 'slot'; degraded: boolean }
  | { admitted: false; refusedBy: 'rate'; rate: RateDecision };

/**
 * Admits one call atomically: the slot is checked first, then each budget in order; a refusal takes no slot
 * and spends no budget; otherwise the slot is taken and every budget spent.
 */
export interface AdmissionLimiter {
  admit(request: AdmissionRequest): Admission | Promise<Admission>;
}

/**
 * The configured answer while Redis is unreachable. Open: the call passes with a no-op slot and full budgets.
 * Closed: refused by the slot when one was asked (503), else by the first budget (429, retry in 1 s).
 */
export function degradedAdmission(request: AdmissionRequest, mode: RedisFailureMode): Admission {
  if (mode === 'open') {
    let rate: RateDecision | null = null;
    for (const b of request.budgets) {
      if (!rate || b.limit < rate.remaining) rate = { allowed: true, limit: b.limit, remaining: b.limit, resetMs: b.periodMs, retryAfterMs: 0, degraded: true };
    }
    return { admitted: true, lease: request.slot ? NOOP_LEASE : null, rate };
  }
  if (request.slot || request.budgets.length === 0) return { admitted: false, refusedBy: 'slot', degraded: true };
  const b = request.budgets[0];
  return { admitted: false, refusedBy: 'rate', rate: { allowed: false, limit: b.limit, remaining: 0, resetMs: b.periodMs, retryAfterMs: 1000, degraded: true } };
}

/** One process (embedded mode): the same checks against in-process counters; atomic because synchronous. */
export class MemoryAdmissionLimiter implements AdmissionLimiter {
  private readonly slots = new MemoryConcurrencyLimiter();
  private readonly rates = new MemoryRateLimiter();

  admit(request: AdmissionRequest): Admission {
    const lease = request.slot ? this.slots.acquire(request.slot.key, request.slot.max) : null;
    if (request.slot && !lease) return { admitted: false, refusedBy: 'slot', degraded: false };
    const now = Date.now();
    const tats: number[] = [];
    let tightest: RateDecision | null = null;
    for (const b of request.budgets) {
      const { newTat, decision } = this.rates.check(b.key, b.limit, b.periodMs, now);
      if (!decision.allowed) {
        lease?.release();
        return { admitted: false, refusedBy: 'rate', rate: decision };
      }
      tats.push(newTat);
      if (!tightest || decision.remaining < tightest.remaining) tightest = decision;
    }
    for (let i = 0; i < tats.length; i++) this.rates.spend(request.budgets[i].key, tats[i]);
    return { admitted: true, lease, rate: tightest };
  }

  onApplicationShutdown(): void {
    this.rates.close();
  }
}
