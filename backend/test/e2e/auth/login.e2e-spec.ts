import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from 'test/support/test-app.js';

describe('POST /admin/v1/auth/login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '50' });
  });
  afterAll(() => t.close());

  it('should sign in, set an httpOnly SameSite=Strict cookie and return a bearer token', async () => {
    const res = await t.request('POST', '/admin/v1/auth/login', { body: t.admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 43200, user: { email: t.admin.email, isSuperuser: true } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^qg_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await t.request('GET', '/admin/v1/auth/me', { headers: { cookie: cookie.split(';')[0] } });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(t.admin.email);
  });

  it('should answer a wrong password with 401 and a code, without saying which part was wrong', async () => {
    const res = await t.request('POST', '/admin/v1/auth/login', { body: { email: t.admin.email, password: 'not-the-password' } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong email or password' });
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
    const unknown = await t.request('POST', '/admin/v1/auth/login', { body: { email: 'nobody@example.test', password: 'whatever-password' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(res.body.message);
  });

  it('should throttle an account after too many failures with 429 and Retry-After, even for the right password', async () => {
    const token = await t.adminToken();
    const email = `victim-${Date.now()}@example.test`;
    const password = 'Correct-horse-battery-1';
    expect((await t.request('POST', '/admin/v1/users', { token, body: { email, name: 'V', password } })).status).toBe(201);
    for (let i = 0; i < 3; i++) {
      expect((await t.request('POST', '/admin/v1/auth/login', { body: { email, password: `wrong-${i}` } })).status).toBe(401);
    }
    const blocked = await t.request('POST', '/admin/v1/auth/login', { body: { email, password } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('AUTH_THROTTLED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('should reject a malformed body with VALIDATION_FAILED naming each field', async () => {
    const res = await t.request('POST', '/admin/v1/auth/login', { body: { email: 'not-an-email', extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'extra']));
  });
});

describe('POST /admin/v1/auth/logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('should revoke the token at once', async () => {
    const token = await t.login(t.admin.email, t.admin.password);
    expect((await t.request('GET', '/admin/v1/auth/me', { token })).status).toBe(200);
    expect((await t.request('POST', '/admin/v1/auth/logout', { token })).status).toBe(204);
    const after = await t.request('GET', '/admin/v1/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('AUTH_UNAUTHENTICATED');
  });

  it('should refuse tampered and foreign tokens', async () => {
    const token = await t.login(t.admin.email, t.admin.password);
    const [h, p] = token.split('.');
    expect((await t.request('GET', '/admin/v1/auth/me', { token: `${h}.${p}.AAAA` })).status).toBe(401);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    expect((await t.request('GET', '/admin/v1/auth/me', { token: none })).status).toBe(401);
  });
});

describe('POST /admin/v1/auth/password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('should change the password, keep this session and end the others', async () => {
    const other = await t.login(t.admin.email, t.admin.password);
    const token = await t.login(t.admin.email, t.admin.password);
    const wrong = await t.request('POST', '/admin/v1/auth/password', { token, body: { currentPassword: 'nope', newPassword: 'A-new-password-123' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('currentPassword');
    const short = await t.request('POST', '/admin/v1/auth/password', { token, body: { currentPassword: t.admin.password, newPassword: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.details[0].field).toBe('newPassword');
    const ok = await t.request('POST', '/admin/v1/auth/password', { token, body: { currentPassword: t.admin.password, newPassword: 'A-new-password-123' } });
    expect(ok.status).toBe(204);
    expect((await t.request('GET', '/admin/v1/auth/me', { token })).status).toBe(200);
    expect((await t.request('GET', '/admin/v1/auth/me', { token: other })).status).toBe(401);
    await expect(t.login(t.admin.email, 'A-new-password-123')).resolves.toBeTruthy();
  });
});
