import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { toApiError } from '@/api/http';
import { TablePagination } from '@/components/data-table/table-pagination';
import { panelClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PageHeader } from '@/components/ui/feedback';
import { ListStatus } from '@/components/data-table/list-status';
import { inputClass } from '@/components/ui/field';
import { apiModulesListQueryOptions, useDeleteApiModule, useSaveApiModule, type ApiModulesListParams } from '@/features/api-modules/api';
import { ApiModulesFormDialog } from '@/features/api-modules/components/api-modules-form-dialog';
import { ApiModulesTable } from '@/features/api-modules/components/api-modules-table';
import type { ApiModule } from '@/features/api-modules/types';
import { meQueryOptions } from '@/features/auth/api';
import { can } from '@/lib/permissions';
import { toast } from '@/lib/toast';

export interface ApiModulesPageProps {
  params: ApiModulesListParams;
  onParamsChange: (next: Partial<ApiModulesListParams>) => void;
}

export function ApiModulesPage({ params, onParamsChange }: ApiModulesPageProps) {
  const { data: me } = useQuery(meQueryOptions());
  const list = useQuery(apiModulesListQueryOptions(params));
  const save = useSaveApiModule();
  const remove = useDeleteApiModule();
  const [editing, setEditing] = useState<ApiModule | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<ApiModule | null>(null);

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onParamsChange({ q: String(new FormData(event.currentTarget).get('q') ?? '').trim() || undefined, page: 1 });
  };
  const toggleActive = (m: ApiModule) =>
    save.mutate({ id: m.id, body: { isActive: !m.isActive } }, { onSuccess: () => toast.success(`${m.name} ${m.isActive ? 'deactivated' : 'activated'}`), onError: (e) => toast.error(toApiError(e).message) });
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
      <PageHeader title="Modules" description="Group related APIs; an inactive module stops serving its APIs." actions={can(me, 'api_module', 'create') && <Button onClick={() => setEditing(null)}>New module</Button>} />
      <div className={panelClass}>
        <form role="search" onSubmit={onSearch} className="flex gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
          <input aria-label="Search modules" name="q" type="search" defaultValue={params.q ?? ''} placeholder="Search by name" className={`${inputClass} max-w-xs`} />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        <ListStatus query={list} noun="modules" filtered={!!params.q} emptyHint="Create a module to hold your first API.">
          {(data) => (
            <>
              <ApiModulesTable modules={data.items} canUpdate={can(me, 'api_module', 'update')} canDelete={can(me, 'api_module', 'delete')} onEdit={setEditing} onToggleActive={toggleActive} onDelete={setDeleting} />
              <TablePagination page={params.page} pageSize={params.pageSize} total={data.total} onPageChange={(page) => onParamsChange({ page })} />
            </>
          )}
        </ListStatus>
      </div>
      {editing !== undefined && <ApiModulesFormDialog key={editing?.id ?? 'new'} module={editing} onClose={() => setEditing(undefined)} />}
      <ConfirmDialog
        open={!!deleting}
        title="Delete module"
        message={`Delete ${deleting?.name ?? ''}? A module that still holds APIs cannot be deleted.`}
        confirmLabel="Delete module"
        pending={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
