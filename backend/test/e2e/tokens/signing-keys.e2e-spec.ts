import { createHmac, createPublicKey, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppException } from 'src/common/errors/app-exception.js';
import { NotificationBus, type ChangeMessage } from 'src/common/notifications/notification-bus.js';
import { SigningKeysService } from 'src/tokens/signing-keys.service.js';
import { TokenService } from 'src/tokens/token.service.js';
import { appDbQuery } from 'test/e2e/clients/api-rows.js';
import { createClient, decodePart, verifiedByJwks } from 'test/e2e/tokens/token-helpers.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function refusal(tokens: TokenService, token: string): Promise<string> {
  try {
    await tokens.verify(token);
    return 'accepted';
  } catch (e) {
    return e instanceof AppException ? e.code : String(e);
  }
}

describe('token signing keys and TokenService.verify', () => {
  let t: TestApp;
  let tokens: TokenService;
  let keys: SigningKeysService;
  let client: { id: string; clientId: string; clientSecret: string };
  const issue = async () => (await t.request('POST', '/token/generate', { body: { client_id: client.clientId, client_secret: client.clientSecret } })).body.access_token as string;
  beforeAll(async () => {
    t = await startTestApp();
    tokens = t.app.get(TokenService);
    keys = t.app.get(SigningKeysService);
    client = await createClient(t);
  });
  afterAll(() => t.close());

  it('should create one encrypted Ed25519 key on first start', async () => {
    const rows = await appDbQuery<{ kid: string; algorithm: string; private_key_encrypted: string; retired_at: Date | null }>(t, 'SELECT * FROM signing_key');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ algorithm: 'EdDSA', retired_at: null });
    expect(rows[0].private_key_encrypted).toMatch(/^v1:k1:/);
    expect(rows[0].private_key_encrypted).not.toContain('PRIVATE KEY');
    await keys.ensureKey();
    expect(await appDbQuery(t, 'SELECT kid FROM signing_key')).toHaveLength(1);
  });

  it('should keep verifying tokens signed before a key rotation, list both keys and sign new tokens with the new key', async () => {
    const changes: ChangeMessage[] = [];
    t.app.get(NotificationBus).subscribe('signing-key.changed', (m) => changes.push(m));
    const before = await issue();
    const oldKid = decodePart(before.split('.')[0]).kid;
    const newKid = await keys.rotate();
    expect(changes).toEqual([{ topic: 'signing-key.changed', id: newKid }]);
    expect(newKid).not.toBe(oldKid);
    expect((await tokens.verify(before)).sub).toBe(client.clientId);
    const jwks = await t.request('GET', '/.well-known/jwks.json');
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid).sort()).toEqual([oldKid, newKid].sort());
    expect(await verifiedByJwks(t, before)).toBe(true);
    const after = await issue();
    expect(decodePart(after.split('.')[0]).kid).toBe(newKid);
    expect(await verifiedByJwks(t, after)).toBe(true);
    expect((await tokens.verify(after)).sub).toBe(client.clientId);

    // A key retired longer ago than the longest token lifetime leaves the JWKS and stops verifying.
    await appDbQuery(t, "UPDATE signing_key SET retired_at = now() - interval '2 days' WHERE kid = $1", [oldKid]);
    await keys.reload();
    const trimmed = await t.request('GET', '/.well-known/jwks.json');
    expect(trimmed.body.keys.map((k: { kid: string }) => k.kid)).toEqual([newKid]);
    expect(await refusal(tokens, before)).toBe('TOKEN_INVALID');
  });

  it('should refuse tampered, alg:none, HS256, dashboard, foreign-key, wrong-audience and expired tokens', async () => {
    const good = await issue();
    const [h, p, s] = good.split('.');
    const claims = decodePart(p);
    const header = decodePart(h);

    const tampered = `${h}.${b64({ ...claims, sub: 'qg_someoneelse' })}.${s}`;
    expect(await refusal(tokens, tampered)).toBe('TOKEN_INVALID');
    const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BA' : 'AA'}`;
    expect(await refusal(tokens, flipped)).toBe('TOKEN_INVALID');

    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`;
    expect(await refusal(tokens, none)).toBe('TOKEN_INVALID');
    expect(await refusal(tokens, `${b64({ alg: 'none', kid: header.kid })}.${p}.${s}`)).toBe('TOKEN_INVALID');

    // HS256 "signed" with guesses an attacker could know: the public key material and the kid.
    const jwk = (await t.request('GET', '/.well-known/jwks.json')).body.keys[0];
    for (const guess of [jwk.x, header.kid, Buffer.from(jwk.x, 'base64url'), 'secret']) {
      const hsHeader = b64({ alg: 'HS256', kid: header.kid, typ: 'JWT' });
      const mac = createHmac('sha256', guess).update(`${hsHeader}.${p}`).digest('base64url');
      expect(await refusal(tokens, `${hsHeader}.${p}.${mac}`)).toBe('TOKEN_INVALID');
    }

    const dashboard = await t.adminToken();
    expect(decodePart(dashboard.split('.')[0]).alg).toBe('HS256');
    expect(await refusal(tokens, dashboard)).toBe('TOKEN_INVALID');

    // Correctly signed with the real key, but not a valid gateway token.
    const privateKey = keys.signingKey().privateKey;
    const signed = (payload: Record<string, unknown>, hdr: Record<string, unknown> = header) => {
      const input = `${b64(hdr)}.${b64(payload)}`;
      return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
    };
    expect(await refusal(tokens, signed(claims))).toBe('accepted');
    const now = Math.floor(Date.now() / 1000);
    expect(await refusal(tokens, signed({ ...claims, iat: now - 7200, exp: now - 3600 }))).toBe('TOKEN_EXPIRED');
    expect(await refusal(tokens, signed({ ...claims, aud: 'querygate-dashboard' }))).toBe('TOKEN_INVALID');
    expect(await refusal(tokens, signed({ ...claims, typ: 'dashboard' }))).toBe('TOKEN_INVALID');
    expect(await refusal(tokens, signed({ ...claims, nbf: now + 3600 }))).toBe('TOKEN_INVALID');
    expect(await refusal(tokens, signed(claims, { ...header, kid: 'unknown-kid' }))).toBe('TOKEN_INVALID');

    // A token signed with some other Ed25519 key under our kid.
    const { generateKeyPairSync } = await import('node:crypto');
    const foreign = generateKeyPairSync('ed25519').privateKey;
    const input = `${h}.${p}`;
    expect(await refusal(tokens, `${input}.${sign(null, Buffer.from(input), foreign).toString('base64url')}`)).toBe('TOKEN_INVALID');
    expect(createPublicKey(foreign).asymmetricKeyType).toBe('ed25519');

    for (const junk of ['', 'a.b', 'a.b.c.d', `${h}.${p}`, 'x'.repeat(5000)]) expect(await refusal(tokens, junk)).toBe('TOKEN_INVALID');
  });
});
