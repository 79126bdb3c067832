import { randomBytes, sign, verify } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ClientEntity } from 'src/clients/client.entity.js';
import { AppConfigService } from 'src/config/app-config.service.js';
import { SIGNING_ALGORITHM, SigningKeysService } from 'src/tokens/signing-keys.service.js';
import { CLOCK_SKEW_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER, TOKEN_TYPE, type ClientTokenClaims } from 'src/tokens/token-claims.js';
import { tokenError } from 'src/tokens/tokens.errors.js';

/** Longer than any token we issue; refuses oversized input before any parsing. */
const MAX_TOKEN_LENGTH = 2048;
const ED25519_SIGNATURE_BYTES = 64;
const VERIFIED_MAX = 10_000;
const VERIFIED_TTL_MS = 5 * 60_000;

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  claims: ClientTokenClaims;
}

const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function parseJson(part: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw tokenError('TOKEN_INVALID', 'Malformed token');
}

/**
 * Gateway tokens: EdDSA (Ed25519) JWTs signed with the current signing key.
 *
 * For the gateway: `verify(token)` returns the claims or throws an AppException with code
 * `TOKEN_INVALID` or `TOKEN_EXPIRED`. It does not look at the client: the caller must still check that the
 * client (`claims.sub`) exists, is active, and that `issuedBeforeRotation(claims, client.secretRotatedAt)`
 * is false.
 */
@Injectable()
export class TokenService {
  private readonly defaultTtl: number;

  constructor(
    private readonly keys: SigningKeysService,
    config: AppConfigService,
  ) {
    this.defaultTtl = config.get('tokenDefaultTtlSeconds');
  }

  issue(client: Pick<ClientEntity, 'clientId' | 'tokenTtlSeconds'>): IssuedToken {
    const key = this.keys.signingKey();
    const iat = Math.floor(Date.now() / 1000);
    const expiresIn = client.tokenTtlSeconds ?? this.defaultTtl;
    const claims: ClientTokenClaims = {
      sub: client.clientId,
      jti: randomBytes(16).toString('base64url'),
      iat,
      exp: iat + expiresIn,
      typ: TOKEN_TYPE,
      aud: TOKEN_AUDIENCE,
      iss: TOKEN_ISSUER,
    };
    const signingInput = `${key.encodedHeader}.${b64json(claims)}`;
    const signature = sign(null, Buffer.from(signingInput), key.privateKey).toString('base64url');
    return { accessToken: `${signingInput}.${signature}`, expiresIn, claims };
  }

  /**
   * Signature checks already passed, by exact token string: an Ed25519 verification costs ~60 µs and a client
   * sends the same token on every call. Entries live at most VERIFIED_TTL_MS (and never past `exp`); the
   * client's state (active, secret rotation) is still checked on every call by the gateway.
   */
  private readonly verified = new Map<string, { claims: ClientTokenClaims; kid: string; until: number }>();

  /** Synchronous on a cache hit (the gateway's common case: no promise, no microtask). */
  verify(token: string): ClientTokenClaims | Promise<ClientTokenClaims> {
    const hit = this.verified.get(token);
    if (hit) {
      if (Date.now() < hit.until && this.keys.isUsable(hit.kid)) return hit.claims;
      this.verified.delete(token);
    }
    return this.verifyAndRemember(token);
  }

  private async verifyAndRemember(token: string): Promise<ClientTokenClaims> {
    const { claims, kid } = await this.verifyUncached(token);
    if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { claims, kid, until: Math.min(Date.now() + VERIFIED_TTL_MS, (claims.exp + CLOCK_SKEW_SECONDS) * 1000) });
    return claims;
  }

  private async verifyUncached(token: string): Promise<{ claims: ClientTokenClaims; kid: string }> {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw tokenError('TOKEN_INVALID', 'Malformed token');
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) throw tokenError('TOKEN_INVALID', 'Malformed token');
    const [encodedHeader, encodedPayload, encodedSignature] = parts;

    const header = parseJson(encodedHeader);
    if (header.alg !== SIGNING_ALGORITHM) throw tokenError('TOKEN_INVALID', 'Unsupported token algorithm');
    if (typeof header.kid !== 'string' || header.crit !== undefined) throw tokenError('TOKEN_INVALID', 'Malformed token header');
    const key = await this.keys.verificationKey(header.kid);
    if (!key) throw tokenError('TOKEN_INVALID', 'Unknown signing key');
    const signature = Buffer.from(encodedSignature, 'base64url');
    if (signature.length !== ED25519_SIGNATURE_BYTES || !verify(null, Buffer.from(`${encodedHeader}.${encodedPayload}`), key.key, signature)) {
      throw tokenError('TOKEN_INVALID', 'Bad token signature');
    }

    const claims = parseJson(encodedPayload);
    const audOk = claims.aud === TOKEN_AUDIENCE || (Array.isArray(claims.aud) && claims.aud.includes(TOKEN_AUDIENCE));
    if (claims.typ !== TOKEN_TYPE || !audOk || claims.iss !== TOKEN_ISSUER || typeof claims.sub !== 'string' || typeof claims.jti !== 'string') {
      throw tokenError('TOKEN_INVALID', 'Not a gateway token');
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw tokenError('TOKEN_INVALID', 'Token without exp/iat');
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now + CLOCK_SKEW_SECONDS)) throw tokenError('TOKEN_INVALID', 'Token not valid yet');
    if (claims.iat > now + CLOCK_SKEW_SECONDS) throw tokenError('TOKEN_INVALID', 'Token issued in the future');
    if (claims.exp + CLOCK_SKEW_SECONDS <= now) throw tokenError('TOKEN_EXPIRED', 'Token expired');
    return { claims: Object.freeze({ ...claims, aud: TOKEN_AUDIENCE }) as ClientTokenClaims, kid: header.kid };
  }
}
