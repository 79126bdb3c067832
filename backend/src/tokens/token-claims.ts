/** The audience, issuer and type of gateway tokens (dashboard sessions use other values and another algorithm). */
export const TOKEN_AUDIENCE = 'querygate-gateway';
export const TOKEN_ISSUER = 'querygate';
export const TOKEN_TYPE = 'client';
/** The longest lifetime a client token can have (client tokenTtlSeconds and TOKEN_DEFAULT_TTL_SECONDS max). */
export const MAX_TOKEN_TTL_SECONDS = 86400;
/** Clock skew tolerated on exp / nbf / iat. */
export const CLOCK_SKEW_SECONDS = 30;

/** The claims of a verified gateway token. */
export interface ClientTokenClaims {
  /** The client's public clientId (`qg_…`). */
  sub: string;
  jti: string;
  iat: number;
  exp: number;
  nbf?: number;
  typ: typeof TOKEN_TYPE;
  aud: typeof TOKEN_AUDIENCE;
  iss: typeof TOKEN_ISSUER;
}

/**
 * True when a token was issued before the client's last secret rotation (and is therefore revoked).
 * `iat` has one-second precision, so compare against the rotation second.
 */
export const issuedBeforeRotation = (claims: Pick<ClientTokenClaims, 'iat'>, secretRotatedAt: Date): boolean =>
  claims.iat < Math.floor(secretRotatedAt.getTime() / 1000);
