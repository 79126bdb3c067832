import { Injectable } from '@nestjs/common';
import { RuntimeCatalogue } from 'src/gateway/catalogue/runtime-catalogue.js';
import { ClientTokenVerifier, type ClientTokenClaims } from 'src/gateway/client-token.verifier.js';
import type { GatewayContext } from 'src/gateway/gateway-context.js';
import { GatewayException } from 'src/gateway/gateway.errors.js';
import type { GatewayStage } from 'src/gateway/stages/gateway-stage.js';

/**
 * Private APIs only: `Authorization: Bearer <jwt>` or the raw token (pyDBAPI's legacy form) → an active
 * client whose secret was not rotated after the token was issued. Public APIs ignore any token.
 */
@Injectable()
export class AuthenticateClientStage implements GatewayStage {
  readonly name = 'authenticate-client';
  constructor(
    private readonly catalogue: RuntimeCatalogue,
    private readonly verifier: ClientTokenVerifier,
  ) {}

  /** Synchronous for public APIs and cached tokens: a promise only when a token needs a key lookup. */
  run(ctx: GatewayContext): void | Promise<void> {
    if (ctx.api!.isPublic) return;
    const header = ctx.headers.authorization;
    if (!header) throw new GatewayException('UNAUTHORIZED', 'no token');
    const token = header.length > 7 && header.slice(0, 7).toLowerCase() === 'bearer ' ? header.slice(7).trim() : header.trim();
    let verified: ClientTokenClaims | Promise<ClientTokenClaims>;
    try {
      verified = this.verifier.verify(token);
    } catch (err) {
      throw rejected(err);
    }
    if (verified instanceof Promise) {
      return verified.then(
        (claims) => this.identify(ctx, claims),
        (err: unknown) => {
          throw rejected(err);
        },
      );
    }
    this.identify(ctx, verified);
  }

  private identify(ctx: GatewayContext, claims: ClientTokenClaims): void {
    const client = this.catalogue.state.clientsById.get(claims.sub);
    if (!client || !client.isActive) throw new GatewayException('UNAUTHORIZED', 'unknown or inactive client');
    if (typeof claims.iat === 'number' && claims.iat < client.secretRotatedAtSeconds) throw new GatewayException('UNAUTHORIZED', 'token issued before the secret rotation');
    ctx.client = client;
  }
}

const rejected = (err: unknown) => new GatewayException('UNAUTHORIZED', `token rejected: ${(err as Error).message}`);
