import { Inject, Injectable } from '@nestjs/common';
import type { Admission, AdmissionLimiter, Budget } from 'src/common/rate-limit/admission-limiter.js';
import { MemoryConcurrencyLimiter, type SlotLease } from 'src/common/rate-limit/concurrency-limiter.js';
import { ADMISSION_LIMITER } from 'src/common/rate-limit/rate-limit.module.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { GatewayException } from 'src/gateway/gateway.errors.js';
import type { GatewayStage } from 'src/gateway/stages/gateway-stage.js';

const MINUTE = 60_000;

/**
 * May this caller start one more call now? Checked in this order, and nothing is taken unless all pass:
 * 1. a concurrency slot: the client's `maxConcurrent` (else GATEWAY_MAX_CONCURRENT_PER_CLIENT) across
 *    instances; on public APIs, per IP and per instance → else 503 CONCURRENCY_LIMITED;
 * 2. the API's `rateLimitPerMinute` per caller (client, or IP on public APIs) → else 429 RATE_LIMITED;
 * 3. the client's own `rateLimitPerMinute` across all APIs → else 429 RATE_LIMITED.
 * Then the slot is held in `ctx.slot` (released by the route once the answer is sent) and the budgets are
 * spent. For a client that is one atomic Redis script (memory in embedded mode); the anonymous per-IP slot
 * is counted in this process, so a public call touches Redis only for an API budget. RateLimit-* headers
 * describe the budget with the fewest calls left; a refusal adds the refusing budget's Retry-After.
 */
@Injectable()
export class AdmissionStage implements GatewayStage {
  readonly name = 'admission';
  private readonly defaultMax: number;
  private readonly perInstance = new MemoryConcurrencyLimiter();

  constructor(
    @Inject(ADMISSION_LIMITER) private readonly limiter: AdmissionLimiter,
    config: AppConfigService,
  ) {
    this.defaultMax = config.get('gatewayMaxConcurrentPerClient');
  }

  /** Synchronous unless Redis is asked: a public call without an API budget never makes a promise. */
  run(ctx: GatewayContext): void | Promise<void> {
    const client = ctx.client;
    const max = client?.maxConcurrent ?? this.defaultMax;
    const budgets: Budget[] = [];
    const apiLimit = ctx.api!.snapshot.rateLimitPerMinute;
    if (apiLimit && apiLimit > 0) budgets.push({ key: `a:${ctx.api!.id}:${client?.id ?? ctx.ip}`, limit: apiLimit, periodMs: MINUTE });
    if (client?.rateLimitPerMinute && client.rateLimitPerMinute > 0) budgets.push({ key: `c:${client.id}`, limit: client.rateLimitPerMinute, periodMs: MINUTE });

    if (client) {
      const pending = this.limiter.admit({ slot: max > 0 ? { key: `c:${client.id}`, max } : null, budgets });
      if (pending instanceof Promise) return pending.then((admission) => this.admitClient(ctx, admission, max));
      this.admitClient(ctx, pending, max);
      return;
    }
    const lease = max > 0 ? this.perInstance.acquire(`ip:${ctx.ip}`, max) : null;
    if (max > 0 && !lease) throw new GatewayException('CONCURRENCY_LIMITED', `more than ${max} calls in flight`);
    if (budgets.length === 0) {
      ctx.slot = lease;
      return;
    }
    const pending = this.limiter.admit({ slot: null, budgets });
    if (pending instanceof Promise) return pending.then((admission) => this.admitAnonymous(ctx, admission, lease, max));
    this.admitAnonymous(ctx, pending, lease, max);
  }

  private admitClient(ctx: GatewayContext, admission: Admission, max: number): void {
    this.check(ctx, admission, max);
    if (admission.admitted) ctx.slot = admission.lease;
  }

  private admitAnonymous(ctx: GatewayContext, admission: Admission, lease: SlotLease | null, max: number): void {
    if (!admission.admitted) lease?.release();
    this.check(ctx, admission, max);
    ctx.slot = lease;
  }

  /** Sets the RateLimit-* headers; throws on a refusal. */
  private check(ctx: GatewayContext, admission: Admission, max: number): void {
    if (!admission.admitted && admission.refusedBy === 'slot') {
      throw new GatewayException('CONCURRENCY_LIMITED', admission.degraded ? 'limit store unreachable (fail closed)' : `more than ${max} calls in flight`);
    }
    const rate = admission.rate;
    if (rate) {
      const h = ctx.responseHeaders;
      h['ratelimit-limit'] = String(rate.limit);
      h['ratelimit-remaining'] = String(rate.remaining);
      h['ratelimit-reset'] = String(Math.ceil(rate.resetMs / 1000));
    }
    if (!admission.admitted) {
      ctx.responseHeaders['retry-after'] = String(Math.max(1, Math.ceil(admission.rate.retryAfterMs / 1000)));
      throw new GatewayException('RATE_LIMITED', admission.rate.degraded ? 'limit store unreachable (fail closed)' : 'rate limit exceeded');
    }
  }
}
