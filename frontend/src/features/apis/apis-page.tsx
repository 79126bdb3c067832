import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { toApiError } from '@/api/http';
import { TablePagination } from '@/components/data-table/table-pagination';
import { panelClass } from '@/components/data-table/table-styles';
import { Button } from '@/components/ui/button';
import { EmptyState, PageHeader, TableSkeleton } from '@/components/ui/feedback';
import { apiModuleOptionsQueryOptions } from '@/features/api-modules/api';
import { apisListQueryOptions, type ApisListParams } from '@/features/apis/api';
import { ApisCreateDialog } from '@/features/apis/components/apis-create-dialog';
import { ApisFilters } from '@/features/apis/components/apis-filters';
import { ApisTable } from '@/features/apis/components/apis-table';
import type { ApisSearch } from '@/features/apis/schemas';
import { meQueryOptions } from '@/features/auth/api';
import { can } from '@/lib/permissions';

export interface ApisPageProps {
  params: ApisListParams;
  onParamsChange: (next: Partial<ApisSearch>) => void;
}

export function ApisPage({ params, onParamsChange }: ApisPageProps) {
  const navigate = useNavigate();
  const { data: me } = useQuery(meQueryOptions());
  const list = useQuery(apisListQueryOptions(params));
  const modules = useQuery(apiModuleOptionsQueryOptions());
  const [creating, setCreating] = useState(false);
  const moduleNames = Object.fromEntries((modules.data ?? []).map((m) => [m.id, m.name]));
  const filtered = Boolean(params.q || params.moduleId || params.status || params.method || params.engine || params.accessType);

  return (
    <>
      <PageHeader title="APIs" description="SQL templates and scripts served under /api/<path>." actions={can(me, 'api', 'create') && <Button onClick={() => setCreating(true)}>New API</Button>} />
      <div className={panelClass}>
        <ApisFilters search={params} onChange={onParamsChange} />
        {list.isPending ? (
          <TableSkeleton label="Loading APIs" />
        ) : list.isError ? (
          <EmptyState title="Could not load APIs" description={toApiError(list.error).message} action={<Button variant="secondary" onClick={() => void list.refetch()}>Retry</Button>} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title={filtered ? 'No matching APIs' : 'No APIs yet'} description={filtered ? 'Try other filters.' : 'Create an API: a SQL template with typed parameters.'} />
        ) : (
          <>
            <ApisTable apis={list.data.items} moduleNames={moduleNames} />
            <TablePagination page={params.page} pageSize={params.pageSize} total={list.data.total} onPageChange={(page) => onParamsChange({ page })} />
          </>
        )}
      </div>
      {creating && <ApisCreateDialog defaultModuleId={params.moduleId} onClose={() => setCreating(false)} onCreated={(api) => void navigate({ to: '/apis/$apiId', params: { apiId: api.id } })} />}
    </>
  );
}
