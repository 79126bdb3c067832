import { createPublicKey, verify } from 'node:crypto';
import type { TestApp } from 'test/support/test-app.js';

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export const decodePart = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** A generic JOSE check: find the JWK by kid in the published JWKS and verify the EdDSA signature with node:crypto. */
export async function verifiedByJwks(t: TestApp, token: string): Promise<boolean> {
  const [h, p, s] = token.split('.');
  const header = decodePart(h);
  if (header.alg !== 'EdDSA') return false;
  const jwks = await t.request('GET', '/.well-known/jwks.json');
  const jwk = jwks.body.keys.find((k: { kid: string }) => k.kid === header.kid);
  if (!jwk) return false;
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
  return verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
}

export async function createClient(t: TestApp, body: Record<string, unknown> = {}): Promise<{ id: string; clientId: string; clientSecret: string }> {
  const token = await t.adminToken();
  const res = await t.request('POST', '/admin/v1/clients', { token, body: { name: `client-${Math.random().toString(36).slice(2)}`, ...body } });
  if (res.status !== 201) throw new Error(`create client failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

export const postToken = (t: TestApp, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  t.request('POST', '/token', { body: form(fields), headers: { ...FORM, ...headers } });
