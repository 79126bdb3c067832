import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenService } from 'src/tokens/token.service.js';
import { basic, createClient, decodePart, form, FORM, postToken, verifiedByJwks } from 'test/e2e/tokens/token-helpers.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('token endpoints', () => {
  let t: TestApp;
  let client: { id: string; clientId: string; clientSecret: string };
  beforeAll(async () => {
    t = await startTestApp({ TOKEN_DEFAULT_TTL_SECONDS: '1800', TOKEN_MAX_FAILURES_PER_CLIENT: '100', TOKEN_MAX_FAILURES_PER_IP: '100' });
    client = await createClient(t, { tokenTtlSeconds: 600 });
  });
  afterAll(() => t.close());

  it('should issue a JWT at POST /token with HTTP Basic that the JWKS verifies', async () => {
    const res = await postToken(t, { grant_type: 'client_credentials' }, { authorization: basic(client.clientId, client.clientSecret) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    const [h, p] = res.body.access_token.split('.');
    const header = decodePart(h);
    expect(header).toEqual({ alg: 'EdDSA', kid: expect.any(String), typ: 'JWT' });
    const claims = decodePart(p);
    expect(claims).toMatchObject({ sub: client.clientId, typ: 'client', aud: 'querygate-gateway', iss: 'querygate' });
    expect(claims.exp - claims.iat).toBe(600);
    expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(5);
    expect(claims.jti).toMatch(/^[\w-]{16,}$/);
    expect(await verifiedByJwks(t, res.body.access_token)).toBe(true);
    const jwks = await t.request('GET', '/.well-known/jwks.json');
    expect(jwks.body.keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: header.kid, alg: 'EdDSA', use: 'sig' }]);
    expect(await t.app.get(TokenService).verify(res.body.access_token)).toMatchObject({ sub: client.clientId, jti: claims.jti });
  });

  it('should issue a token with client_id/client_secret form fields, using the default TTL when the client sets none', async () => {
    const other = await createClient(t);
    const res = await postToken(t, { grant_type: 'client_credentials', client_id: other.clientId, client_secret: other.clientSecret });
    expect(res.status).toBe(200);
    expect(res.body.expires_in).toBe(1800);
    expect(await verifiedByJwks(t, res.body.access_token)).toBe(true);
    const first = decodePart(res.body.access_token.split('.')[1]);
    const again = await postToken(t, { grant_type: 'client_credentials', client_id: other.clientId, client_secret: other.clientSecret });
    expect(decodePart(again.body.access_token.split('.')[1]).jti).not.toBe(first.jti);
  });

  it('should answer RFC 6749 §5.2 errors', async () => {
    const wrong = await postToken(t, { grant_type: 'client_credentials' }, { authorization: basic(client.clientId, 'not-the-secret') });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(wrong.headers.get('cache-control')).toBe('no-store');
    const unknown = await postToken(t, { grant_type: 'client_credentials', client_id: 'qg_nobody', client_secret: 'x' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('invalid_client');
    const noCredentials = await postToken(t, { grant_type: 'client_credentials' });
    expect(noCredentials.status).toBe(401);
    expect(noCredentials.body.error).toBe('invalid_client');

    const noGrant = await postToken(t, { client_id: client.clientId, client_secret: client.clientSecret });
    expect(noGrant.status).toBe(400);
    expect(noGrant.body.error).toBe('invalid_request');
    const password = await postToken(t, { grant_type: 'password', username: 'a', password: 'b' });
    expect(password.status).toBe(400);
    expect(password.body.error).toBe('unsupported_grant_type');
    const json = await t.request('POST', '/token', { body: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret } });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('invalid_request');
    const both = await postToken(t, { grant_type: 'client_credentials', client_secret: client.clientSecret }, { authorization: basic(client.clientId, client.clientSecret) });
    expect(both.status).toBe(400);
    expect(both.body.error).toBe('invalid_request');
    const repeatedGrant = await t.request('POST', '/token', { body: 'grant_type=client_credentials&grant_type=client_credentials', headers: FORM });
    expect(repeatedGrant.body.error).toBe('invalid_request');
    const malformed = await postToken(t, { grant_type: 'client_credentials' }, { authorization: 'Basic !!!' });
    expect(malformed.status).toBe(401);
    expect(malformed.body.error).toBe('invalid_client');
  });

  it('should serve /token/generate and /api/token/generate with JSON and with form bodies (pyDBAPI answers)', async () => {
    for (const path of ['/token/generate', '/api/token/generate']) {
      const json = await t.request('POST', path, { body: { client_id: client.clientId, client_secret: client.clientSecret } });
      expect(json.status, path).toBe(200);
      expect(Object.keys(json.body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
      expect(json.body).toMatchObject({ token_type: 'bearer', expires_in: 600 });
      expect(await verifiedByJwks(t, json.body.access_token)).toBe(true);
      const viaForm = await t.request('POST', path, { body: form({ client_id: client.clientId, client_secret: client.clientSecret, grant_type: 'client_credentials' }), headers: FORM });
      expect(viaForm.status, path).toBe(200);
      expect(await verifiedByJwks(t, viaForm.body.access_token)).toBe(true);

      const wrong = await t.request('POST', path, { body: { client_id: client.clientId, client_secret: 'nope' } });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ detail: 'Invalid client_id or client_secret' });
      const grant = await t.request('POST', path, { body: { client_id: client.clientId, client_secret: client.clientSecret, grant_type: 'authorization_code' } });
      expect(grant.status).toBe(400);
      expect(grant.body).toEqual({ detail: 'Unsupported grant_type' });
      const missing = await t.request('POST', path, { body: { client_id: client.clientId } });
      expect(missing.status).toBe(422);
      expect(missing.body.detail).toMatch(/client_secret/);
    }
  });

  it('should refuse an inactive client at once, even right after a successful (cached) verification', async () => {
    const c = await createClient(t);
    const token = await t.adminToken();
    expect((await t.request('POST', '/token/generate', { body: { client_id: c.clientId, client_secret: c.clientSecret } })).status).toBe(200);
    await t.request('PATCH', `/admin/v1/clients/${c.id}`, { token, body: { isActive: false } });
    const refused = await t.request('POST', '/token/generate', { body: { client_id: c.clientId, client_secret: c.clientSecret } });
    expect(refused.status).toBe(401);
    const rfc = await postToken(t, { grant_type: 'client_credentials' }, { authorization: basic(c.clientId, c.clientSecret) });
    expect(rfc.status).toBe(401);
    expect(rfc.body.error).toBe('invalid_client');
    await t.request('PATCH', `/admin/v1/clients/${c.id}`, { token, body: { isActive: true } });
    expect((await t.request('POST', '/token/generate', { body: { client_id: c.clientId, client_secret: c.clientSecret } })).status).toBe(200);
  });

  it('should accept the previous secret during the rotation grace and refuse it after', async () => {
    const c = await createClient(t);
    const token = await t.adminToken();
    const body = (secret: string) => ({ body: { client_id: c.clientId, client_secret: secret } });
    expect((await t.request('POST', '/token/generate', body(c.clientSecret))).status).toBe(200);
    const rotated = await t.request('POST', `/admin/v1/clients/${c.id}/secret`, { token, body: { graceSeconds: 2 } });
    const graceEnds = new Date(rotated.body.previousSecretExpiresAt).getTime();
    expect((await t.request('POST', '/token/generate', body(c.clientSecret))).status).toBe(200);
    expect((await t.request('POST', '/token/generate', body(rotated.body.clientSecret))).status).toBe(200);
    await sleep(Math.max(0, graceEnds - Date.now()) + 200);
    const late = await t.request('POST', '/token/generate', body(c.clientSecret));
    expect(late.status).toBe(401);
    expect((await t.request('POST', '/token/generate', body(rotated.body.clientSecret))).status).toBe(200);

    const immediate = await t.request('POST', `/admin/v1/clients/${c.id}/secret`, { token, body: { graceSeconds: 0 } });
    expect((await t.request('POST', '/token/generate', body(rotated.body.clientSecret))).status).toBe(401);
    expect((await t.request('POST', '/token/generate', body(immediate.body.clientSecret))).status).toBe(200);
  });
});
