import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { PermissionResponseDto } from '@/api/client';
import { RolesObjectGrants } from '@/features/roles/components/roles-object-grants';
import { renderWithApi } from '@/test/render';

const ordersId = '6f1c2f7e-0000-4000-8000-000000000001';
const usersId = '6f1c2f7e-0000-4000-8000-000000000002';
const apis = [
  { id: ordersId, method: 'GET', path: 'orders/{id}', name: 'Order' },
  { id: usersId, method: 'POST', path: 'users', name: 'Users' },
];
const existing: PermissionResponseDto[] = [{ id: 'p-orders-read', resourceType: 'api', action: 'read', resourceId: ordersId } as PermissionResponseDto];

function Harness({ onChange }: { onChange: (ids: string[]) => void }) {
  const [value, setValue] = useState<string[]>([]);
  return (
    <RolesObjectGrants
      permissions={existing}
      value={value}
      onChange={(ids) => {
        setValue(ids);
        onChange(ids);
      }}
    />
  );
}

describe('RolesObjectGrants', () => {
  it('should name existing grants and create a new one picked by resource name', async () => {
    const changes: string[][] = [];
    const posted: unknown[] = [];
    renderWithApi(<Harness onChange={(ids) => changes.push(ids)} />, async (request) => {
      const url = new URL(request.url);
      if (url.pathname === '/admin/v1/apis') return { status: 200, body: { items: apis, total: 2, page: 1, pageSize: 100 } };
      if (url.pathname === '/admin/v1/permissions' && request.method === 'POST') {
        const body = await request.json();
        posted.push(body);
        return { status: 201, body: { id: 'p-new', ...body } };
      }
      return { status: 404, body: { code: 'NOT_FOUND', message: 'no', requestId: 'x' } };
    });
    expect(await screen.findByText('on GET /orders/{id}')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Action'), 'execute');
    await userEvent.selectOptions(screen.getByLabelText('Resource'), 'POST /users');
    await userEvent.click(screen.getByRole('button', { name: 'Add grant' }));
    await screen.findByRole('option', { name: 'Choose…', selected: true });
    expect(posted).toEqual([{ resourceType: 'api', action: 'execute', resourceId: usersId }]);
    expect(changes.at(-1)).toEqual(['p-new']);
  });
});
