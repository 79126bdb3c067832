import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { PermissionResponseDto } from '@/api/client';
import { RolesPermissionMatrix } from '@/features/roles/components/roles-permission-matrix';

const permissions: PermissionResponseDto[] = [
  { id: 'p-user-read', resourceType: 'user', action: 'read', resourceId: null },
  { id: 'p-user-update', resourceType: 'user', action: 'update', resourceId: null },
  { id: 'p-api-read', resourceType: 'api', action: 'read', resourceId: null },
  { id: 'p-api-one', resourceType: 'api', action: 'execute', resourceId: '6f1c2f7e-0000-4000-8000-000000000001' },
];

function Harness({ initial, onChange }: { initial: string[]; onChange: (ids: string[]) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <RolesPermissionMatrix
      permissions={permissions}
      value={value}
      onChange={(ids) => {
        setValue(ids);
        onChange(ids);
      }}
    />
  );
}

describe('RolesPermissionMatrix', () => {
  it('should tick and untick one permission', async () => {
    const onChange = vi.fn();
    render(<Harness initial={['p-api-read']} onChange={onChange} />);
    const userRead = screen.getByRole('checkbox', { name: 'Users: read' });
    expect(userRead).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'APIs: read' })).toBeChecked();

    await userEvent.click(userRead);
    expect(userRead).toBeChecked();
    expect(onChange).toHaveBeenLastCalledWith(['p-api-read', 'p-user-read']);

    await userEvent.click(screen.getByRole('checkbox', { name: 'APIs: read' }));
    expect(onChange).toHaveBeenLastCalledWith(['p-user-read']);
  });

  it('should toggle a whole row with its All box', async () => {
    const onChange = vi.fn();
    render(<Harness initial={[]} onChange={onChange} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Users: all actions' }));
    expect(onChange).toHaveBeenLastCalledWith(['p-user-read', 'p-user-update']);
    expect(screen.getByRole('checkbox', { name: 'Users: update' })).toBeChecked();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Users: all actions' }));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it('should offer a checkbox only where a global permission exists', () => {
    render(<Harness initial={[]} onChange={vi.fn()} />);
    expect(screen.queryByRole('checkbox', { name: 'Users: delete' })).not.toBeInTheDocument();
    // The object-level row (api execute on one id) is not part of the global matrix.
    expect(screen.queryByRole('checkbox', { name: 'APIs: execute' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Roles: all actions' })).not.toBeInTheDocument();
  });
});
