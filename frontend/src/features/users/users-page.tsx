import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { UserResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { TablePagination } from '@/components/data-table/table-pagination';
import { panelClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState, PageHeader, TableSkeleton } from '@/components/ui/feedback';
import { inputClass } from '@/components/ui/field';
import { meQueryOptions } from '@/features/auth/api';
import { useDeleteUser, usersListQueryOptions, useUpdateUser, type UsersListParams } from '@/features/users/api';
import { UsersFormDialog } from '@/features/users/components/users-form-dialog';
import { UsersTable } from '@/features/users/components/users-table';
import { can } from '@/lib/permissions';
import { toast } from '@/lib/toast';

export interface UsersPageProps {
  params: UsersListParams;
  onParamsChange: (next: Partial<UsersListParams>) => void;
}

export function UsersPage({ params, onParamsChange }: UsersPageProps) {
  const { data: me } = useQuery(meQueryOptions());
  const users = useQuery(usersListQueryOptions(params));
  const updateUser = useUpdateUser();
  const deleteUser = useDeleteUser();
  const [editing, setEditing] = useState<UserResponseDto | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<UserResponseDto | null>(null);

  const openForm = (user: UserResponseDto | null) => {
    setEditing(user);
    setFormOpen(true);
  };
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onParamsChange({ q: String(new FormData(event.currentTarget).get('q') ?? '').trim() || undefined, page: 1 });
  };
  const toggleActive = (user: UserResponseDto) =>
    updateUser.mutate(
      { id: user.id, body: { isActive: !user.isActive } },
      {
        onSuccess: () => toast.success(`${user.email} ${user.isActive ? 'deactivated' : 'activated'}`),
        onError: (e) => toast.error(toApiError(e).message),
      },
    );
  const confirmDelete = () =>
    deleting &&
    deleteUser.mutate(deleting.id, {
      onSuccess: () => {
        toast.success(`${deleting.email} deleted`);
        setDeleting(null);
      },
      onError: (e) => toast.error(toApiError(e).message),
    });

  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to the dashboard."
        actions={can(me, 'user', 'create') && <Button onClick={() => openForm(null)}>New user</Button>}
      />
      <div className={panelClass}>
        <form role="search" onSubmit={onSearch} className="flex gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
          <label htmlFor="users-search" className="sr-only">
            Search users
          </label>
          <input id="users-search" name="q" type="search" defaultValue={params.q ?? ''} placeholder="Search by name or email" className={`${inputClass} max-w-xs`} />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        {users.isPending ? (
          <TableSkeleton label="Loading users" />
        ) : users.isError ? (
          <EmptyState title="Could not load users" description={toApiError(users.error).message} action={<Button variant="secondary" onClick={() => void users.refetch()}>Retry</Button>} />
        ) : users.data.items.length === 0 ? (
          <EmptyState title={params.q ? 'No matching users' : 'No users yet'} description={params.q ? 'Try another search.' : 'Create the first user to share the dashboard.'} />
        ) : (
          <>
            <UsersTable
              users={users.data.items}
              currentUserId={me?.id ?? ''}
              canUpdate={can(me, 'user', 'update')}
              canDelete={can(me, 'user', 'delete')}
              onEdit={openForm}
              onToggleActive={toggleActive}
              onDelete={setDeleting}
            />
            <TablePagination page={params.page} pageSize={params.pageSize} total={users.data.total} onPageChange={(page) => onParamsChange({ page })} />
          </>
        )}
      </div>
      <UsersFormDialog key={editing?.id ?? 'new'} user={editing} open={formOpen} onClose={() => setFormOpen(false)} />
      <ConfirmDialog
        open={!!deleting}
        title="Delete user"
        message={`Delete ${deleting?.email ?? ''}? They will no longer be able to sign in. This cannot be undone.`}
        confirmLabel="Delete user"
        pending={deleteUser.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
