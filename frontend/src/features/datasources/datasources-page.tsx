import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { toApiError } from '@/api/http';
import { TablePagination } from '@/components/data-table/table-pagination';
import { panelClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState, PageHeader, TableSkeleton } from '@/components/ui/feedback';
import { inputClass } from '@/components/ui/field';
import { meQueryOptions } from '@/features/auth/api';
import { datasourcesListQueryOptions, useDeleteDatasource, useSetDatasourceActive, useTestDatasource, type DatasourcesListParams } from '@/features/datasources/api';
import { DatasourcesFormDialog } from '@/features/datasources/components/datasources-form-dialog';
import { DatasourcesTable } from '@/features/datasources/components/datasources-table';
import { datasourceTypeLabels, datasourceTypes } from '@/features/datasources/schemas';
import type { ConnectionTestResult, Datasource } from '@/features/datasources/types';
import { can } from '@/lib/permissions';
import { toast } from '@/lib/toast';

export interface DatasourcesPageProps {
  params: DatasourcesListParams;
  onParamsChange: (next: Partial<DatasourcesListParams>) => void;
}

export function DatasourcesPage({ params, onParamsChange }: DatasourcesPageProps) {
  const { data: me } = useQuery(meQueryOptions());
  const list = useQuery(datasourcesListQueryOptions(params));
  const setActive = useSetDatasourceActive();
  const remove = useDeleteDatasource();
  const test = useTestDatasource();
  const [editing, setEditing] = useState<Datasource | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<Datasource | null>(null);
  const [results, setResults] = useState<Record<string, ConnectionTestResult>>({});

  const openForm = (ds: Datasource | null) => {
    setEditing(ds);
    setFormOpen(true);
  };
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const type = String(data.get('type') ?? '');
    const active = String(data.get('isActive') ?? '');
    onParamsChange({ q: String(data.get('q') ?? '').trim() || undefined, type: (type || undefined) as DatasourcesListParams['type'], isActive: active ? active === 'true' : undefined, page: 1 });
  };
  const runTest = (ds: Datasource) =>
    test.mutate(
      { id: ds.id },
      {
        onSuccess: (result) => setResults((r) => ({ ...r, [ds.id]: result })),
        onError: (e) => toast.error(toApiError(e).message),
      },
    );
  const toggleActive = (ds: Datasource) =>
    setActive.mutate({ id: ds.id, isActive: !ds.isActive }, { onSuccess: () => toast.success(`${ds.name} ${ds.isActive ? 'deactivated' : 'activated'}`), onError: (e) => toast.error(toApiError(e).message) });
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
      <PageHeader
        title="Data sources"
        description="External databases your APIs run against."
        actions={can(me, 'datasource', 'create') && <Button onClick={() => openForm(null)}>New data source</Button>}
      />
      <div className={panelClass}>
        <form role="search" onSubmit={onSearch} className="flex flex-wrap gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
          <input aria-label="Search data sources" name="q" type="search" defaultValue={params.q ?? ''} placeholder="Name, host or database" className={`${inputClass} max-w-xs`} />
          <select aria-label="Type" name="type" defaultValue={params.type ?? ''} className={`${inputClass} w-44`}>
            <option value="">All types</option>
            {datasourceTypes.map((t) => (
              <option key={t} value={t}>
                {datasourceTypeLabels[t]}
              </option>
            ))}
          </select>
          <select aria-label="Status" name="isActive" defaultValue={params.isActive === undefined ? '' : String(params.isActive)} className={`${inputClass} w-36`}>
            <option value="">Any status</option>
            <option value="true">Active</option>
            <option value="false">Inactive</option>
          </select>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
        {list.isPending ? (
          <TableSkeleton label="Loading data sources" />
        ) : list.isError ? (
          <EmptyState title="Could not load data sources" description={toApiError(list.error).message} action={<Button variant="secondary" onClick={() => void list.refetch()}>Retry</Button>} />
        ) : list.data.items.length === 0 ? (
          <EmptyState
            title={params.q || params.type || params.isActive !== undefined ? 'No matching data sources' : 'No data sources yet'}
            description={params.q || params.type || params.isActive !== undefined ? 'Try other filters.' : 'Add the database your first API will query.'}
          />
        ) : (
          <>
            <DatasourcesTable
              datasources={list.data.items}
              canUpdate={can(me, 'datasource', 'update')}
              canDelete={can(me, 'datasource', 'delete')}
              canTest={can(me, 'datasource', 'execute')}
              testing={test.isPending && test.variables && 'id' in test.variables ? test.variables.id : null}
              results={results}
              onEdit={openForm}
              onTest={runTest}
              onToggleActive={toggleActive}
              onDelete={setDeleting}
            />
            <TablePagination page={params.page} pageSize={params.pageSize} total={list.data.total} onPageChange={(page) => onParamsChange({ page })} />
          </>
        )}
      </div>
      {formOpen && <DatasourcesFormDialog key={editing?.id ?? 'new'} datasource={editing} open={formOpen} onClose={() => setFormOpen(false)} />}
      <ConfirmDialog
        open={!!deleting}
        title="Delete data source"
        message={`Delete ${deleting?.name ?? ''}? APIs that use it stop working. This cannot be undone.`}
        confirmLabel="Delete data source"
        pending={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
