import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, userWithRole, type TestApp } from 'test/support/test-app.js';

describe('RBAC on the management API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('should let a Viewer read and refuse every write with 403', async () => {
    const viewer = await userWithRole(t, 'Viewer');
    expect((await t.request('GET', '/admin/v1/users', { token: viewer.token })).status).toBe(200);
    expect((await t.request('GET', '/admin/v1/roles', { token: viewer.token })).status).toBe(200);
    const create = await t.request('POST', '/admin/v1/roles', { token: viewer.token, body: { name: 'Nope' } });
    expect(create.status).toBe(403);
    expect(create.body).toMatchObject({ code: 'AUTH_FORBIDDEN', message: 'Missing permission role:create' });
    const me = await t.request('GET', '/admin/v1/auth/me', { token: viewer.token });
    expect(me.body.permissions).toContain('api:read');
    expect(me.body.permissions).not.toContain('api:create');
  });

  it('should keep a Dev from managing users and roles', async () => {
    const dev = await userWithRole(t, 'Dev');
    const create = await t.request('POST', '/admin/v1/users', { token: dev.token, body: { email: 'x@example.test', name: 'X', password: 'Long-enough-pass-1' } });
    expect(create.status).toBe(403);
    expect((await t.request('DELETE', `/admin/v1/users/${dev.id}`, { token: dev.token })).status).toBe(403);
    expect((await t.request('PUT', `/admin/v1/users/${dev.id}/roles`, { token: dev.token, body: { roleIds: [] } })).status).toBe(403);
    const me = await t.request('GET', '/admin/v1/auth/me', { token: dev.token });
    expect(me.body.permissions).toEqual(expect.arrayContaining(['api:create', 'api:execute', 'datasource:update']));
    expect(me.body.permissions).not.toContain('api:delete');
    expect(me.body.permissions).not.toContain('client:create');
  });

  it('should require a session for every non-public route', async () => {
    for (const path of ['/admin/v1/users', '/admin/v1/roles', '/admin/v1/permissions', '/admin/v1/auth/me']) {
      expect((await t.request('GET', path)).status, path).toBe(401);
    }
  });

  it('should apply a custom role with an object-level grant', async () => {
    const token = await t.adminToken();
    const perms = await t.request('GET', '/admin/v1/permissions', { token });
    const userRead = perms.body.find((p: { resourceType: string; action: string; resourceId: null }) => p.resourceType === 'user' && p.action === 'read' && p.resourceId === null);
    const role = await t.request('POST', '/admin/v1/roles', { token, body: { name: `Auditors-${Date.now()}`, permissionIds: [userRead.id] } });
    expect(role.status).toBe(201);
    const grant = await t.request('POST', '/admin/v1/permissions', { token, body: { resourceType: 'api', action: 'read', resourceId: '00000000-0000-4000-8000-000000000001' } });
    expect(grant.status).toBe(201);
    const dup = await t.request('POST', '/admin/v1/permissions', { token, body: { resourceType: 'api', action: 'read', resourceId: '00000000-0000-4000-8000-000000000001' } });
    expect(dup.status).toBe(409);
    const builtIn = await t.request('DELETE', `/admin/v1/roles/${(await t.request('GET', '/admin/v1/roles', { token })).body.items.find((r: { name: string }) => r.name === 'Admin').id}`, { token });
    expect(builtIn.status).toBe(409);
    expect(builtIn.body.code).toBe('ROLE_SYSTEM');
  });
});

describe('Users CRUD', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('should create, list, update and delete a user, never returning the password hash', async () => {
    const token = await t.adminToken();
    const created = await t.request('POST', '/admin/v1/users', { token, body: { email: 'Ann@Example.test', name: ' Ann ', password: 'Ann-password-123' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ann@example.test', name: 'Ann', isActive: true, isSuperuser: false });
    expect(JSON.stringify(created.body)).not.toMatch(/hash|password/i);
    const dup = await t.request('POST', '/admin/v1/users', { token, body: { email: 'ann@example.test', name: 'A', password: 'Ann-password-123' } });
    expect(dup.status).toBe(409);
    expect(dup.body.details[0].field).toBe('email');
    const list = await t.request('GET', '/admin/v1/users?q=ann&pageSize=5', { token });
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 5 });
    const bad = await t.request('GET', '/admin/v1/users?pageSize=1000', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('pageSize');
    const annToken = await t.login('ann@example.test', 'Ann-password-123');
    const off = await t.request('PATCH', `/admin/v1/users/${created.body.id}`, { token, body: { isActive: false } });
    expect(off.body.isActive).toBe(false);
    expect((await t.request('GET', '/admin/v1/auth/me', { token: annToken })).status).toBe(401);
    expect((await t.request('GET', '/admin/v1/users/not-a-uuid', { token })).status).toBe(400);
    expect((await t.request('DELETE', `/admin/v1/users/${created.body.id}`, { token })).status).toBe(204);
    expect((await t.request('GET', `/admin/v1/users/${created.body.id}`, { token })).status).toBe(404);
  });

  it('should not let the last superuser lock everyone out', async () => {
    const token = await t.adminToken();
    const me = await t.request('GET', '/admin/v1/auth/me', { token });
    const res = await t.request('PATCH', `/admin/v1/users/${me.body.id}`, { token, body: { isSuperuser: false } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('USER_SELF_LOCKOUT');
  });

  it('should record an audit event for each write, without secrets', async () => {
    const token = await t.adminToken();
    await t.request('POST', '/admin/v1/users', { token, body: { email: 'audited@example.test', name: 'Au', password: 'Secret-password-999' } });
    const { DataSource } = await import('typeorm');
    const ds = t.app.get(DataSource);
    const events: { action: string; summary: unknown; actor_email: string; request_id: string }[] = await ds.query(
      `SELECT action, summary, actor_email, request_id FROM audit_event WHERE action = 'user.create' AND summary->>'email' = 'audited@example.test'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0].actor_email).toBe(t.admin.email);
    expect(events[0].request_id).toBeTruthy();
    expect(JSON.stringify(events[0].summary)).not.toContain('Secret-password-999');
  });
});

describe('PATCH with null', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('should refuse null for a required field with 400 naming it, not a 500', async () => {
    const token = await t.adminToken();
    const me = await t.request('GET', '/admin/v1/auth/me', { token });
    const res = await t.request('PATCH', `/admin/v1/users/${me.body.id}`, { token, body: { name: null } });
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('name');
    const role = await t.request('POST', '/admin/v1/roles', { token, body: { name: 'Nullable' } });
    const bad = await t.request('PATCH', `/admin/v1/roles/${role.body.id}`, { token, body: { name: null } });
    expect(bad.status).toBe(400);
  });
});
