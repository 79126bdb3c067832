import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';

export const SESSION_COOKIE = 'qg_session';
export const SESSION_AUDIENCE = 'querygate-dashboard';
export const SESSION_ISSUER = 'querygate';

export interface SessionClaims {
  sub: string;
  sid: string;
  typ: 'dashboard';
}

/**
 * The HS256 key for dashboard sessions, derived from APP_SECRET. A KeyObject, not a string: with a
 * string secret jsonwebtoken re-derives the key on every verification (DESIGN §9).
 */
export function sessionSigningKey(appSecret: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', appSecret, 'querygate', 'dashboard-session', 32)));
}
