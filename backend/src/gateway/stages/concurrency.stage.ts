import { Inject, Injectable } from '@nestjs/common';
import { MemoryConcurrencyLimiter, type ConcurrencyLimiter } from 'src/common/rate-limit/concurrency-limiter.js';
import { CONCURRENCY_LIMITER } from 'src/common/rate-limit/rate-limit.module.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { GatewayException } from 'src/gateway/gateway.errors.js';
import type { GatewayStage } from 'src/gateway/stages/gateway-stage.js';

/**
 * A slot per client (per IP on public APIs): the client's max_concurrent, else the default → else 503.
 * Client slots are shared across instances (Redis when configured); anonymous per-IP slots are counted per
 * instance, so the public path makes no Redis round trip.
 */
@Injectable()
export class ConcurrencyStage implements GatewayStage {
  readonly name = 'concurrency';
  private readonly defaultMax: number;
  private readonly perInstance = new MemoryConcurrencyLimiter();

  constructor(
    @Inject(CONCURRENCY_LIMITER) private readonly limiter: ConcurrencyLimiter,
    config: AppConfigService,
  ) {
    this.defaultMax = config.get('gatewayMaxConcurrentPerClient');
  }

  async run(ctx: GatewayContext): Promise<void> {
    const max = ctx.client?.maxConcurrent ?? this.defaultMax;
    if (!max || max <= 0) return;
    const pending = ctx.client ? this.limiter.acquire(`c:${ctx.client.id}`, max) : this.perInstance.acquire(`ip:${ctx.ip}`, max);
    const result = pending instanceof Promise ? await pending : pending;
    if (!result.acquired) throw new GatewayException('CONCURRENCY_LIMITED', result.degraded ? 'limit store unreachable (fail closed)' : `more than ${max} calls in flight`);
    ctx.slot = result.lease;
  }
}
