import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationBus, type ChangeMessage } from 'src/common/notifications/notification-bus.js';
import { appDbQuery, insertApis, type ApiRow } from 'test/e2e/clients/api-rows.js';
import { startTestApp, userWithRole, type TestApp } from 'test/support/test-app.js';

describe('/admin/v1/clients', () => {
  let t: TestApp;
  let token: string;
  let apis: ApiRow[];
  const changes: ChangeMessage[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
    apis = await insertApis(t, [{ path: 'c/direct', published: true }, { path: 'c/active-group' }, { path: 'c/inactive-group', method: 'POST' }, { path: 'c/unlinked' }]);
    t.app.get(NotificationBus).subscribe('client.changed', (m) => changes.push(m));
  });
  afterAll(() => t.close());

  it('should create a client with a generated id and a secret shown once, stored only as a scrypt hash', async () => {
    const created = await t.request('POST', '/admin/v1/clients', {
      token,
      body: { name: 'Billing', description: 'batch', rateLimitPerMinute: 120, maxConcurrent: 4, tokenTtlSeconds: 600, allowedIps: ['10.0.0.0/8', '203.0.113.7', '2001:db8::/32', '::1'] },
    });
    expect(created.status).toBe(201);
    const { id, clientId, clientSecret } = created.body;
    expect(clientId).toMatch(/^qg_[a-z2-7]{20}$/);
    expect(Buffer.from(clientSecret, 'base64url')).toHaveLength(32);
    expect(created.body).toMatchObject({ name: 'Billing', isActive: true, rateLimitPerMinute: 120, maxConcurrent: 4, tokenTtlSeconds: 600, groupIds: [], apiIds: [] });
    expect(created.body.allowedIps).toEqual(['10.0.0.0/8', '203.0.113.7', '2001:db8::/32', '::1']);
    expect(changes).toContainEqual({ topic: 'client.changed', id });

    const got = await t.request('GET', `/admin/v1/clients/${id}`, { token });
    const list = await t.request('GET', '/admin/v1/clients?q=bill', { token });
    expect(list.body.total).toBe(1);
    for (const body of [got.body, list.body]) {
      expect(JSON.stringify(body)).not.toContain(clientSecret);
      expect(JSON.stringify(body)).not.toMatch(/secretHash|clientSecret/);
    }
    const [row] = await appDbQuery<{ secret_hash: string; previous_secret_hash: string | null }>(t, 'SELECT secret_hash, previous_secret_hash FROM app_client WHERE id = $1', [id]);
    expect(row.secret_hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(row.secret_hash).not.toContain(clientSecret);
    expect(row.previous_secret_hash).toBeNull();
    const audit = await appDbQuery<{ action: string; summary: unknown }>(t, 'SELECT action, summary FROM audit_event WHERE resource_id = $1', [id]);
    expect(audit.map((a) => a.action)).toEqual(['client.create']);
    expect(JSON.stringify(audit)).not.toContain(clientSecret);
    expect(JSON.stringify(audit)).not.toContain(row.secret_hash);
  });

  it('should rotate the secret, return the new one once, keep the old hash for the grace and never audit either', async () => {
    const created = await t.request('POST', '/admin/v1/clients', { token, body: { name: 'Rotating' } });
    const { id, clientSecret: first } = created.body;
    const before = created.body.secretRotatedAt;
    const rotated = await t.request('POST', `/admin/v1/clients/${id}/secret`, { token, body: { graceSeconds: 3600 } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.clientId).toBe(created.body.clientId);
    expect(rotated.body.clientSecret).not.toBe(first);
    expect(new Date(rotated.body.previousSecretExpiresAt).getTime()).toBeGreaterThan(Date.now() + 3500_000);
    const got = await t.request('GET', `/admin/v1/clients/${id}`, { token });
    expect(JSON.stringify(got.body)).not.toContain(rotated.body.clientSecret);
    expect(new Date(got.body.secretRotatedAt).getTime()).toBeGreaterThan(new Date(before).getTime());
    expect(got.body.previousSecretExpiresAt).toBe(rotated.body.previousSecretExpiresAt);
    const [row] = await appDbQuery<{ secret_hash: string; previous_secret_hash: string }>(t, 'SELECT secret_hash, previous_secret_hash FROM app_client WHERE id = $1', [id]);
    expect(row.previous_secret_hash).toMatch(/^scrypt\$/);
    const audit = await appDbQuery<{ action: string; summary: unknown }>(t, 'SELECT action, summary FROM audit_event WHERE resource_id = $1 ORDER BY created_at', [id]);
    expect(audit.map((a) => a.action)).toEqual(['client.create', 'client.rotate_secret']);
    const text = JSON.stringify(audit);
    for (const secret of [first, rotated.body.clientSecret, row.secret_hash, row.previous_secret_hash]) expect(text).not.toContain(secret);

    const noGrace = await t.request('POST', `/admin/v1/clients/${id}/secret`, { token, body: {} });
    expect(noGrace.body.previousSecretExpiresAt).toBeNull();
    const badGrace = await t.request('POST', `/admin/v1/clients/${id}/secret`, { token, body: { graceSeconds: 86401 } });
    expect(badGrace.status).toBe(400);
    expect(badGrace.body.details[0].field).toBe('graceSeconds');
    expect(changes.filter((m) => m.id === id).length).toBe(3);
  });

  it('should list the effective APIs: direct links plus APIs of active groups only', async () => {
    const active = await t.request('POST', '/admin/v1/groups', { token, body: { name: 'Active', apiIds: [apis[1].id, apis[0].id] } });
    const inactive = await t.request('POST', '/admin/v1/groups', { token, body: { name: 'Inactive', isActive: false, apiIds: [apis[2].id] } });
    const created = await t.request('POST', '/admin/v1/clients', { token, body: { name: 'Linked', groupIds: [active.body.id, inactive.body.id], apiIds: [apis[0].id] } });
    expect(created.status).toBe(201);
    expect(created.body.groupIds).toEqual([active.body.id, inactive.body.id].sort());
    const effective = await t.request('GET', `/admin/v1/clients/${created.body.id}/apis`, { token });
    expect(effective.status).toBe(200);
    expect(effective.body.items.map((a: { id: string }) => a.id).sort()).toEqual([apis[0].id, apis[1].id].sort());
    const direct = effective.body.items.find((a: { id: string }) => a.id === apis[0].id);
    expect(direct).toMatchObject({ moduleName: apis[0].moduleName, path: 'c/direct', method: 'GET', published: true, direct: true, viaGroupIds: [active.body.id] });
    expect(effective.body.items.find((a: { id: string }) => a.id === apis[1].id)).toMatchObject({ published: false, direct: false });

    await t.request('PATCH', `/admin/v1/groups/${inactive.body.id}`, { token, body: { isActive: true } });
    const after = await t.request('GET', `/admin/v1/clients/${created.body.id}/apis`, { token });
    expect(after.body.items.map((a: { path: string }) => a.path).sort()).toEqual(['c/active-group', 'c/direct', 'c/inactive-group']);

    const filtered = await t.request('GET', `/admin/v1/clients?groupId=${active.body.id}`, { token });
    expect(filtered.body.items.map((c: { name: string }) => c.name)).toEqual(['Linked']);
  });

  it('should update fields and links, clear a limit with null and keep the clientId', async () => {
    const created = await t.request('POST', '/admin/v1/clients', { token, body: { name: 'Patchable', rateLimitPerMinute: 10, apiIds: [apis[3].id] } });
    const patched = await t.request('PATCH', `/admin/v1/clients/${created.body.id}`, { token, body: { rateLimitPerMinute: null, isActive: false, apiIds: [], description: 'off' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ clientId: created.body.clientId, rateLimitPerMinute: null, isActive: false, apiIds: [], description: 'off' });
    expect((await t.request('GET', '/admin/v1/clients?isActive=false', { token })).body.items.map((c: { name: string }) => c.name)).toContain('Patchable');
    const audit = await appDbQuery<{ summary: Record<string, unknown> }>(t, "SELECT summary FROM audit_event WHERE resource_id = $1 AND action = 'client.update'", [created.body.id]);
    expect(audit[0].summary).toMatchObject({ isActive: { from: true, to: false }, rateLimitPerMinute: { from: 10, to: null } });
    expect((await t.request('DELETE', `/admin/v1/clients/${created.body.id}`, { token })).status).toBe(204);
    expect((await t.request('GET', `/admin/v1/clients/${created.body.id}`, { token })).status).toBe(404);
  });

  it('should refuse bad CIDRs, out-of-range TTLs and unknown links with 400 naming the field', async () => {
    for (const allowedIps of [['10.0.0.0/33'], ['not-an-ip'], ['1.2.3'], ['::1/129'], ['10.0.0.1/8/1']]) {
      const res = await t.request('POST', '/admin/v1/clients', { token, body: { name: 'Bad ips', allowedIps } });
      expect(res.status, JSON.stringify(allowedIps)).toBe(400);
      expect([...new Set(res.body.details.map((d: { field: string }) => d.field))]).toEqual(['allowedIps']);
    }
    for (const tokenTtlSeconds of [59, 86401, 1.5]) {
      const res = await t.request('POST', '/admin/v1/clients', { token, body: { name: 'Bad ttl', tokenTtlSeconds } });
      expect(res.status).toBe(400);
      expect([...new Set(res.body.details.map((d: { field: string }) => d.field))]).toEqual(['tokenTtlSeconds']);
    }
    const ghost = await t.request('POST', '/admin/v1/clients', { token, body: { name: 'Ghost', groupIds: ['00000000-0000-4000-8000-000000000002'] } });
    expect(ghost.status).toBe(400);
    expect(ghost.body).toMatchObject({ code: 'CLIENT_GROUP_NOT_FOUND', details: [{ field: 'groupIds' }] });
    const ghostApi = await t.request('POST', '/admin/v1/clients', { token, body: { name: 'Ghost', apiIds: ['00000000-0000-4000-8000-000000000002'] } });
    expect(ghostApi.body).toMatchObject({ code: 'CLIENT_API_NOT_FOUND', details: [{ field: 'apiIds' }] });
    const secretInBody = await t.request('POST', '/admin/v1/clients', { token, body: { name: 'Chosen', clientSecret: 'my-own-secret' } });
    expect(secretInBody.status).toBe(400);
  });

  it('should answer 409 for a duplicate name and 404 for unknown ids', async () => {
    await t.request('POST', '/admin/v1/clients', { token, body: { name: 'Twin' } });
    const dup = await t.request('POST', '/admin/v1/clients', { token, body: { name: 'TWIN' } });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'CLIENT_NAME_TAKEN', details: [{ field: 'name' }] });
    const id = '00000000-0000-4000-8000-000000000003';
    for (const [method, path] of [['GET', ''], ['GET', '/apis'], ['PATCH', ''], ['POST', '/secret'], ['DELETE', '']] as const) {
      const res = await t.request(method, `/admin/v1/clients/${id}${path}`, { token, body: method === 'PATCH' || method === 'POST' ? {} : undefined });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('CLIENT_NOT_FOUND');
    }
  });

  it('should require a session (401) and keep a Dev from creating or rotating clients (403)', async () => {
    expect((await t.request('GET', '/admin/v1/clients')).status).toBe(401);
    expect((await t.request('POST', '/admin/v1/clients', { body: { name: 'x' } })).status).toBe(401);
    const dev = await userWithRole(t, 'Dev');
    const create = await t.request('POST', '/admin/v1/clients', { token: dev.token, body: { name: 'Dev client' } });
    expect(create.status).toBe(403);
    expect(create.body.message).toBe('Missing permission client:create');
    const some = (await t.request('GET', '/admin/v1/clients', { token })).body.items[0];
    const rotate = await t.request('POST', `/admin/v1/clients/${some.id}/secret`, { token: dev.token, body: {} });
    expect(rotate.status).toBe(403);
  });
});
