import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, createClient, postToken } from 'test/e2e/tokens/token-helpers.js';
import { TEST_REDIS_URL } from 'test/support/databases.js';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

describe('token endpoint throttling (memory counters)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TOKEN_MAX_FAILURES_PER_CLIENT: '3', TOKEN_MAX_FAILURES_PER_IP: '8' });
  });
  afterAll(() => t.close());

  it('should answer 429 with Retry-After after too many failures for one client id, even with the right secret', async () => {
    const c = await createClient(t);
    for (let i = 0; i < 3; i++) expect((await t.request('POST', '/token/generate', { body: { client_id: c.clientId, client_secret: `wrong-${i}` } })).status).toBe(401);
    const blocked = await t.request('POST', '/token/generate', { body: { client_id: c.clientId, client_secret: c.clientSecret } });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ detail: 'Too many requests' });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    const rfc = await postToken(t, { grant_type: 'client_credentials' }, { authorization: basic(c.clientId, c.clientSecret) });
    expect(rfc.status).toBe(429);
    expect(rfc.body.error).toBe('too_many_requests');
    expect(Number(rfc.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.body).toMatch(/querygate_token_requests_total\{outcome="throttled"\} 2/);
    expect(metrics.body).toMatch(/querygate_token_requests_total\{outcome="invalid_client"\} 3/);
  });

  it('should answer 429 for an IP after too many failures across client ids', async () => {
    const c = await createClient(t);
    // 3 failures from the previous test are already counted against this IP.
    for (let i = 0; i < 5; i++) expect((await t.request('POST', '/api/token/generate', { body: { client_id: `qg_guess${i}`, client_secret: 'x' } })).status).toBe(401);
    const blocked = await t.request('POST', '/api/token/generate', { body: { client_id: c.clientId, client_secret: c.clientSecret } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('token endpoint throttling (Redis counters)', () => {
  let t: TestApp;
  let u: TestApp;
  beforeAll(async () => {
    // Two instances sharing one Redis (database 7, away from other suites' keys) see the same counts.
    const env = { REDIS_URL: `${TEST_REDIS_URL}/7`, TOKEN_MAX_FAILURES_PER_CLIENT: '2', TOKEN_MAX_FAILURES_PER_IP: '1000' };
    t = await startTestApp(env);
    u = await startTestApp(env);
  });
  afterAll(async () => {
    await t.close();
    await u.close();
  });

  it('should count failures for a client id across instances', async () => {
    const clientId = `qg_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    expect((await t.request('POST', '/token/generate', { body: { client_id: clientId, client_secret: 'a' } })).status).toBe(401);
    expect((await u.request('POST', '/token/generate', { body: { client_id: clientId, client_secret: 'b' } })).status).toBe(401);
    const blocked = await t.request('POST', '/token/generate', { body: { client_id: clientId, client_secret: 'c' } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await u.request('POST', '/token/generate', { body: { client_id: clientId, client_secret: 'd' } })).status).toBe(429);
  });
});
