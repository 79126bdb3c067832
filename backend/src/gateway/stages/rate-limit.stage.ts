import { Inject, Injectable } from '@nestjs/common';
import type { RateDecision, RateLimiter } from 'src/common/rate-limit/rate-limiter.js';
import { RATE_LIMITER } from 'src/common/rate-limit/rate-limit.module.js';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { GatewayException } from 'src/gateway/gateway.errors.js';
import type { GatewayStage } from 'src/gateway/stages/gateway-stage.js';

const MINUTE = 60_000;

/**
 * Two budgets per minute: the API's `rateLimitPerMinute` per caller (client, or IP on public APIs) and
 * the client's own `rateLimitPerMinute` across all APIs. RateLimit-* headers describe the tighter one;
 * a refusal adds Retry-After.
 */
@Injectable()
export class RateLimitStage implements GatewayStage {
  readonly name = 'rate-limit';
  constructor(@Inject(RATE_LIMITER) private readonly limiter: RateLimiter) {}

  async run(ctx: GatewayContext): Promise<void> {
    const api = ctx.api!;
    let tightest: RateDecision | null = null;
    const apiLimit = api.snapshot.rateLimitPerMinute;
    if (apiLimit && apiLimit > 0) tightest = await this.limiter.hit(`a:${api.id}:${ctx.client?.id ?? ctx.ip}`, apiLimit, MINUTE);
    const clientLimit = ctx.client?.rateLimitPerMinute;
    if (clientLimit && clientLimit > 0 && (!tightest || tightest.allowed)) {
      const d = await this.limiter.hit(`c:${ctx.client!.id}`, clientLimit, MINUTE);
      if (!tightest || !d.allowed || d.remaining < tightest.remaining) tightest = d;
    }
    if (!tightest) return;
    const h = ctx.responseHeaders;
    h['ratelimit-limit'] = String(tightest.limit);
    h['ratelimit-remaining'] = String(tightest.remaining);
    h['ratelimit-reset'] = String(Math.ceil(tightest.resetMs / 1000));
    if (!tightest.allowed) {
      h['retry-after'] = String(Math.max(1, Math.ceil(tightest.retryAfterMs / 1000)));
      throw new GatewayException('RATE_LIMITED', tightest.degraded ? 'limit store unreachable (fail closed)' : 'rate limit exceeded');
    }
  }
}
