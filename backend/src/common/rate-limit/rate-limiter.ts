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

/**
 * GCRA (generic cell rate algorithm): one timestamp per key, the theoretical arrival time (TAT). With
 * emission interval T = period / limit and tolerance τ = T·(limit − 1), a burst of exactly `limit` calls
 * passes, then one call per T — a smooth sliding window without per-call entries. `newTat` is what an
 * allowed call stores; a refused call stores nothing. The Redis script in redis-admission-limiter.ts is
 * the same computation.
 */
export function gcra(tat: number, now: number, limit: number, periodMs: number): { newTat: number; decision: RateDecision } {
  const t = periodMs / limit;
  const tau = t * (limit - 1);
  const base = Math.max(tat, now);
  const allowAt = base - tau;
  if (now < allowAt) {
    return { newTat: base, decision: { allowed: false, limit, remaining: 0, resetMs: Math.ceil(base - now), retryAfterMs: Math.ceil(allowAt - now) } };
  }
  const newTat = base + t;
  const remaining = Math.max(0, Math.floor((now + tau - newTat) / t) + 1);
  return { newTat, decision: { allowed: true, limit, remaining, resetMs: Math.ceil(newTat - now), retryAfterMs: 0 } };
}

/** The TATs of one process (embedded mode); expired ones are swept once a minute. */
export class MemoryRateLimiter {
  private readonly tats = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const [k, tat] of this.tats) if (tat < now) this.tats.delete(k);
    }, 60_000);
    this.sweeper.unref();
  }

  /** What one more call on `key` would get; spends nothing (see `spend`). */
  check(key: string, limit: number, periodMs: number, now: number): { newTat: number; decision: RateDecision } {
    return gcra(this.tats.get(key) ?? now, now, limit, periodMs);
  }

  spend(key: string, newTat: number): void {
    this.tats.set(key, newTat);
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
