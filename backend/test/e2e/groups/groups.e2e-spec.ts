import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDbQuery, insertApis, type ApiRow } from 'test/e2e/clients/api-rows.js';
import { startTestApp, userWithRole, type TestApp } from 'test/support/test-app.js';
import { NotificationBus, type ChangeMessage } from 'src/common/notifications/notification-bus.js';

describe('/admin/v1/groups', () => {
  let t: TestApp;
  let token: string;
  let apis: ApiRow[];
  const changes: ChangeMessage[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
    apis = await insertApis(t, [{ path: 'groups/a' }, { path: 'groups/b', published: true }]);
    t.app.get(NotificationBus).subscribe('group.changed', (m) => changes.push(m));
  });
  afterAll(() => t.close());

  it('should create, read, list, update and delete a group with its APIs, audit each write and announce it', async () => {
    const created = await t.request('POST', '/admin/v1/groups', { token, body: { name: ' Partners ', description: 'external', apiIds: [apis[1].id, apis[0].id, apis[0].id] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Partners', description: 'external', isActive: true, apiIds: [apis[0].id, apis[1].id].sort() });
    const id = created.body.id;
    expect(changes).toContainEqual({ topic: 'group.changed', id });

    expect((await t.request('GET', `/admin/v1/groups/${id}`, { token })).body).toMatchObject({ id, name: 'Partners' });
    const list = await t.request('GET', '/admin/v1/groups?q=partn&pageSize=10', { token });
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(list.body.items[0].apiIds).toHaveLength(2);

    const updated = await t.request('PATCH', `/admin/v1/groups/${id}`, { token, body: { isActive: false, apiIds: [apis[0].id] } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ isActive: false, apiIds: [apis[0].id], description: 'external' });
    expect((await t.request('GET', '/admin/v1/groups?isActive=false', { token })).body.total).toBe(1);
    expect((await t.request('GET', '/admin/v1/groups?isActive=true', { token })).body.total).toBe(0);

    expect((await t.request('DELETE', `/admin/v1/groups/${id}`, { token })).status).toBe(204);
    expect((await t.request('GET', `/admin/v1/groups/${id}`, { token })).status).toBe(404);
    expect(changes.filter((m) => m.id === id)).toHaveLength(3);

    const audit = await appDbQuery<{ action: string; summary: Record<string, unknown> }>(t, 'SELECT action, summary FROM audit_event WHERE resource_id = $1 ORDER BY created_at', [id]);
    expect(audit.map((a) => a.action)).toEqual(['group.create', 'group.update', 'group.delete']);
    expect(audit[1].summary).toMatchObject({ isActive: { from: true, to: false } });
    expect(await appDbQuery(t, 'SELECT * FROM api_group_api WHERE group_id = $1', [id])).toEqual([]);
  });

  it('should answer 409 for a duplicate name (case-insensitive), naming the field', async () => {
    expect((await t.request('POST', '/admin/v1/groups', { token, body: { name: 'Dup' } })).status).toBe(201);
    const dup = await t.request('POST', '/admin/v1/groups', { token, body: { name: 'dup' } });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'GROUP_NAME_TAKEN', details: [{ field: 'name' }] });
    const other = await t.request('POST', '/admin/v1/groups', { token, body: { name: 'Other' } });
    const rename = await t.request('PATCH', `/admin/v1/groups/${other.body.id}`, { token, body: { name: 'DUP' } });
    expect(rename.status).toBe(409);
  });

  it('should refuse unknown API ids and malformed fields with 400', async () => {
    const unknown = await t.request('POST', '/admin/v1/groups', { token, body: { name: 'Ghosts', apiIds: ['00000000-0000-4000-8000-000000000009'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'GROUP_API_NOT_FOUND', details: [{ field: 'apiIds' }] });
    const bad = await t.request('POST', '/admin/v1/groups', { token, body: { name: '', isActive: 'yes', apiIds: ['nope'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['apiIds', 'isActive', 'name']);
    expect((await t.request('GET', '/admin/v1/groups?pageSize=101', { token })).status).toBe(400);
  });

  it('should answer 404 for unknown ids on every route', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect((await t.request('GET', `/admin/v1/groups/${id}`, { token })).status).toBe(404);
    const patch = await t.request('PATCH', `/admin/v1/groups/${id}`, { token, body: { name: 'x' } });
    expect(patch.status).toBe(404);
    expect(patch.body.code).toBe('GROUP_NOT_FOUND');
    expect((await t.request('DELETE', `/admin/v1/groups/${id}`, { token })).status).toBe(404);
  });

  it('should require a session (401) and the group permissions (403)', async () => {
    expect((await t.request('GET', '/admin/v1/groups')).status).toBe(401);
    expect((await t.request('POST', '/admin/v1/groups', { body: { name: 'x' } })).status).toBe(401);
    const viewer = await userWithRole(t, 'Viewer');
    expect((await t.request('GET', '/admin/v1/groups', { token: viewer.token })).status).toBe(200);
    const denied = await t.request('POST', '/admin/v1/groups', { token: viewer.token, body: { name: 'Viewers group' } });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe('Missing permission group:create');
  });
});
