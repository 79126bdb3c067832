import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RoleResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { panelClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState, PageHeader, TableSkeleton } from '@/components/ui/feedback';
import { meQueryOptions } from '@/features/auth/api';
import { rolesListQueryOptions, useDeleteRole } from '@/features/roles/api';
import { RolesFormDialog } from '@/features/roles/components/roles-form-dialog';
import { RolesTable } from '@/features/roles/components/roles-table';
import { can } from '@/lib/permissions';
import { toast } from '@/lib/toast';

export function RolesPage() {
  const { data: me } = useQuery(meQueryOptions());
  const roles = useQuery(rolesListQueryOptions());
  const deleteRole = useDeleteRole();
  const [editing, setEditing] = useState<RoleResponseDto | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<RoleResponseDto | null>(null);

  const openForm = (role: RoleResponseDto | null) => {
    setEditing(role);
    setFormOpen(true);
  };
  const confirmDelete = () =>
    deleting &&
    deleteRole.mutate(deleting.id, {
      onSuccess: () => {
        toast.success(`Role ${deleting.name} deleted`);
        setDeleting(null);
      },
      onError: (e) => toast.error(toApiError(e).message),
    });
  const newButton = can(me, 'role', 'create') && <Button onClick={() => openForm(null)}>New role</Button>;

  return (
    <>
      <PageHeader title="Roles" description="Named sets of permissions that you give to users." actions={newButton} />
      <div className={panelClass}>
        {roles.isPending ? (
          <TableSkeleton label="Loading roles" />
        ) : roles.isError ? (
          <EmptyState title="Could not load roles" description={toApiError(roles.error).message} />
        ) : roles.data.items.length === 0 ? (
          <EmptyState title="No roles yet" description="Create a role, tick its permissions, then give it to users." action={newButton} />
        ) : (
          <RolesTable roles={roles.data.items} canUpdate={can(me, 'role', 'update')} canDelete={can(me, 'role', 'delete')} onEdit={openForm} onDelete={setDeleting} />
        )}
      </div>
      {formOpen && <RolesFormDialog key={editing?.id ?? 'new'} role={editing} open={formOpen} onClose={() => setFormOpen(false)} />}
      <ConfirmDialog
        open={!!deleting}
        title="Delete role"
        message={`Delete the role ${deleting?.name ?? ''}? Users holding it lose its permissions.`}
        confirmLabel="Delete role"
        pending={deleteRole.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
