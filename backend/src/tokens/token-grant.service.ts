import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ClientCredentialsService } from 'src/clients/client-credentials.service.js';
import { REDIS } from 'src/common/redis/redis.module.js';
import { FailureCounter } from 'src/common/throttle/failure-counter.js';
import { AppConfigService } from 'src/config/app-config.service.js';
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

  constructor(
    private readonly credentials: ClientCredentialsService,
    private readonly tokens: TokenService,
    config: AppConfigService,
    @Inject(REDIS) redis: Redis | null,
  ) {
    this.failures = new FailureCounter(redis, WINDOW_SECONDS, 'qg:token-fail:');
    this.maxPerIp = config.get('tokenMaxFailuresPerIp');
    this.maxPerClient = config.get('tokenMaxFailuresPerClient');
  }

  async grant(clientId: string, secret: string, ip: string): Promise<IssuedToken> {
    const ipKey = `ip:${ip}`;
    const clientKey = clientId.length <= MAX_CLIENT_ID_LENGTH ? `client:${clientId}` : null;
    const [byIp, byClient] = await Promise.all([this.failures.peek(ipKey), clientKey ? this.failures.peek(clientKey) : null]);
    const blocked = byIp.count >= this.maxPerIp ? byIp : byClient && byClient.count >= this.maxPerClient ? byClient : null;
    if (blocked) throw new GrantRefused({ kind: 'throttled', retryAfterSeconds: blocked.retryAfterSeconds });

    const client = clientKey && secret.length <= MAX_SECRET_LENGTH ? await this.credentials.verify(clientId, secret) : null;
    if (!client) {
      await Promise.all([this.failures.hit(ipKey), clientKey ? this.failures.hit(clientKey) : null]);
      throw new GrantRefused({ kind: 'invalid_client' });
    }
    return this.tokens.issue(client);
  }
}
