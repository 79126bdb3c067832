import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { GroupResponseDto } from '@/api/client';
import { toApiError } from '@/api/http';
import { TablePagination } from '@/components/data-table/table-pagination';
import { panelClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PageHeader } from '@/components/ui/feedback';
import { ListStatus } from '@/components/data-table/list-status';
import { inputClass } from '@/components/ui/field';
import { meQueryOptions } from '@/features/auth/api';
import { groupsListQueryOptions, useDeleteGroup, type GroupsListParams } from '@/features/groups/api';
import { GroupsFormDialog } from '@/features/groups/components/groups-form-dialog';
import { GroupsTable } from '@/features/groups/components/groups-table';
import { can } from '@/lib/permissions';
import { toast } from '@/lib/toast';

export interface GroupsPageProps {
  params: GroupsListParams;
  onParamsChange: (next: Partial<GroupsListParams>) => void;
}

export function GroupsPage({ params, onParamsChange }: GroupsPageProps) {
  const { data: me } = useQuery(meQueryOptions());
  const list = useQuery(groupsListQueryOptions(params));
  const remove = useDeleteGroup();
  const [editing, setEditing] = useState<GroupResponseDto | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<GroupResponseDto | null>(null);

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onParamsChange({ q: String(new FormData(event.currentTarget).get('q') ?? '').trim() || undefined, page: 1 });
  };
  const confirmDelete = () =>
    deleting &&
    remove.mutate(deleting.id, {
      onSuccess: () => {
        toast.success(`${deleting.name} deleted`);
        setDeleting(null);
      },
      onError: (e) => toast.error(toApiError(e).message),
    });

  return (
    <>
      <PageHeader title="Groups" description="Sets of APIs that clients may call." actions={can(me, 'group', 'create') && <Button onClick={() => setEditing(null)}>New group</Button>} />
      <div className={panelClass}>
        <form role="search" onSubmit={onSearch} className="flex gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
          <input aria-label="Search groups" name="q" type="search" defaultValue={params.q ?? ''} placeholder="Search by name" className={`${inputClass} max-w-xs`} />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        <ListStatus query={list} noun="groups" filtered={!!params.q} emptyHint="Create a group to grant clients a set of APIs.">
          {(data) => (
            <>
              <GroupsTable groups={data.items} canUpdate={can(me, 'group', 'update')} canDelete={can(me, 'group', 'delete')} onEdit={setEditing} onDelete={setDeleting} />
              <TablePagination page={params.page} pageSize={params.pageSize} total={data.total} onPageChange={(page) => onParamsChange({ page })} />
            </>
          )}
        </ListStatus>
      </div>
      {editing !== undefined && <GroupsFormDialog key={editing?.id ?? 'new'} group={editing} onClose={() => setEditing(undefined)} />}
      <ConfirmDialog
        open={!!deleting}
        title="Delete group"
        message={`Delete ${deleting?.name ?? ''}? Clients in it lose access to its APIs.`}
        confirmLabel="Delete group"
        pending={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
