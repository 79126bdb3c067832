/** The claims the gateway needs from a verified client token. */
export interface ClientTokenClaims {
  /** The client's public client id. */
  sub: string;
  jti: string;
  exp: number;
  iat: number;
  typ: 'client';
}

/**
 * Verifies gateway tokens; bound to the tokens feature's `TokenService` (EdDSA against cached public
 * keys). Any error means 401.
 */
export abstract class ClientTokenVerifier {
  abstract verify(token: string): ClientTokenClaims | Promise<ClientTokenClaims>;
}
