import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RolesFormDialog } from '@/features/roles/components/roles-form-dialog';
import { renderWithApi, type FakeResponse } from '@/test/render';

const objectId = '6f1c2f7e-0000-4000-8000-000000000001';
const permissions = [
  { id: 'p-api-read', resourceType: 'api', action: 'read', resourceId: null },
  { id: 'p-api-execute', resourceType: 'api', action: 'execute', resourceId: null },
  { id: 'p-log-read', resourceType: 'access_log', action: 'read', resourceId: null },
];

function api(calls: { method: string; path: string; body: unknown }[]) {
  return async (request: Request): Promise<FakeResponse> => {
    const path = new URL(request.url).pathname;
    const body = request.method === 'GET' ? undefined : await request.json();
    calls.push({ method: request.method, path, body });
    if (path === '/admin/v1/permissions' && request.method === 'GET') return { status: 200, body: permissions };
    if (path === '/admin/v1/permissions') return { status: 201, body: { id: 'p-new', ...(body as object) } };
    if (path === '/admin/v1/roles') return { status: 201, body: { id: 'r1', isSystem: false, createdAt: '', updatedAt: '', ...(body as object) } };
    return { status: 404, body: { code: 'NOT_FOUND', message: 'no', requestId: 'x' } };
  };
}

describe('RolesFormDialog', () => {
  it('should create a role with the ticked global permissions and a new object-level grant', async () => {
    const calls: { method: string; path: string; body: unknown }[] = [];
    const onClose = vi.fn();
    renderWithApi(<RolesFormDialog role={null} open onClose={onClose} />, api(calls));

    await userEvent.type(screen.getByLabelText('Name'), 'API runners');
    await userEvent.click(await screen.findByRole('checkbox', { name: 'APIs: read' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Access logs: read' }));
    await userEvent.selectOptions(screen.getByLabelText('Action'), 'execute');
    await userEvent.type(screen.getByLabelText('Resource id'), objectId);
    await userEvent.click(screen.getByRole('button', { name: 'Add grant' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/admin/v1/permissions')).toBe(true));
    await userEvent.click(screen.getByRole('button', { name: 'Create role' }));

    await vi.waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(calls.find((c) => c.path === '/admin/v1/permissions' && c.method === 'POST')?.body).toEqual({ resourceType: 'api', action: 'execute', resourceId: objectId });
    expect(calls.find((c) => c.path === '/admin/v1/roles')?.body).toEqual({ name: 'API runners', description: '', permissionIds: ['p-api-read', 'p-log-read', 'p-new'] });
  });

  it('should require a name', async () => {
    const calls: { method: string; path: string; body: unknown }[] = [];
    renderWithApi(<RolesFormDialog role={null} open onClose={vi.fn()} />, api(calls));
    await userEvent.click(screen.getByRole('button', { name: 'Create role' }));
    expect(screen.getByText('Name is required')).toBeInTheDocument();
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });
});
