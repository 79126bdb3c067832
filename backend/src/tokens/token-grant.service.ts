import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import { ClientCredentialsService } from 'src/clients/client-credentials.service.js';
import { REDIS } from 'src/common/redis/redis.module.js';
import { FailureCounter } from 'src/common/throttle/failure-counter.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import { MetricsService } from 'src/metrics/metrics.service.js';
import { TokenService, type IssuedToken } from 'src/tokens/token.service.js';

const WINDOW_SECONDS = 60;
const MAX_CLIENT_ID_LENGTH = 64;
const MAX_SECRET_LENGTH = 256;

/** Why a token request was refused; each endpoint renders it in its own error format. */
export type GrantRefusal = { kind: 'invalid_client' } | { kind: 'throttled'; retryAfterSeconds: number };

export class GrantRefused extends Error {
  constructor(readonly refusal: GrantRefusal) {
    super(refusal.kind);
  }
}

/**
 * The client-credentials grant shared by `/token` and the pyDBAPI-compatible endpoints: throttles failed
 * attempts per IP and per client id (Redis when configured), checks the credentials, issues a token.
 * Secrets and tokens are never logged.
 */
@Injectable()
export class TokenGrantService {
  private readonly failures: FailureCounter;
  private readonly maxPerIp: number;
  private readonly maxPerClient: number;
  private readonly outcomes: Counter<'outcome'>;
  private readonly logger = new Logger('TokenGrant');
  private lastCounterWarning = 0;

  constructor(
    private readonly credentials: ClientCredentialsService,
    private readonly tokens: TokenService,
    config: AppConfigService,
    metrics: MetricsService,
    @Inject(REDIS) redis: Redis | null,
  ) {
    this.outcomes = new Counter({
      name: 'querygate_token_requests_total',
      help: 'Gateway token requests by outcome (issued, invalid_client, throttled)',
      labelNames: ['outcome'] as const,
      registers: [metrics.registry],
    });
    this.failures = new FailureCounter(redis, WINDOW_SECONDS, 'qg:token-fail:');
    this.maxPerIp = config.get('tokenMaxFailuresPerIp');
    this.maxPerClient = config.get('tokenMaxFailuresPerClient');
  }

  async grant(clientId: string, secret: string, ip: string): Promise<IssuedToken> {
    const ipKey = `ip:${ip}`;
    const clientKey = clientId.length <= MAX_CLIENT_ID_LENGTH ? `client:${clientId}` : null;
    const [byIp, byClient] = await Promise.all([this.peek(ipKey), clientKey ? this.peek(clientKey) : null]);
    const blocked = byIp.count >= this.maxPerIp ? byIp : byClient && byClient.count >= this.maxPerClient ? byClient : null;
    if (blocked) {
      this.outcomes.inc({ outcome: 'throttled' });
      throw new GrantRefused({ kind: 'throttled', retryAfterSeconds: blocked.retryAfterSeconds });
    }

    const client = clientKey && secret.length <= MAX_SECRET_LENGTH ? await this.credentials.verify(clientId, secret) : null;
    if (!client) {
      this.outcomes.inc({ outcome: 'invalid_client' });
      await Promise.all([this.hit(ipKey), clientKey ? this.hit(clientKey) : null]);
      throw new GrantRefused({ kind: 'invalid_client' });
    }
    this.outcomes.inc({ outcome: 'issued' });
    return this.tokens.issue(client);
  }

  /** Counter errors (Redis unreachable) fail open: the token endpoint stays up, the outage is logged once. */
  private async peek(key: string): Promise<{ count: number; retryAfterSeconds: number }> {
    try {
      return await this.failures.peek(key);
    } catch (e) {
      this.counterFailed(e);
      return { count: 0, retryAfterSeconds: 0 };
    }
  }

  private async hit(key: string): Promise<void> {
    try {
      await this.failures.hit(key);
    } catch (e) {
      this.counterFailed(e);
    }
  }

  private counterFailed(e: unknown): void {
    const now = Date.now();
    if (now - this.lastCounterWarning > 60_000) this.logger.warn(`Token throttle counters unavailable, not throttling: ${e instanceof Error ? e.message : String(e)}`);
    this.lastCounterWarning = now;
  }
}
