import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Toaster } from '@/components/ui/toaster';
import { UsersFormDialog } from '@/features/users/components/users-form-dialog';
import { renderWithApi, type FakeResponse } from '@/test/render';

const roles = {
  items: [
    { id: 'r-admin', name: 'Admin', description: 'Everything', isSystem: true, permissionIds: [], createdAt: '', updatedAt: '' },
    { id: 'r-viewer', name: 'Viewer', description: 'Reads everything', isSystem: true, permissionIds: [], createdAt: '', updatedAt: '' },
  ],
  total: 2,
  page: 1,
  pageSize: 100,
};

function api(onCreate: (body: unknown) => FakeResponse) {
  return async (request: Request): Promise<FakeResponse> => {
    const path = new URL(request.url).pathname;
    if (request.method === 'GET' && path === '/admin/v1/roles') return { status: 200, body: roles };
    if (request.method === 'POST' && path === '/admin/v1/users') return onCreate(await request.json());
    return { status: 404, body: { code: 'NOT_FOUND', message: `unexpected ${request.method} ${path}`, requestId: 'x' } };
  };
}

async function fillNewUser() {
  await userEvent.type(await screen.findByLabelText('Name'), 'Grace Hopper');
  await userEvent.type(screen.getByLabelText('Email'), 'grace@example.com');
  await userEvent.type(screen.getByLabelText('Password'), 'a-long-enough-password');
  await userEvent.click(screen.getByRole('checkbox', { name: /Viewer/ }));
  await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
}

describe('UsersFormDialog', () => {
  it('should create the user with the selected roles and close', async () => {
    const onClose = vi.fn();
    const created = vi.fn((body: unknown): FakeResponse => ({ status: 201, body: { id: 'u2', ...(body as object), createdAt: '', updatedAt: '' } }));
    renderWithApi(<UsersFormDialog user={null} open onClose={onClose} />, api(created));
    await fillNewUser();

    await vi.waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(created).toHaveBeenCalledWith({
      email: 'grace@example.com',
      name: 'Grace Hopper',
      password: 'a-long-enough-password',
      isActive: true,
      isSuperuser: false,
      roleIds: ['r-viewer'],
    });
  });

  it('should show the server message in a toast and stay open when creation fails', async () => {
    const onClose = vi.fn();
    renderWithApi(
      <>
        <UsersFormDialog user={null} open onClose={onClose} />
        <Toaster />
      </>,
      api(() => ({ status: 409, body: { code: 'USER_EMAIL_TAKEN', message: 'A user with this email already exists', requestId: 'r1' } })),
    );
    await fillNewUser();

    expect(await screen.findByRole('alert')).toHaveTextContent('A user with this email already exists');
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'New user' })).toBeInTheDocument();
  });

  it('should refuse a short password before calling the server', async () => {
    const created = vi.fn();
    renderWithApi(<UsersFormDialog user={null} open onClose={vi.fn()} />, api(created));
    await userEvent.type(await screen.findByLabelText('Name'), 'Grace');
    await userEvent.type(screen.getByLabelText('Email'), 'grace@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));

    expect(screen.getByText('At least 12 characters')).toBeInTheDocument();
    expect(created).not.toHaveBeenCalled();
  });
});
